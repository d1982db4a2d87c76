import { Migration } from '@mikro-orm/migrations';

const TENANT = "current_setting('app.system', true) = 'on' or municipality = current_setting('app.municipality', true)";

/**
 * Issue 17: combined measures (measures as data), the logic model per 事業 and 年度, and 事業費 / staff per 事業;
 * each table tenant-scoped under row-level security (ADR 0012), the policy written out as the RLS migration made it.
 */
export class Migration20261204090000 extends Migration {
  override async up(): Promise<void> {
    const common = `"id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1`;
    this.addSql(
      `create table "reporting"."combined_measure" (${common}, "code" varchar(30) not null, "name" varchar(200) not null, "operation" varchar(20) not null, "left_measure" varchar(40) not null, "right_measure" varchar(40) not null, "unit" varchar(20) not null, constraint "combined_measure_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "combined_measure_municipality_index" on "reporting"."combined_measure" ("municipality");`);
    this.addSql(`alter table "reporting"."combined_measure" add constraint "combined_measure_municipality_code_unique" unique ("municipality", "code");`);
    this.addSql(
      `create table "reporting"."logic_model_item" (${common}, "fiscal_year" int not null, "jigyo" varchar(20) not null, "stage" varchar(30) not null, "position" int not null, "title" varchar(200) not null, "indicator_code" varchar(40) null, "note" text null, constraint "logic_model_item_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "logic_model_item_municipality_index" on "reporting"."logic_model_item" ("municipality");`);
    this.addSql(`create index "logic_model_item_municipality_fiscal_year_index" on "reporting"."logic_model_item" ("municipality", "fiscal_year");`);
    this.addSql(
      `create table "reporting"."jigyo_budget" (${common}, "fiscal_year" int not null, "jigyo" varchar(20) not null, "amount_yen" bigint not null, "staff_fte" numeric(7,2) not null, "note" text null, constraint "jigyo_budget_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "jigyo_budget_municipality_index" on "reporting"."jigyo_budget" ("municipality");`);
    this.addSql(`alter table "reporting"."jigyo_budget" add constraint "jigyo_budget_municipality_fiscal_year_jigyo_unique" unique ("municipality", "fiscal_year", "jigyo");`);
    for (const table of ['combined_measure', 'logic_model_item', 'jigyo_budget']) {
      this.addSql(`alter table "reporting"."${table}" enable row level security;`);
      this.addSql(`alter table "reporting"."${table}" force row level security;`);
      this.addSql(`create policy tenant_isolation on "reporting"."${table}" using (${TENANT}) with check (${TENANT});`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['jigyo_budget', 'logic_model_item', 'combined_measure']) this.addSql(`drop table if exists "reporting"."${table}" cascade;`);
  }
}
