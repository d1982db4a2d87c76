import { Migration } from '@mikro-orm/migrations';
import { needDistrictWithheldDdl } from '../projections/projection-schema';

/** participation_need.district_withheld: a need's district withheld after it was published (matching's need.district-withheld). */
export class Migration20261204190000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of needDistrictWithheldDdl('reporting')) this.addSql(`${statement};`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table "reporting"."participation_need" drop column if exists district_withheld;');
  }
}
