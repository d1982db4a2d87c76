import { Migration } from '@mikro-orm/migrations';

/** Outreach tables: targets, contacts, watch plans, inactivity alerts, hand-overs, the consent mirror, settings; outbox/inbox; audit trail. */
export class Migration20261126174710 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "outreach";`);
    this.addSql(`create table "outreach"."consent_mirror" ("consent_id" uuid not null, "municipality" varchar(6) not null, "person_id" uuid not null, "scope" varchar(30) not null, "target_organization_ids" text[] not null, "status" varchar(20) not null, "updated_at" timestamptz not null, constraint "consent_mirror_pkey" primary key ("consent_id"));`);
    this.addSql(`create index "consent_mirror_municipality_person_id_index" on "outreach"."consent_mirror" ("municipality", "person_id");`);

    this.addSql(`create table "outreach"."handover" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "target_id" uuid not null, "destination" varchar(20) not null, "to_organization_id" uuid not null, "person_id" uuid not null, "household_id" uuid null, "consent_id" uuid not null, "record_id" uuid not null, "status" varchar(20) not null default 'requested', "requested_at" timestamptz not null, "requested_by" varchar(200) not null, "linked_at" timestamptz null, "note" text null, constraint "handover_pkey" primary key ("id"));`);
    this.addSql(`create index "handover_municipality_index" on "outreach"."handover" ("municipality");`);
    this.addSql(`create index "handover_municipality_target_id_index" on "outreach"."handover" ("municipality", "target_id");`);
    this.addSql(`alter table "outreach"."handover" add constraint "handover_record_id_unique" unique ("record_id");`);

    this.addSql(`create table "outreach"."inactivity_alert" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "target_id" uuid not null, "lapse_started_at" timestamptz not null, "status" varchar(10) not null default 'open', "raised_at" timestamptz not null, "threshold_days" int not null, "last_successful_contact_at" timestamptz null, "cleared_at" timestamptz null, "cleared_by_contact_id" uuid null, "district_id" uuid null, "assigned_organization_id" uuid not null, "risk_level" varchar(10) not null, constraint "inactivity_alert_pkey" primary key ("id"));`);
    this.addSql(`create index "inactivity_alert_municipality_index" on "outreach"."inactivity_alert" ("municipality");`);
    this.addSql(`create index "inactivity_alert_municipality_target_id_status_index" on "outreach"."inactivity_alert" ("municipality", "target_id", "status");`);
    this.addSql(`create index "inactivity_alert_municipality_status_raised_at_index" on "outreach"."inactivity_alert" ("municipality", "status", "raised_at");`);
    this.addSql(`alter table "outreach"."inactivity_alert" add constraint "inactivity_alert_target_id_lapse_started_at_unique" unique ("target_id", "lapse_started_at");`);

    this.addSql(`create table "outreach"."inbox_entry" ("consumer" varchar(255) not null, "message_id" uuid not null, "processed_at" timestamptz not null default now(), constraint "inbox_entry_pkey" primary key ("consumer", "message_id"));`);

    this.addSql(`create table "outreach"."outbox_event" ("id" uuid not null, "type" varchar(255) not null, "source" varchar(255) not null, "subject" varchar(255) not null, "aggregate_id" varchar(255) not null, "municipality" varchar(6) not null, "data" jsonb not null, "traceparent" varchar(55) null, "tracestate" varchar(512) null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "claimed_until" timestamptz null, "last_error" text null, constraint "outbox_event_pkey" primary key ("id"));`);

    this.addSql(`create table "outreach"."outreach_contact" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "target_id" uuid not null, "contacted_at" timestamptz not null, "method" varchar(20) not null, "result" varchar(20) not null, "observations" text[] not null, "observation_note" text null, "accompanied_by" jsonb not null, "next_action" text null, "next_due_on" date null, "legal_basis" varchar(30) not null, "recorded_by" varchar(200) not null, constraint "outreach_contact_pkey" primary key ("id"));`);
    this.addSql(`create index "outreach_contact_municipality_index" on "outreach"."outreach_contact" ("municipality");`);
    this.addSql(`create index "outreach_contact_municipality_target_id_contacted_at_index" on "outreach"."outreach_contact" ("municipality", "target_id", "contacted_at");`);

    this.addSql(`create table "outreach"."outreach_setting" ("municipality" varchar(6) not null, "inactivity_days" int not null, "updated_at" timestamptz not null, "updated_by" varchar(200) not null, "version" int not null default 1, constraint "outreach_setting_pkey" primary key ("municipality"));`);

    this.addSql(`create table "outreach"."outreach_target" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "identity" varchar(20) not null, "person_id" uuid null, "household_id" uuid null, "location_description" text null, "discovery_route" varchar(40) not null, "discovered_on" date not null, "reason_tags" text[] not null, "risk_level" varchar(10) not null, "district_id" uuid null, "assigned_organization_id" uuid not null, "assigned_staff" text[] not null, "meeting_ids" text[] not null, "stage" varchar(30) not null default 'not-contacted', "stage_changed_at" timestamptz not null, "first_connected_on" date null, "close_reason" varchar(40) null, "closed_on" date null, "note" text null, "last_contact_at" timestamptz null, "last_successful_contact_at" timestamptz null, "lapse_origin_at" timestamptz not null, constraint "outreach_target_pkey" primary key ("id"));`);
    this.addSql(`create index "outreach_target_municipality_index" on "outreach"."outreach_target" ("municipality");`);
    this.addSql(`create index "outreach_target_inactivity_index" on "outreach"."outreach_target" ("municipality", (coalesce("last_successful_contact_at", "lapse_origin_at"))) where "risk_level" = 'high' and "stage" <> 'closed';`);
    this.addSql(`create index "outreach_target_municipality_person_id_index" on "outreach"."outreach_target" ("municipality", "person_id");`);
    this.addSql(`create index "outreach_target_municipality_district_id_stage_index" on "outreach"."outreach_target" ("municipality", "district_id", "stage");`);
    this.addSql(`create index "outreach_target_municipality_assigned_organization_d38b0_index" on "outreach"."outreach_target" ("municipality", "assigned_organization_id", "stage");`);

    this.addSql(`create table "outreach"."watch_plan" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "target_id" uuid not null, "cadence_days" int not null, "watchers" jsonb not null, "active" boolean not null default true, "started_on" date not null, "next_due_on" date not null, "overdue_notified_for" date null, "district_id" uuid null, "assigned_organization_id" uuid not null, "staff_subjects" text[] not null, constraint "watch_plan_pkey" primary key ("id"));`);
    this.addSql(`create index "watch_plan_municipality_index" on "outreach"."watch_plan" ("municipality");`);
    this.addSql(`create index "watch_plan_staff_gin" on "outreach"."watch_plan" using gin ("staff_subjects") where "active";`);
    this.addSql(`create index "watch_plan_org_due_index" on "outreach"."watch_plan" ("municipality", "assigned_organization_id", "next_due_on") where "active";`);
    this.addSql(`create index "watch_plan_district_due_index" on "outreach"."watch_plan" ("municipality", "district_id", "next_due_on") where "active";`);
    this.addSql(`alter table "outreach"."watch_plan" add constraint "watch_plan_municipality_target_id_unique" unique ("municipality", "target_id");`);

    // Frozen output of messagingMigrationSql('outreach') when this migration was written: a migration never changes with the helper.
    this.addSql(`create index if not exists outbox_event_due_idx on "outreach".outbox_event (next_attempt_at, id) where published_at is null;`);
    this.addSql(`create index if not exists outbox_event_published_at_idx on "outreach".outbox_event (published_at) where published_at is not null;`);
    this.addSql(`create or replace function "outreach".outbox_event_notify() returns trigger language plpgsql as $$ begin perform pg_notify('tsunagu_outbox_outreach', ''); return null; end $$;`);
    this.addSql(`drop trigger if exists outbox_event_notify on "outreach".outbox_event;`);
    this.addSql(`create trigger outbox_event_notify after insert on "outreach".outbox_event for each statement execute function "outreach".outbox_event_notify();`);
    // Frozen output of auditMigrationSql('outreach') when this migration was written: a migration never changes with the helper.
    this.addSql(`create schema if not exists "outreach"`);
    this.addSql(`create table "outreach".audit_record (
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
    this.addSql(`create index audit_record_municipality_time_idx on "outreach".audit_record (municipality, occurred_at)`);
    this.addSql(`create index audit_record_actor_time_idx on "outreach".audit_record (actor, occurred_at)`);
    this.addSql(`create index audit_record_resource_idx on "outreach".audit_record (resource_type, resource_id, occurred_at)`);
    this.addSql(`create table "outreach".audit_checkpoint (
      id bigserial primary key,
      created_at timestamptz not null default now(),
      chain_seq bigint not null,
      head_hash char(64) not null,
      key_id text not null,
      signature text not null
    )`);
    this.addSql(`create or replace function "outreach".audit_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit trail is append-only: % on %.% refused', tg_op, tg_table_schema, tg_table_name
          using errcode = 'insufficient_privilege';
      end
    $$`);
    this.addSql(`create trigger audit_record_append_only before update or delete on "outreach".audit_record for each row execute function "outreach".audit_refuse_change()`);
    this.addSql(`create trigger audit_record_no_truncate before truncate on "outreach".audit_record for each statement execute function "outreach".audit_refuse_change()`);
    this.addSql(`create trigger audit_checkpoint_append_only before update or delete on "outreach".audit_checkpoint for each row execute function "outreach".audit_refuse_change()`);
    this.addSql(`create trigger audit_checkpoint_no_truncate before truncate on "outreach".audit_checkpoint for each statement execute function "outreach".audit_refuse_change()`);
    this.addSql(`revoke update, delete, truncate on "outreach".audit_record, "outreach".audit_checkpoint from public`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outreach"."consent_mirror" cascade;`);

    this.addSql(`drop table if exists "outreach"."handover" cascade;`);

    this.addSql(`drop table if exists "outreach"."inactivity_alert" cascade;`);

    this.addSql(`drop table if exists "outreach"."inbox_entry" cascade;`);

    this.addSql(`drop table if exists "outreach"."outbox_event" cascade;`);

    this.addSql(`drop table if exists "outreach"."outreach_contact" cascade;`);

    this.addSql(`drop table if exists "outreach"."outreach_setting" cascade;`);

    this.addSql(`drop table if exists "outreach"."outreach_target" cascade;`);

    this.addSql(`drop table if exists "outreach"."watch_plan" cascade;`);

    this.addSql(`drop schema if exists "outreach";`);
  }

}
