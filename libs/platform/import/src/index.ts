export * from './lib/import-header';
export * from './lib/import-row';
export * from './lib/import-table';
export * from './lib/import-run';
export * from './lib/import-source';
export * from './lib/import-records';
export * from './lib/import-jobs';
