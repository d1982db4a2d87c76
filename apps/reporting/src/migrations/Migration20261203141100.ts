import { Migration } from '@mikro-orm/migrations';
import { auditSealingMigrationSql } from '@tsunagu/platform-audit';

/** Audit records written in the business transaction and sealed into the chain after it (ADR 0011): chain_pos, subject_ids, a trigger that lets only the sealer link. */
export class Migration20261203141100 extends Migration {
  override async up(): Promise<void> {
    for (const statement of auditSealingMigrationSql('reporting')) this.addSql(statement);
  }
}
