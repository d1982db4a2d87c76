import { Migration } from '@mikro-orm/migrations';

/** Idempotency keys of POST requests (IdempotencyModule in @tsunagu/platform-http), kept 24 hours. */
export class Migration20261201100000 extends Migration {
  override async up(): Promise<void> {
    // Frozen output of idempotencyMigrationSql('matching') when this migration was written: a migration never changes with the helper.
    this.addSql(`create table "matching"."idempotency_key" ("municipality" varchar(6) not null, "subject" varchar(255) not null, "key" varchar(200) not null, "fingerprint" char(64) not null, "status" smallint null, "response" jsonb null, "created_at" timestamptz not null default now(), constraint "idempotency_key_pkey" primary key ("municipality", "subject", "key"));`);
    this.addSql(`create index "idempotency_key_created_at_index" on "matching"."idempotency_key" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "matching"."idempotency_key" cascade;`);
  }
}
