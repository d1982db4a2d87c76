import { Migration } from '@mikro-orm/migrations';

/** Closings of a 年度 report (issue 17): frozen, signed per-事業 figures; a reopening keeps the closed version. */
export class Migration20261203110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "reporting"."report_closure" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "fiscal_year" int not null, "revision" int not null, "status" varchar(20) not null default 'closed', "figures" jsonb not null, "signature" varchar(43) not null, "closed_at" timestamptz not null, "closed_by" varchar(200) not null, "supersedes_id" uuid null, "reopened_at" timestamptz null, "reopened_by" varchar(200) null, "reopen_reason" varchar(40) null, "reopen_note" varchar(500) null, constraint "report_closure_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "report_closure_municipality_index" on "reporting"."report_closure" ("municipality");`);
    this.addSql(`create index "report_closure_municipality_fiscal_year_index" on "reporting"."report_closure" ("municipality", "fiscal_year");`);
    this.addSql(`alter table "reporting"."report_closure" add constraint "report_closure_municipality_fiscal_year_revision_unique" unique ("municipality", "fiscal_year", "revision");`);
    // At most one closing in force per 年度.
    this.addSql(`create unique index "report_closure_in_force" on "reporting"."report_closure" ("municipality", "fiscal_year") where "status" = 'closed';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reporting"."report_closure" cascade;`);
  }
}
