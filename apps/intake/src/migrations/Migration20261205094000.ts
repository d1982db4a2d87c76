import { Migration } from '@mikro-orm/migrations';

const TENANT = `current_setting('app.system', true) = 'on' or municipality = current_setting('app.municipality', true)`;

/**
 * 職員名簿 (issue 15): staff display names for the login subjects records keep, entered by each staff member's own
 * sign-in, under row-level security like every tenant table (written out, not generated).
 */
export class Migration20261205094000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "intake"."staff_member" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "subject" varchar(200) not null, "display_name" varchar(100) not null, "organization_id" uuid null, "last_signed_in_at" timestamptz null, "search_text" text not null default '', constraint "staff_member_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "intake"."staff_member" add constraint "staff_member_subject_unique" unique ("municipality", "subject");`);
    this.addSql(`create index "staff_member_municipality_index" on "intake"."staff_member" ("municipality");`);
    this.addSql(`create index "staff_member_search_text_trgm" on "intake"."staff_member" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`alter table "intake"."staff_member" enable row level security;`);
    this.addSql(`alter table "intake"."staff_member" force row level security;`);
    this.addSql(`create policy tenant_isolation on "intake"."staff_member" using (${TENANT}) with check (${TENANT});`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "intake"."staff_member" cascade;`);
  }
}
