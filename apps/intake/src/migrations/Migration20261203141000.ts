import { Migration } from '@mikro-orm/migrations';

/**
 * Which members of a case joined on the 重層 track, on the strength of the key person's consent: they leave the case when
 * that consent is withdrawn (issue 13). Cases opened before this are not known member by member, so nobody is listed
 * and a withdrawal leaves their members in place (the case itself still returns to the 支援会議 track).
 */
export class Migration20261203141000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "intake"."multi_agency_case" add column "consent_member_organization_ids" text[] not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "intake"."multi_agency_case" drop column "consent_member_organization_ids";`);
  }
}
