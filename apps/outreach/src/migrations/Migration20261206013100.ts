import { Migration } from '@mikro-orm/migrations';

const TENANT = `current_setting('app.system', true) = 'on' or municipality = current_setting('app.municipality', true)`;

/** データ取込 of outreach in the background (issue 19): an import job's progress and report, under row-level security like intake's. */
export class Migration20261206013100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "outreach"."import_job" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "record_type" varchar(30) not null, "dry_run" boolean not null default false, "status" varchar(10) not null, "rows" int not null default 0, "checked_rows" int not null default 0, "created" int not null default 0, "report" jsonb null, "failure" varchar(200) null, "heartbeat_at" timestamptz not null, "finished_at" timestamptz null, "organization_id" uuid null, "requested_by" varchar(200) not null, constraint "import_job_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "import_job_municipality_index" on "outreach"."import_job" ("municipality");`);
    this.addSql(`alter table "outreach"."import_job" enable row level security;`);
    this.addSql(`alter table "outreach"."import_job" force row level security;`);
    this.addSql(`create policy tenant_isolation on "outreach"."import_job" using (${TENANT}) with check (${TENANT});`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outreach"."import_job" cascade;`);
  }
}
