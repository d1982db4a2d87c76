export * from './lib/telemetry';
export * from './lib/logging';
