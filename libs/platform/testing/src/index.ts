export * from './lib/test-database';
export * from './lib/test-nats';
export * from './lib/expect-eventually';
export * from './lib/test-issuer';
export * from './lib/test-http';
export * from './lib/stream-events';
