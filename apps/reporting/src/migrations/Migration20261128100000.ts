import { Migration } from '@mikro-orm/migrations';

/** 評価指標 definitions (versioned) and 目標値 per 年度. */
export class Migration20261128100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "reporting"."indicator_definition" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "code" varchar(40) not null, "definition_version" int not null, "name" varchar(200) not null, "description" text null, "measure" varchar(40) not null, "unit" varchar(20) not null, constraint "indicator_definition_pkey" primary key ("id"));`);
    this.addSql(`create index "indicator_definition_municipality_index" on "reporting"."indicator_definition" ("municipality");`);
    this.addSql(`alter table "reporting"."indicator_definition" add constraint "indicator_definition_municipality_code_definition_version_unique" unique ("municipality", "code", "definition_version");`);
    this.addSql(`create table "reporting"."indicator_target" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "definition_id" uuid not null, "fiscal_year" int not null, "target_value" int not null, constraint "indicator_target_pkey" primary key ("id"));`);
    this.addSql(`create index "indicator_target_municipality_index" on "reporting"."indicator_target" ("municipality");`);
    this.addSql(`create index "indicator_target_municipality_fiscal_year_index" on "reporting"."indicator_target" ("municipality", "fiscal_year");`);
    this.addSql(`alter table "reporting"."indicator_target" add constraint "indicator_target_definition_id_fiscal_year_unique" unique ("definition_id", "fiscal_year");`);
    // A target always refers to a definition of the reporting service; definitions are never deleted once used.
    this.addSql(`alter table "reporting"."indicator_target" add constraint "indicator_target_definition_id_foreign" foreign key ("definition_id") references "reporting"."indicator_definition" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reporting"."indicator_target" cascade;`);
    this.addSql(`drop table if exists "reporting"."indicator_definition" cascade;`);
  }
}
