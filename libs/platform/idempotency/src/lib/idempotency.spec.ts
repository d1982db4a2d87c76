import { idempotencyMigrationSql } from './idempotency';

describe('the idempotency key table of a service migration', () => {
  it('is created in the service schema, keyed by municipality, caller and key', () => {
    const [table, index] = idempotencyMigrationSql('outreach');
    expect(table).toContain('create table "outreach"."idempotency_key"');
    expect(table).toContain('primary key ("municipality", "subject", "key")');
    expect(index).toContain('on "outreach"."idempotency_key" ("created_at")');
  });

  it('refuses a schema name that is not a plain identifier (it is written into the SQL)', () => {
    expect(() => idempotencyMigrationSql('intake"; drop table x; --')).toThrow(/invalid schema name/);
    expect(() => idempotencyMigrationSql('Intake')).toThrow(/invalid schema name/);
  });
});
