import { Migration } from '@mikro-orm/migrations';
import { coreProjectionDdl } from '../projections/projection-schema';

/** Projection tables (live set), reporting settings, and the messaging inbox/outbox. */
export class Migration20261127090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "reporting";`);
    for (const statement of coreProjectionDdl('reporting')) this.addSql(`${statement};`);
    this.addSql(`create table "reporting"."reporting_setting" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "suppression_threshold" int not null, constraint "reporting_setting_pkey" primary key ("id"));`);
    this.addSql(`create index "reporting_setting_municipality_index" on "reporting"."reporting_setting" ("municipality");`);
    this.addSql(`alter table "reporting"."reporting_setting" add constraint "reporting_setting_municipality_unique" unique ("municipality");`);
    this.addSql(`create table "reporting"."inbox_entry" ("consumer" varchar(255) not null, "message_id" uuid not null, "processed_at" timestamptz not null default now(), constraint "inbox_entry_pkey" primary key ("consumer", "message_id"));`);
    this.addSql(`create table "reporting"."outbox_event" ("id" uuid not null, "type" varchar(255) not null, "source" varchar(255) not null, "subject" varchar(255) not null, "aggregate_id" varchar(255) not null, "municipality" varchar(6) not null, "data" jsonb not null, "traceparent" varchar(55) null, "tracestate" varchar(512) null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "claimed_until" timestamptz null, "last_error" text null, constraint "outbox_event_pkey" primary key ("id"));`);
    // Frozen output of messagingMigrationSql('reporting') when this migration was written: a migration never changes with the helper.
    this.addSql(`create index if not exists outbox_event_due_idx on "reporting".outbox_event (next_attempt_at, id) where published_at is null;`);
    this.addSql(`create index if not exists outbox_event_published_at_idx on "reporting".outbox_event (published_at) where published_at is not null;`);
    this.addSql(`create or replace function "reporting".outbox_event_notify() returns trigger language plpgsql as $$ begin perform pg_notify('tsunagu_outbox_reporting', ''); return null; end $$;`);
    this.addSql(`drop trigger if exists outbox_event_notify on "reporting".outbox_event;`);
    this.addSql(`create trigger outbox_event_notify after insert on "reporting".outbox_event for each statement execute function "reporting".outbox_event_notify();`);
  }

  override async down(): Promise<void> {
    for (const table of ['projected_event', 'district', 'resource_fact', 'household', 'consultation', 'referral', 'reporting_setting', 'inbox_entry', 'outbox_event']) this.addSql(`drop table if exists "reporting"."${table}" cascade;`);
  }
}
