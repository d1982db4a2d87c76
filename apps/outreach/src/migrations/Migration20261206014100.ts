import { Migration } from '@mikro-orm/migrations';

/**
 * Destruction deletes a record's import sources by the record's id (issue 19: the old system's key goes with the
 * record): an index on target_id, so a batch of a thousand records does not scan the table a thousand times.
 */
export class Migration20261206014100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "import_source_target_idx" on "outreach"."import_source" ("target_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "outreach"."import_source_target_idx";`);
  }
}
