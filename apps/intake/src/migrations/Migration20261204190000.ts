import { Migration } from '@mikro-orm/migrations';

const TENANT = `current_setting('app.system', true) = 'on' or municipality = current_setting('app.municipality', true)`;

/**
 * 開示・訂正・利用停止請求 (issue 19): the privacy officer's requests about a person, under row-level security like every
 * tenant table (written out, not generated).
 */
export class Migration20261204190000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "intake"."data_subject_request" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1,
        "kind" varchar(20) not null, "request_no" varchar(20) not null, "person_id" uuid not null, "requested_at" timestamptz not null, "requester_relation" varchar(30) not null,
        "identity_verification" varchar(30) not null, "received_by" varchar(200) not null, "due_on" date not null, "extended_due_on" date null, "extension_reason" text null,
        "status" varchar(20) not null, "decision" varchar(20) null, "decision_reason" text null, "article78_grounds" text[] not null default '{}', "decided_at" timestamptz null,
        "decided_by" varchar(200) null, "completed_at" timestamptz null, "completed_by" varchar(200) null, "lifted_at" timestamptz null, "lifted_by" varchar(200) null, "details" jsonb not null default '{}', "request_text" text null,
        "history" jsonb not null default '[]', constraint "data_subject_request_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "intake"."data_subject_request" add constraint "data_subject_request_municipality_request_no_unique" unique ("municipality", "request_no");`);
    this.addSql(`create index "data_subject_request_municipality_person_id_index" on "intake"."data_subject_request" ("municipality", "person_id");`);
    this.addSql(`create index "data_subject_request_municipality_status_due_on_index" on "intake"."data_subject_request" ("municipality", "status", "due_on");`);
    this.addSql(`create index "data_subject_request_municipality_index" on "intake"."data_subject_request" ("municipality");`);
    this.addSql(`alter table "intake"."data_subject_request" enable row level security;`);
    this.addSql(`alter table "intake"."data_subject_request" force row level security;`);
    this.addSql(`create policy tenant_isolation on "intake"."data_subject_request" using (${TENANT}) with check (${TENANT});`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "intake"."data_subject_request" cascade;`);
  }
}
