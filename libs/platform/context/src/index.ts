export * from './lib/principal';
export * from './lib/request-context';
