import { Migration } from '@mikro-orm/migrations';

/** 多機関協働: cases (with their own gapless numbers), support plans with versions, evaluations, progress notes, meetings. */
export class Migration20261126154558 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "intake"."case_counter" ("municipality" varchar(6) not null, "fiscal_year" int not null, "last_no" int not null, constraint "case_counter_pkey" primary key ("municipality", "fiscal_year"));`);
    this.addSql(`create table "intake"."evaluation" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "plan_id" uuid not null, "case_id" uuid not null, "evaluated_on" date not null, "meeting_id" uuid null, "goal_results" jsonb not null, "decision" varchar(20) not null, "evaluated_by" varchar(200) not null, constraint "evaluation_pkey" primary key ("id"));`);
    this.addSql(`create index "evaluation_municipality_index" on "intake"."evaluation" ("municipality");`);
    this.addSql(`create index "evaluation_municipality_plan_id_index" on "intake"."evaluation" ("municipality", "plan_id");`);

    this.addSql(`create table "intake"."meeting" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "legal_type" varchar(40) not null, "local_name" varchar(100) null, "convener_organization_id" uuid not null, "chair_staff" varchar(200) null, "held_at" timestamptz not null, "place" varchar(200) null, "attendees" jsonb not null, "cases" jsonb not null, "decisions" jsonb not null, "minutes" text null, "status" varchar(20) not null default 'scheduled', constraint "meeting_pkey" primary key ("id"));`);
    this.addSql(`create index "meeting_municipality_index" on "intake"."meeting" ("municipality");`);
    this.addSql(`create index "meeting_municipality_legal_type_held_at_index" on "intake"."meeting" ("municipality", "legal_type", "held_at");`);

    this.addSql(`create table "intake"."multi_agency_case" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "case_no" varchar(20) not null, "household_id" uuid not null, "key_person_id" uuid not null, "consultation_id" uuid null, "track" varchar(20) not null, "consent_id" uuid null, "status" varchar(20) not null, "coordinator_organization_id" uuid not null, "coordinator_staff" varchar(200) not null, "lead_organization_id" uuid null, "member_organization_ids" text[] not null, "support_decided_on" date null, "support_decided_by" varchar(200) null, "support_decision_meeting_id" uuid null, "coordinator_released_at" timestamptz null, "suspended_on" date null, "suspension_reason" text null, "closed_on" date null, "closure_reason" varchar(30) null, "closure_note" text null, constraint "multi_agency_case_pkey" primary key ("id"));`);
    this.addSql(`create index "multi_agency_case_municipality_index" on "intake"."multi_agency_case" ("municipality");`);
    this.addSql(`create index "multi_agency_case_municipality_household_id_index" on "intake"."multi_agency_case" ("municipality", "household_id");`);
    this.addSql(`create index "multi_agency_case_municipality_status_index" on "intake"."multi_agency_case" ("municipality", "status");`);
    this.addSql(`alter table "intake"."multi_agency_case" add constraint "multi_agency_case_municipality_case_no_unique" unique ("municipality", "case_no");`);

    this.addSql(`create table "intake"."progress_note" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "case_id" uuid null, "consultation_id" uuid null, "occurred_at" timestamptz not null, "duration_min" int null, "kind" varchar(30) not null, "author_staff" varchar(200) not null, "author_organization_id" uuid null, "text" text not null, "legal_basis" varchar(30) not null, "meeting_id" uuid null, constraint "progress_note_pkey" primary key ("id"));`);
    this.addSql(`create index "progress_note_municipality_index" on "intake"."progress_note" ("municipality");`);
    this.addSql(`create index "progress_note_municipality_consultation_id_occurred_at_index" on "intake"."progress_note" ("municipality", "consultation_id", "occurred_at");`);
    this.addSql(`create index "progress_note_municipality_case_id_occurred_at_index" on "intake"."progress_note" ("municipality", "case_id", "occurred_at");`);

    this.addSql(`create table "intake"."support_plan" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "case_id" uuid not null, "plan_version" int not null, "created_on" date not null, "author_staff" varchar(200) not null, "wishes" text null, "issue_summary" text null, "overall_direction" text null, "goals" jsonb not null, "actions" jsonb not null, "uses_participation_support" boolean not null default false, "uses_outreach" boolean not null default false, "next_review_on" date null, "consent_id" uuid null, "meeting_id" uuid null, "status" varchar(20) not null default 'draft', constraint "support_plan_pkey" primary key ("id"));`);
    this.addSql(`create index "support_plan_municipality_index" on "intake"."support_plan" ("municipality");`);
    this.addSql(`create index "support_plan_municipality_case_id_status_index" on "intake"."support_plan" ("municipality", "case_id", "status");`);
    this.addSql(`alter table "intake"."support_plan" add constraint "support_plan_case_id_plan_version_unique" unique ("case_id", "plan_version");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "intake"."case_counter" cascade;`);
    this.addSql(`drop table if exists "intake"."evaluation" cascade;`);
    this.addSql(`drop table if exists "intake"."meeting" cascade;`);
    this.addSql(`drop table if exists "intake"."multi_agency_case" cascade;`);
    this.addSql(`drop table if exists "intake"."progress_note" cascade;`);
    this.addSql(`drop table if exists "intake"."support_plan" cascade;`);
  }

}
