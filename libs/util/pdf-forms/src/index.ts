export * from './lib/form-document';
