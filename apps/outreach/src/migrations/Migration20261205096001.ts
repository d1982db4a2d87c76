import { Migration } from '@mikro-orm/migrations';

const TABLES = ['retention_rule', 'legal_hold', 'destruction_batch', 'destruction_item'];
const TENANT = `current_setting('app.system', true) = 'on' or municipality = current_setting('app.municipality', true)`;

/**
 * Outreach's own retention of targets (issue 19): the rule, legal holds and the batches a city supervisor approves — the
 * same tables as intake's (platform-audit's retention entities), in outreach's schema, under row-level security.
 */
export class Migration20261205096001 extends Migration {
  override async up(): Promise<void> {
    const base = `"id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1`;
    this.addSql(
      `create table "outreach"."retention_rule" (${base}, "record_type" varchar(30) not null, "trigger" varchar(30) not null, "years" int not null, "action" varchar(10) not null, "changed_by" varchar(200) null, constraint "retention_rule_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "outreach"."retention_rule" add constraint "retention_rule_municipality_record_type_unique" unique ("municipality", "record_type");`);
    this.addSql(
      `create table "outreach"."legal_hold" (${base}, "record_type" varchar(30) not null, "record_id" uuid not null, "reason" varchar(30) not null, "placed_by" varchar(200) not null, "placed_at" timestamptz not null, "until" date null, "released_at" timestamptz null, "released_by" varchar(200) null, constraint "legal_hold_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "legal_hold_record_idx" on "outreach"."legal_hold" ("municipality", "record_type", "record_id");`);
    this.addSql(
      `create table "outreach"."destruction_batch" (${base}, "listed_at" timestamptz not null, "status" varchar(20) not null, "item_count" int not null, "decided_at" timestamptz null, "decided_by" varchar(200) null, constraint "destruction_batch_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "destruction_batch_municipality_status_listed_at_index" on "outreach"."destruction_batch" ("municipality", "status", "listed_at");`);
    this.addSql(
      `create table "outreach"."destruction_item" (${base}, "batch_id" uuid not null, "record_type" varchar(30) not null, "record_id" uuid not null, "rule_id" uuid not null, "rule_version" int not null, "action" varchar(10) not null, "triggered_on" date not null, "due_on" date not null, "status" varchar(20) not null, constraint "destruction_item_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "destruction_item_batch_id_index" on "outreach"."destruction_item" ("batch_id");`);
    this.addSql(`create index "destruction_item_record_idx" on "outreach"."destruction_item" ("municipality", "record_type", "record_id");`);
    // One live (pending or destroyed) item per target, so two runs of the check never list a target twice.
    this.addSql(
      `create unique index "destruction_item_live_unique" on "outreach"."destruction_item" ("municipality", "record_type", "record_id") where "status" in ('pending', 'destroyed');`,
    );
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
