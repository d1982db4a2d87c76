export * from './lib/organization-copy.entity';
export * from './lib/organization-check';
export * from './lib/organization-events.handlers';
