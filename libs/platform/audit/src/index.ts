export * from './lib/audit-record';
export * from './lib/audit-migration';
export * from './lib/audited.decorator';
export * from './lib/audit.service';
export * from './lib/audit-trail';
export * from './lib/audit.interceptor';
export * from './lib/audit-records.controller';
export * from './lib/audit.module';
