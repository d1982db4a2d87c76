import { Migration } from '@mikro-orm/migrations';

/** The copy of the registry's organisations (OrganizationRegistered / OrganizationUpdated) that organisation ids are checked against. */
export class Migration20261203110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "intake"."organization_copy" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "type" varchar(40) not null, "event_at" timestamptz not null, constraint "organization_copy_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "organization_copy_municipality_index" on "intake"."organization_copy" ("municipality");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "intake"."organization_copy" cascade;`);
  }
}
