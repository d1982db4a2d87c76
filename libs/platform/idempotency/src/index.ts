export * from './lib/idempotency';
