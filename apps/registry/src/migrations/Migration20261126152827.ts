import { Migration } from '@mikro-orm/migrations';
import { auditMigrationSql } from '@tsunagu/platform-audit';
import { messagingMigrationSql } from '@tsunagu/platform-messaging';

/** Transactional outbox/inbox (platform-messaging) and the append-only audit trail (platform-audit). */
export class Migration20261126152827 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "registry"."inbox_entry" ("consumer" varchar(255) not null, "message_id" uuid not null, "processed_at" timestamptz not null default now(), constraint "inbox_entry_pkey" primary key ("consumer", "message_id"));`);

    this.addSql(`create table "registry"."outbox_event" ("id" uuid not null, "type" varchar(255) not null, "source" varchar(255) not null, "subject" varchar(255) not null, "aggregate_id" varchar(255) not null, "municipality" varchar(6) not null, "data" jsonb not null, "traceparent" varchar(55) null, "tracestate" varchar(512) null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "claimed_until" timestamptz null, "last_error" text null, constraint "outbox_event_pkey" primary key ("id"));`);
    for (const sql of messagingMigrationSql('registry')) this.addSql(sql);
    for (const sql of auditMigrationSql('registry')) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "registry"."inbox_entry" cascade;`);

    this.addSql(`drop table if exists "registry"."outbox_event" cascade;`);
    this.addSql(`drop table if exists "registry"."audit_checkpoint" cascade;`);
    this.addSql(`drop table if exists "registry"."audit_record" cascade;`);
  }

}
