import { Migration } from '@mikro-orm/migrations';

/** Matching tables: needs, hosts, opportunities, matches, follow-ups, menu gaps, settings, consent copies; outbox/inbox; audit trail. */
export class Migration20261126175740 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "matching";`);
    this.addSql(`create table "matching"."consent_copy" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "consent_id" uuid not null, "person_id" uuid not null, "scope" varchar(30) not null, "target_organization_ids" text[] not null, "status" varchar(20) not null, "status_at" timestamptz not null, constraint "consent_copy_pkey" primary key ("id"));`);
    this.addSql(`create index "consent_copy_municipality_index" on "matching"."consent_copy" ("municipality");`);
    this.addSql(`create index "consent_copy_municipality_person_id_scope_index" on "matching"."consent_copy" ("municipality", "person_id", "scope");`);
    this.addSql(`alter table "matching"."consent_copy" add constraint "consent_copy_municipality_consent_id_unique" unique ("municipality", "consent_id");`);

    this.addSql(`create table "matching"."follow_up" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "match_id" uuid not null, "side" varchar(20) not null, "method" varchar(20) not null, "held_on" date not null, "issues" text null, "adjustments" text null, "next_due_on" date null, "staff" varchar(200) not null, "staff_organization_id" uuid null, constraint "follow_up_pkey" primary key ("id"));`);
    this.addSql(`create index "follow_up_municipality_index" on "matching"."follow_up" ("municipality");`);
    this.addSql(`create index "follow_up_municipality_match_id_index" on "matching"."follow_up" ("municipality", "match_id");`);

    this.addSql(`create table "matching"."host" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "organization_id" uuid not null, "name" varchar(200) not null, "host_types" text[] not null, "accepts" text[] not null, "accommodations" text[] not null, "accommodation_notes" text null, "contact_person" varchar(200) null, "district_ids" text[] not null, "agreement_status" varchar(20) not null default 'registered', "registered_on" date not null, constraint "host_pkey" primary key ("id"));`);
    this.addSql(`create index "host_municipality_index" on "matching"."host" ("municipality");`);
    this.addSql(`alter table "matching"."host" add constraint "host_municipality_organization_id_unique" unique ("municipality", "organization_id");`);

    this.addSql(`create table "matching"."inbox_entry" ("consumer" varchar(255) not null, "message_id" uuid not null, "processed_at" timestamptz not null default now(), constraint "inbox_entry_pkey" primary key ("consumer", "message_id"));`);

    this.addSql(`create table "matching"."match" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "need_id" uuid not null, "person_id" uuid not null, "opportunity_id" uuid not null, "source" varchar(30) not null, "resource_id" uuid null, "host_id" uuid null, "host_organization_id" uuid null, "purpose" varchar(30) not null, "district_id" uuid null, "home_district_id" uuid null, "proposed_score" int null, "status" varchar(40) not null default 'proposed', "proposed_on" date not null, "visit_on" date null, "trial_dates" text[] not null, "started_on" date null, "settled_on" date null, "ended_on" date null, "end_reason" varchar(30) null, "end_note" text null, "consent_id" uuid null, "next_follow_up_due" date null, "proposed_by" varchar(200) not null, constraint "match_pkey" primary key ("id"));`);
    this.addSql(`create index "match_municipality_index" on "matching"."match" ("municipality");`);
    this.addSql(`create index "match_municipality_status_next_follow_up_due_index" on "matching"."match" ("municipality", "status", "next_follow_up_due");`);
    this.addSql(`create index "match_municipality_host_organization_id_index" on "matching"."match" ("municipality", "host_organization_id");`);
    this.addSql(`create index "match_municipality_need_id_index" on "matching"."match" ("municipality", "need_id");`);

    this.addSql(`create table "matching"."matching_settings" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "weights" jsonb not null, "updated_by" varchar(200) not null, constraint "matching_settings_pkey" primary key ("id"));`);
    this.addSql(`create index "matching_settings_municipality_index" on "matching"."matching_settings" ("municipality");`);
    this.addSql(`alter table "matching"."matching_settings" add constraint "matching_settings_municipality_unique" unique ("municipality");`);

    this.addSql(`create table "matching"."menu_gap" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "need_id" uuid not null, "purposes" text[] not null, "district_id" uuid null, "weekdays" text[] not null, "time_slots" text[] not null, "failing_constraints" text[] not null, "recorded_on" date not null, constraint "menu_gap_pkey" primary key ("id"));`);
    this.addSql(`create index "menu_gap_municipality_index" on "matching"."menu_gap" ("municipality");`);
    this.addSql(`create index "menu_gap_municipality_need_id_index" on "matching"."menu_gap" ("municipality", "need_id");`);
    this.addSql(`create index "menu_gap_municipality_district_id_recorded_on_index" on "matching"."menu_gap" ("municipality", "district_id", "recorded_on");`);

    this.addSql(`create table "matching"."opportunity" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "source" varchar(30) not null, "resource_id" uuid null, "resource_category" varchar(30) null, "resource_status" varchar(20) null, "resource_event_at" timestamptz null, "host_id" uuid null, "organization_id" uuid null, "title" varchar(200) not null, "activity_type" varchar(200) null, "purposes" text[] not null, "activity_tags" text[] not null, "sessions" jsonb not null, "capacity" int null, "seats_left" int null, "district_id" uuid null, "location" varchar(200) null, "fee" int not null default 0, "volunteer_insurance" boolean not null default false, "accommodations" text[] not null, "physical_load" varchar(20) not null default 'light', "group_size" int null, "status" varchar(20) not null default 'preparing', constraint "opportunity_pkey" primary key ("id"));`);
    this.addSql(`create index "opportunity_municipality_index" on "matching"."opportunity" ("municipality");`);
    this.addSql(`alter table "matching"."opportunity" add constraint "opportunity_municipality_resource_id_unique" unique ("municipality", "resource_id");`);
    this.addSql(`create index "opportunity_municipality_status_index" on "matching"."opportunity" ("municipality", "status");`);

    this.addSql(`create table "matching"."outbox_event" ("id" uuid not null, "type" varchar(255) not null, "source" varchar(255) not null, "subject" varchar(255) not null, "aggregate_id" varchar(255) not null, "municipality" varchar(6) not null, "data" jsonb not null, "traceparent" varchar(55) null, "tracestate" varchar(512) null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "claimed_until" timestamptz null, "last_error" text null, constraint "outbox_event_pkey" primary key ("id"));`);

    this.addSql(`create table "matching"."participation_need" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "person_id" uuid not null, "case_id" uuid null, "purposes" text[] not null, "interests" text[] not null, "home_district_id" uuid null, "preferred_district_ids" text[] not null, "travel_range" varchar(20) not null default 'nearby-districts', "travel_means" text[] not null, "availability" jsonb not null, "max_physical_load" varchar(20) null, "max_group_size" int null, "accommodations" text[] not null, "max_fee" int null, "notes" text null, "status" varchar(20) not null default 'hearing', "registered_on" date not null, "registered_by" varchar(200) not null, constraint "participation_need_pkey" primary key ("id"));`);
    this.addSql(`create index "participation_need_municipality_index" on "matching"."participation_need" ("municipality");`);
    this.addSql(`create index "participation_need_municipality_status_index" on "matching"."participation_need" ("municipality", "status");`);
    this.addSql(`create index "participation_need_municipality_person_id_index" on "matching"."participation_need" ("municipality", "person_id");`);

    // Frozen output of messagingMigrationSql('matching') when this migration was written: a migration never changes with the helper.
    this.addSql(`create index if not exists outbox_event_due_idx on "matching".outbox_event (next_attempt_at, id) where published_at is null;`);
    this.addSql(`create index if not exists outbox_event_published_at_idx on "matching".outbox_event (published_at) where published_at is not null;`);
    this.addSql(`create or replace function "matching".outbox_event_notify() returns trigger language plpgsql as $$ begin perform pg_notify('tsunagu_outbox_matching', ''); return null; end $$;`);
    this.addSql(`drop trigger if exists outbox_event_notify on "matching".outbox_event;`);
    this.addSql(`create trigger outbox_event_notify after insert on "matching".outbox_event for each statement execute function "matching".outbox_event_notify();`);
    // Frozen output of auditMigrationSql('matching') when this migration was written: a migration never changes with the helper.
    this.addSql(`create schema if not exists "matching"`);
    this.addSql(`create table "matching".audit_record (
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
    this.addSql(`create index audit_record_municipality_time_idx on "matching".audit_record (municipality, occurred_at)`);
    this.addSql(`create index audit_record_actor_time_idx on "matching".audit_record (actor, occurred_at)`);
    this.addSql(`create index audit_record_resource_idx on "matching".audit_record (resource_type, resource_id, occurred_at)`);
    this.addSql(`create table "matching".audit_checkpoint (
      id bigserial primary key,
      created_at timestamptz not null default now(),
      chain_seq bigint not null,
      head_hash char(64) not null,
      key_id text not null,
      signature text not null
    )`);
    this.addSql(`create or replace function "matching".audit_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit trail is append-only: % on %.% refused', tg_op, tg_table_schema, tg_table_name
          using errcode = 'insufficient_privilege';
      end
    $$`);
    this.addSql(`create trigger audit_record_append_only before update or delete on "matching".audit_record for each row execute function "matching".audit_refuse_change()`);
    this.addSql(`create trigger audit_record_no_truncate before truncate on "matching".audit_record for each statement execute function "matching".audit_refuse_change()`);
    this.addSql(`create trigger audit_checkpoint_append_only before update or delete on "matching".audit_checkpoint for each row execute function "matching".audit_refuse_change()`);
    this.addSql(`create trigger audit_checkpoint_no_truncate before truncate on "matching".audit_checkpoint for each statement execute function "matching".audit_refuse_change()`);
    this.addSql(`revoke update, delete, truncate on "matching".audit_record, "matching".audit_checkpoint from public`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "matching"."consent_copy" cascade;`);

    this.addSql(`drop table if exists "matching"."follow_up" cascade;`);

    this.addSql(`drop table if exists "matching"."host" cascade;`);

    this.addSql(`drop table if exists "matching"."inbox_entry" cascade;`);

    this.addSql(`drop table if exists "matching"."match" cascade;`);

    this.addSql(`drop table if exists "matching"."matching_settings" cascade;`);

    this.addSql(`drop table if exists "matching"."menu_gap" cascade;`);

    this.addSql(`drop table if exists "matching"."opportunity" cascade;`);

    this.addSql(`drop table if exists "matching"."outbox_event" cascade;`);

    this.addSql(`drop table if exists "matching"."participation_need" cascade;`);

    this.addSql(`drop schema if exists "matching";`);
  }

}
