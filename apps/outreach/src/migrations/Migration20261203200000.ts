import { Migration } from '@mikro-orm/migrations';

/** The desk that registered a target keeps sight of it after assigning it to another organisation (issue 13). */
export class Migration20261203200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "outreach"."outreach_target" add column "registered_by_organization_id" uuid null;`,
    );
    this.addSql(
      `create index "outreach_target_registered_by_index" on "outreach"."outreach_target" ("municipality", "registered_by_organization_id");`,
    );
  }
}
