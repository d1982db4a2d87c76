import { Migration } from '@mikro-orm/migrations';

/** Intake tables: people, households, consents, consultations, 通報 records, referrals; outbox/inbox; audit trail. */
export class Migration20261126153450 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "intake";`);
    // Trigram indexes make the Japanese text search (LIKE '%term%' on normalised text) fast; pg_trgm is a
    // trusted extension, so the database owner can create it without superuser rights.
    this.addSql(`create extension if not exists pg_trgm;`);
    // Reception numbers per organisation and 年度: one row per counter, incremented inside the receiving
    // transaction (see reception-number.ts), so numbers never repeat and never skip.
    this.addSql(`create table "intake"."reception_counter" ("municipality" varchar(6) not null, "organization_id" uuid not null, "fiscal_year" int not null, "last_no" int not null, constraint "reception_counter_pkey" primary key ("municipality", "organization_id", "fiscal_year"));`);
    this.addSql(`create table "intake"."consent" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "person_id" uuid not null, "scope" varchar(30) not null, "target_organization_ids" text[] not null, "method" varchar(30) not null, "obtained_at" timestamptz not null, "obtained_by" varchar(200) not null, "obtained_by_organization_id" uuid null, "status" varchar(20) not null, "withdrawn_at" timestamptz null, "withdrawal_reason" text null, "document_ref" varchar(200) null, constraint "consent_pkey" primary key ("id"));`);
    this.addSql(`create index "consent_municipality_index" on "intake"."consent" ("municipality");`);
    this.addSql(`create index "consent_municipality_person_id_status_index" on "intake"."consent" ("municipality", "person_id", "status");`);

    this.addSql(`create table "intake"."consultation" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "reception_no" varchar(20) not null, "reception_seq" int not null, "fiscal_year" int not null, "received_at" timestamptz not null, "receiving_organization_id" uuid not null, "receiver_staff" varchar(200) not null, "route" varchar(30) not null, "referrer_organization_id" uuid null, "person_id" uuid null, "household_id" uuid null, "consultant_relation" varchar(20) not null, "consultant_relation_detail" varchar(50) null, "categories" text[] not null, "primary_category" varchar(40) not null, "issue_tags" text[] not null, "main_complaint" text null, "urgency" varchar(20) not null, "consent_status" varchar(20) not null, "jigyo_attribution" varchar(30) not null, "disposition" varchar(30) null, "status" varchar(40) not null default 'received', "closed_at" timestamptz null, "cancellation_reason" text null, "search_text" text not null default '', constraint "consultation_pkey" primary key ("id"));`);
    this.addSql(`create index "consultation_municipality_index" on "intake"."consultation" ("municipality");`);
    this.addSql(`create index "consultation_search_text_trgm" on "intake"."consultation" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "consultation_municipality_person_id_index" on "intake"."consultation" ("municipality", "person_id");`);
    this.addSql(`create index "consultation_municipality_status_received_at_index" on "intake"."consultation" ("municipality", "status", "received_at");`);
    this.addSql(`alter table "intake"."consultation" add constraint "consultation_municipality_receiving_organization__a26b6_unique" unique ("municipality", "receiving_organization_id", "fiscal_year", "reception_seq");`);

    this.addSql(`create table "intake"."household" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "label" varchar(100) not null, "key_person_id" uuid null, "district_id" uuid null, "juki_setai_numbers" jsonb not null, "members" jsonb not null, "search_text" text not null default '', constraint "household_pkey" primary key ("id"));`);
    this.addSql(`create index "household_municipality_index" on "intake"."household" ("municipality");`);
    this.addSql(`create index "household_members_gin" on "intake"."household" using gin ("members" jsonb_path_ops);`);

    this.addSql(`create table "intake"."inbox_entry" ("consumer" varchar(255) not null, "message_id" uuid not null, "processed_at" timestamptz not null default now(), constraint "inbox_entry_pkey" primary key ("consumer", "message_id"));`);

    this.addSql(`create table "intake"."mandatory_report" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "consultation_id" uuid not null, "person_id" uuid null, "law" varchar(40) not null, "issue_tag" varchar(40) not null, "status" varchar(20) not null default 'decision-pending', "decided_at" timestamptz null, "decided_by" varchar(200) null, "reported_to" varchar(200) null, "note" text null, constraint "mandatory_report_pkey" primary key ("id"));`);
    this.addSql(`create index "mandatory_report_municipality_index" on "intake"."mandatory_report" ("municipality");`);
    this.addSql(`create index "mandatory_report_municipality_status_index" on "intake"."mandatory_report" ("municipality", "status");`);
    this.addSql(`alter table "intake"."mandatory_report" add constraint "mandatory_report_consultation_id_law_unique" unique ("consultation_id", "law");`);

    this.addSql(`create table "intake"."outbox_event" ("id" uuid not null, "type" varchar(255) not null, "source" varchar(255) not null, "subject" varchar(255) not null, "aggregate_id" varchar(255) not null, "municipality" varchar(6) not null, "data" jsonb not null, "traceparent" varchar(55) null, "tracestate" varchar(512) null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "claimed_until" timestamptz null, "last_error" text null, constraint "outbox_event_pkey" primary key ("id"));`);

    this.addSql(`create table "intake"."person" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "family_name" varchar(100) null, "given_name" varchar(100) null, "family_name_kana" varchar(100) null, "given_name_kana" varchar(100) null, "alias_name" varchar(100) null, "former_name" varchar(100) null, "birth_date" date null, "birth_date_precision" varchar(10) not null default 'unknown', "sex" varchar(20) not null default 'unknown', "address" jsonb null, "address_raw" text null, "district_id" uuid null, "phones" jsonb not null, "email" varchar(200) null, "dv_address_protection" boolean not null default false, "deceased_on" date null, "identity_level" varchar(30) not null default 'confirmed', "kana_key" varchar(200) not null default '', "phone_digits" text[] not null, "search_text" text not null default '', constraint "person_pkey" primary key ("id"));`);
    this.addSql(`create index "person_municipality_index" on "intake"."person" ("municipality");`);
    this.addSql(`create index "person_search_text_trgm" on "intake"."person" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`create index "person_phone_digits_gin" on "intake"."person" using gin ("phone_digits");`);
    this.addSql(`create index "person_municipality_kana_key_birth_date_index" on "intake"."person" ("municipality", "kana_key", "birth_date");`);

    this.addSql(`create table "intake"."referral" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "consultation_id" uuid not null, "person_id" uuid null, "from_organization_id" uuid not null, "to_organization_id" uuid not null, "referred_on" date not null, "accompanied" boolean not null default false, "info_basis" varchar(30) not null, "consent_id" uuid null, "mandatory_report_id" uuid null, "basis_note" text null, "status" varchar(20) not null default 'requested', "follow_up_due" date not null, "request_note" text null, "response_note" text null, "responded_at" timestamptz null, "first_contact_on" date null, "closed_at" timestamptz null, constraint "referral_pkey" primary key ("id"));`);
    this.addSql(`create index "referral_municipality_index" on "intake"."referral" ("municipality");`);
    this.addSql(`create index "referral_municipality_consultation_id_index" on "intake"."referral" ("municipality", "consultation_id");`);
    this.addSql(`create index "referral_municipality_from_organization_id_status_index" on "intake"."referral" ("municipality", "from_organization_id", "status");`);
    this.addSql(`create index "referral_municipality_to_organization_id_status_index" on "intake"."referral" ("municipality", "to_organization_id", "status");`);

    // Frozen output of messagingMigrationSql('intake') when this migration was written: a migration never changes with the helper.
    this.addSql(`create index if not exists outbox_event_due_idx on "intake".outbox_event (next_attempt_at, id) where published_at is null;`);
    this.addSql(`create index if not exists outbox_event_published_at_idx on "intake".outbox_event (published_at) where published_at is not null;`);
    this.addSql(`create or replace function "intake".outbox_event_notify() returns trigger language plpgsql as $$ begin perform pg_notify('tsunagu_outbox_intake', ''); return null; end $$;`);
    this.addSql(`drop trigger if exists outbox_event_notify on "intake".outbox_event;`);
    this.addSql(`create trigger outbox_event_notify after insert on "intake".outbox_event for each statement execute function "intake".outbox_event_notify();`);
    // Frozen output of auditMigrationSql('intake') when this migration was written: a migration never changes with the helper.
    this.addSql(`create schema if not exists "intake"`);
    this.addSql(`create table "intake".audit_record (
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
    this.addSql(`create index audit_record_municipality_time_idx on "intake".audit_record (municipality, occurred_at)`);
    this.addSql(`create index audit_record_actor_time_idx on "intake".audit_record (actor, occurred_at)`);
    this.addSql(`create index audit_record_resource_idx on "intake".audit_record (resource_type, resource_id, occurred_at)`);
    this.addSql(`create table "intake".audit_checkpoint (
      id bigserial primary key,
      created_at timestamptz not null default now(),
      chain_seq bigint not null,
      head_hash char(64) not null,
      key_id text not null,
      signature text not null
    )`);
    this.addSql(`create or replace function "intake".audit_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit trail is append-only: % on %.% refused', tg_op, tg_table_schema, tg_table_name
          using errcode = 'insufficient_privilege';
      end
    $$`);
    this.addSql(`create trigger audit_record_append_only before update or delete on "intake".audit_record for each row execute function "intake".audit_refuse_change()`);
    this.addSql(`create trigger audit_record_no_truncate before truncate on "intake".audit_record for each statement execute function "intake".audit_refuse_change()`);
    this.addSql(`create trigger audit_checkpoint_append_only before update or delete on "intake".audit_checkpoint for each row execute function "intake".audit_refuse_change()`);
    this.addSql(`create trigger audit_checkpoint_no_truncate before truncate on "intake".audit_checkpoint for each statement execute function "intake".audit_refuse_change()`);
    this.addSql(`revoke update, delete, truncate on "intake".audit_record, "intake".audit_checkpoint from public`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "intake"."reception_counter" cascade;`);
    this.addSql(`drop table if exists "intake"."consent" cascade;`);

    this.addSql(`drop table if exists "intake"."consultation" cascade;`);

    this.addSql(`drop table if exists "intake"."household" cascade;`);

    this.addSql(`drop table if exists "intake"."inbox_entry" cascade;`);

    this.addSql(`drop table if exists "intake"."mandatory_report" cascade;`);

    this.addSql(`drop table if exists "intake"."outbox_event" cascade;`);

    this.addSql(`drop table if exists "intake"."person" cascade;`);

    this.addSql(`drop table if exists "intake"."referral" cascade;`);

    this.addSql(`drop schema if exists "intake";`);
  }

}
