import { Migration } from '@mikro-orm/migrations';

/**
 * The access model of issue 13 (docs/security/access-model.md): the desk that registered a person or household
 * (null for rows registered before desks did: their relationships come from consultations, referrals, cases and
 * meetings), the emergency-access (break-glass) ledger, and indexes for the relationship predicate every list uses.
 */
export class Migration20261203132812 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "intake"."emergency_access" ("id" uuid not null, "municipality" varchar(6) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "person_id" uuid not null, "actor" varchar(200) not null, "organization_id" uuid null, "reason" text not null, "granted_at" timestamptz not null, "expires_at" timestamptz not null, "reviewed_at" timestamptz null, "reviewed_by" varchar(200) null, "review_note" text null, constraint "emergency_access_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "emergency_access_municipality_index" on "intake"."emergency_access" ("municipality");`);
    this.addSql(`create index "emergency_access_review_idx" on "intake"."emergency_access" ("municipality", "reviewed_at", "granted_at");`);
    this.addSql(`create index "emergency_access_person_actor_idx" on "intake"."emergency_access" ("person_id", "actor", "expires_at");`);
    this.addSql(`alter table "intake"."person" add column "registered_by_organization" uuid null;`);
    this.addSql(`create index "person_registered_by_organization_idx" on "intake"."person" ("registered_by_organization");`);
    this.addSql(`alter table "intake"."household" add column "registered_by_organization" uuid null;`);
    this.addSql(`create index "consultation_person_receiving_idx" on "intake"."consultation" ("person_id", "receiving_organization_id");`);
    this.addSql(`create index "referral_person_idx" on "intake"."referral" ("person_id", "to_organization_id");`);
    this.addSql(`create index "multi_agency_case_key_person_idx" on "intake"."multi_agency_case" ("key_person_id");`);
    this.addSql(`create index "meeting_cases_gin" on "intake"."meeting" using gin ("cases" jsonb_path_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "intake"."meeting_cases_gin";`);
    this.addSql(`drop index "intake"."multi_agency_case_key_person_idx";`);
    this.addSql(`drop index "intake"."referral_person_idx";`);
    this.addSql(`drop index "intake"."consultation_person_receiving_idx";`);
    this.addSql(`alter table "intake"."household" drop column "registered_by_organization";`);
    this.addSql(`drop index "intake"."person_registered_by_organization_idx";`);
    this.addSql(`alter table "intake"."person" drop column "registered_by_organization";`);
    this.addSql(`drop table if exists "intake"."emergency_access" cascade;`);
  }
}
