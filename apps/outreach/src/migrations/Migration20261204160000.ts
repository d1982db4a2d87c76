import { Migration } from '@mikro-orm/migrations';

const TENANT = `current_setting('app.system', true) = 'on' or municipality = current_setting('app.municipality', true)`;

/**
 * The destruction log (廃棄記録, issue 19): what outreach erased or deleted when intake destroyed a person (person.destroyed),
 * under which rule version and batch, approved by whom. Ids and codes only; under row-level security like every tenant table.
 */
export class Migration20261204160000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "outreach"."destruction_log" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "record_type" varchar(30) not null, "record_id" uuid not null, "action" varchar(10) not null, "rule_id" uuid not null, "rule_version" int not null, "batch_id" uuid not null, "approved_by" varchar(200) not null, "destroyed_at" timestamptz not null, constraint "destruction_log_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "destruction_log_municipality_index" on "outreach"."destruction_log" ("municipality");`);
    this.addSql(`create index "destruction_log_municipality_destroyed_at_index" on "outreach"."destruction_log" ("municipality", "destroyed_at");`);
    this.addSql(`alter table "outreach"."destruction_log" enable row level security;`);
    this.addSql(`alter table "outreach"."destruction_log" force row level security;`);
    this.addSql(`create policy tenant_isolation on "outreach"."destruction_log" using (${TENANT}) with check (${TENANT});`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outreach"."destruction_log" cascade;`);
  }
}
