import { Migration } from '@mikro-orm/migrations';
import { districtWithheldDdl } from '../projections/projection-schema';

/** Districts withheld for DV address protection: households, their consultations, outreach targets and menu gaps. */
export class Migration20261203090000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of districtWithheldDdl('reporting')) this.addSql(`${statement};`);
  }

  override async down(): Promise<void> {
    for (const table of ['menu_gap', 'outreach_target', 'consultation', 'household']) this.addSql(`alter table "reporting"."${table}" drop column if exists district_withheld;`);
  }
}
