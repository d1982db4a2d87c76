export * from './codes';
export * from './events';
