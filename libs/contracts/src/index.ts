export * from './lib/event-contract';
export * from './lib/cloud-event';
export * from './lib/schema-validation';
export * from './registry';
