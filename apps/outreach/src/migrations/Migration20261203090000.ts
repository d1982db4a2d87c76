import { Migration } from '@mikro-orm/migrations';

/** Mirrors of intake's people and households (ids, municipality, protections) and the target's protection flag. */
export class Migration20261203090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "outreach"."person_mirror" ("person_id" uuid not null, "municipality" varchar(6) not null, "protections" text[] not null, "is_protected" boolean not null default false, "household_ids" text[] not null, "protection_at" timestamptz null, "households_at" timestamptz null, constraint "person_mirror_pkey" primary key ("person_id"));`,
    );
    this.addSql(`create index "person_mirror_municipality_is_protected_index" on "outreach"."person_mirror" ("municipality", "is_protected");`);
    this.addSql(`create table "outreach"."household_mirror" ("household_id" uuid not null, "municipality" varchar(6) not null, constraint "household_mirror_pkey" primary key ("household_id"));`);
    this.addSql(`alter table "outreach"."outreach_target" add column "address_protected" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outreach"."outreach_target" drop column if exists "address_protected";`);
    this.addSql(`drop table if exists "outreach"."household_mirror" cascade;`);
    this.addSql(`drop table if exists "outreach"."person_mirror" cascade;`);
  }
}
