import { Migration } from '@mikro-orm/migrations';

/** Transactional outbox/inbox (platform-messaging) and the append-only audit trail (platform-audit). */
export class Migration20261126152827 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "registry"."inbox_entry" ("consumer" varchar(255) not null, "message_id" uuid not null, "processed_at" timestamptz not null default now(), constraint "inbox_entry_pkey" primary key ("consumer", "message_id"));`);

    this.addSql(`create table "registry"."outbox_event" ("id" uuid not null, "type" varchar(255) not null, "source" varchar(255) not null, "subject" varchar(255) not null, "aggregate_id" varchar(255) not null, "municipality" varchar(6) not null, "data" jsonb not null, "traceparent" varchar(55) null, "tracestate" varchar(512) null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "claimed_until" timestamptz null, "last_error" text null, constraint "outbox_event_pkey" primary key ("id"));`);
    // Frozen output of messagingMigrationSql('registry') when this migration was written: a migration never changes with the helper.
    this.addSql(`create index if not exists outbox_event_due_idx on "registry".outbox_event (next_attempt_at, id) where published_at is null;`);
    this.addSql(`create index if not exists outbox_event_published_at_idx on "registry".outbox_event (published_at) where published_at is not null;`);
    this.addSql(`create or replace function "registry".outbox_event_notify() returns trigger language plpgsql as $$ begin perform pg_notify('tsunagu_outbox_registry', ''); return null; end $$;`);
    this.addSql(`drop trigger if exists outbox_event_notify on "registry".outbox_event;`);
    this.addSql(`create trigger outbox_event_notify after insert on "registry".outbox_event for each statement execute function "registry".outbox_event_notify();`);
    // Frozen output of auditMigrationSql('registry') when this migration was written: a migration never changes with the helper.
    this.addSql(`create schema if not exists "registry"`);
    this.addSql(`create table "registry".audit_record (
      seq bigserial primary key,
      id uuid not null unique,
      occurred_at timestamptz not null,
      actor text,
      roles text[] not null default '{}',
      agency text,
      municipality varchar(6),
      client boolean not null default false,
      action text not null check (action ~ '^[a-z][a-z-]*$'),
      resource_type text not null,
      resource_id text,
      outcome text not null check (outcome in ('success', 'denied', 'error')),
      http_status smallint,
      request_id text,
      trace_id text,
      prev_hash char(64) not null,
      hash char(64) not null unique
    )`);
    this.addSql(`create index audit_record_municipality_time_idx on "registry".audit_record (municipality, occurred_at)`);
    this.addSql(`create index audit_record_actor_time_idx on "registry".audit_record (actor, occurred_at)`);
    this.addSql(`create index audit_record_resource_idx on "registry".audit_record (resource_type, resource_id, occurred_at)`);
    this.addSql(`create table "registry".audit_checkpoint (
      id bigserial primary key,
      created_at timestamptz not null default now(),
      chain_seq bigint not null,
      head_hash char(64) not null,
      key_id text not null,
      signature text not null
    )`);
    this.addSql(`create or replace function "registry".audit_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit trail is append-only: % on %.% refused', tg_op, tg_table_schema, tg_table_name
          using errcode = 'insufficient_privilege';
      end
    $$`);
    this.addSql(`create trigger audit_record_append_only before update or delete on "registry".audit_record for each row execute function "registry".audit_refuse_change()`);
    this.addSql(`create trigger audit_record_no_truncate before truncate on "registry".audit_record for each statement execute function "registry".audit_refuse_change()`);
    this.addSql(`create trigger audit_checkpoint_append_only before update or delete on "registry".audit_checkpoint for each row execute function "registry".audit_refuse_change()`);
    this.addSql(`create trigger audit_checkpoint_no_truncate before truncate on "registry".audit_checkpoint for each statement execute function "registry".audit_refuse_change()`);
    this.addSql(`revoke update, delete, truncate on "registry".audit_record, "registry".audit_checkpoint from public`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "registry"."inbox_entry" cascade;`);

    this.addSql(`drop table if exists "registry"."outbox_event" cascade;`);
    this.addSql(`drop table if exists "registry"."audit_checkpoint" cascade;`);
    this.addSql(`drop table if exists "registry"."audit_record" cascade;`);
  }

}
