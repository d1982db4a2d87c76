import { Migration } from '@mikro-orm/migrations';

/** Copy of intake's people (ids, municipality, protections) and the need's protection flag. */
export class Migration20261203090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "matching"."person_copy" ("person_id" uuid not null, "municipality" varchar(6) not null, "protections" text[] not null, "is_protected" boolean not null default false, "protection_at" timestamptz null, constraint "person_copy_pkey" primary key ("person_id"));`,
    );
    this.addSql(`create index "person_copy_municipality_is_protected_index" on "matching"."person_copy" ("municipality", "is_protected");`);
    this.addSql(`alter table "matching"."participation_need" add column "address_protected" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "matching"."participation_need" drop column if exists "address_protected";`);
    this.addSql(`drop table if exists "matching"."person_copy" cascade;`);
  }
}
