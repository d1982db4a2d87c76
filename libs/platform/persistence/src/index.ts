export * from './lib/tenant-entity';
export * from './lib/optimistic-lock';
export * from './lib/orm-options';
export * from './lib/migrate';
export * from './lib/persistence.module';
export * from './lib/tenant-settings';
export * from './lib/row-level-security';
export * from './lib/database-role';
