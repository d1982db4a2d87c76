import { Migration } from '@mikro-orm/migrations';
import { dropRowLevelSecuritySql, rowLevelSecuritySql } from '@tsunagu/platform-persistence';

/**
 * Row-level security as the second line of tenant isolation (ADR 0012): every table of the schema with a
 * `municipality` column gets ENABLE + FORCE ROW LEVEL SECURITY and the `tenant_isolation` policy on the session's
 * app.municipality / app.system. A later migration that adds such a table calls rowLevelSecuritySql again.
 */
export class Migration20261203180000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of rowLevelSecuritySql('reporting')) this.addSql(statement);
  }

  override async down(): Promise<void> {
    for (const statement of dropRowLevelSecuritySql('reporting')) this.addSql(statement);
  }
}
