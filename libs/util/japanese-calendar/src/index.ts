export * from './lib/business-days';
