import { Migration } from '@mikro-orm/migrations';
import { caseProjectionDdl } from '../projections/projection-schema';

/** Projections of 多機関協働 cases, support plans and meetings (intake's case events). */
export class Migration20261128090000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of caseProjectionDdl('reporting')) this.addSql(`${statement};`);
  }

  override async down(): Promise<void> {
    for (const table of ['multi_agency_case', 'support_plan', 'meeting']) this.addSql(`drop table if exists "reporting"."${table}";`);
  }
}
