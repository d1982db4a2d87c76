export * from './codes';
export * from './events';
export * from './rpc';
