import { Migration } from '@mikro-orm/migrations';

const TABLES = ['import_source', 'import_run'];
const TENANT = `current_setting('app.system', true) = 'on' or municipality = current_setting('app.municipality', true)`;

/**
 * データ取込 of outreach targets and contacts (issue 19): which record each row of the old system became (a re-run
 * writes nothing) and one run per imported file, under row-level security like intake's.
 */
export class Migration20261205097001 extends Migration {
  override async up(): Promise<void> {
    const base = `"id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1`;
    this.addSql(
      `create table "outreach"."import_source" (${base}, "record_type" varchar(30) not null, "source_id" varchar(100) not null, "target_id" uuid not null, "run_id" uuid not null, constraint "import_source_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "outreach"."import_source" add constraint "import_source_unique" unique ("municipality", "record_type", "source_id");`);
    this.addSql(
      `create table "outreach"."import_run" (${base}, "record_type" varchar(30) not null, "format" varchar(10) not null, "encoding" varchar(10) not null, "rows" int not null, "created" int not null, "unchanged" int not null, "imported_by" varchar(200) not null, constraint "import_run_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "import_run_municipality_created_at_index" on "outreach"."import_run" ("municipality", "created_at");`);
    for (const table of TABLES) {
      this.addSql(`create index "${table}_municipality_index" on "outreach"."${table}" ("municipality");`);
      this.addSql(`alter table "outreach"."${table}" enable row level security;`);
      this.addSql(`alter table "outreach"."${table}" force row level security;`);
      this.addSql(`create policy tenant_isolation on "outreach"."${table}" using (${TENANT}) with check (${TENANT});`);
    }
  }

  override async down(): Promise<void> {
    for (const table of [...TABLES].reverse()) this.addSql(`drop table if exists "outreach"."${table}" cascade;`);
  }
}
