export * from './lib/csv';
export * from './lib/decode';
