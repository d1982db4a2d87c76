export * from './codes';
export * from './events';
export * from './case-codes';
export * from './case-events';
export * from './retention';
export * from './personal-information-files';
