export * from './lib/readiness';
export * from './lib/metrics';
export * from './lib/health.controller';
export * from './lib/health.module';
export * from './lib/database-readiness';
export * from './lib/service-app';
