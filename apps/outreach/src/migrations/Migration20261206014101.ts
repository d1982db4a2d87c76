import { Migration } from '@mikro-orm/migrations';

const TENANT = `current_setting('app.system', true) = 'on' or municipality = current_setting('app.municipality', true)`;

/**
 * Legal holds placed in intake, by the person they hold (ADR 0019): a target of a held person is never listed or
 * destroyed. Ids and codes only, under row-level security (written out).
 */
export class Migration20261206014101 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "outreach"."intake_legal_hold" ("hold_id" uuid not null, "municipality" varchar(6) not null, "person_id" uuid not null, "reason" varchar(30) not null, "until" date null, "released_at" timestamptz null, constraint "intake_legal_hold_pkey" primary key ("hold_id"));`,
    );
    this.addSql(`create index "intake_legal_hold_municipality_person_id_index" on "outreach"."intake_legal_hold" ("municipality", "person_id");`);
    this.addSql(`alter table "outreach"."intake_legal_hold" enable row level security;`);
    this.addSql(`alter table "outreach"."intake_legal_hold" force row level security;`);
    this.addSql(`create policy tenant_isolation on "outreach"."intake_legal_hold" using (${TENANT}) with check (${TENANT});`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outreach"."intake_legal_hold" cascade;`);
  }
}
