import { Migration } from '@mikro-orm/migrations';

/** Idempotency keys of POST requests (see IdempotencyModule in @tsunagu/platform-http), kept 24 hours. */
export class Migration20261126161500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "intake"."idempotency_key" ("municipality" varchar(6) not null, "subject" varchar(255) not null, "key" varchar(200) not null, "fingerprint" char(64) not null, "status" smallint null, "response" jsonb null, "created_at" timestamptz not null default now(), constraint "idempotency_key_pkey" primary key ("municipality", "subject", "key"));`,
    );
    this.addSql(`create index "idempotency_key_created_at_index" on "intake"."idempotency_key" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "intake"."idempotency_key" cascade;`);
  }
}
