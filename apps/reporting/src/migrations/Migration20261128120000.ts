import { Migration } from '@mikro-orm/migrations';
import { auditMigrationSql } from '@tsunagu/platform-audit';

/** The append-only audit trail (platform-audit): every report read, export and settings or indicator change. */
export class Migration20261128120000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of auditMigrationSql('reporting')) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reporting"."audit_checkpoint" cascade;`);
    this.addSql(`drop table if exists "reporting"."audit_record" cascade;`);
    this.addSql(`drop function if exists "reporting"."audit_refuse_change"();`);
  }
}
