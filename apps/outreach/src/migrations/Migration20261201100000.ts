import { Migration } from '@mikro-orm/migrations';
import { idempotencyMigrationSql } from '@tsunagu/platform-http';

/** Idempotency keys of POST requests (IdempotencyModule in @tsunagu/platform-http), kept 24 hours. */
export class Migration20261201100000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of idempotencyMigrationSql('outreach')) this.addSql(statement);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outreach"."idempotency_key" cascade;`);
  }
}
