export * from './lib/telemetry';
export * from './lib/logging';
export * from './lib/safe-error';
export * from './lib/request-id';
export * from './lib/span-redaction';
export * from './lib/periodic-job';
