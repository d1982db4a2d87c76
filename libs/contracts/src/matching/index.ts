export * from './codes';
export * from './events';
export * from './rpc';
export * from './personal-information-files';
