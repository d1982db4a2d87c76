import { Migration } from '@mikro-orm/migrations';
import { districtWithheldDdl } from '../projections/projection-schema';

/** Households whose district intake withholds (DV address protection) and their consultations' copy of the flag. */
export class Migration20261203090000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of districtWithheldDdl('reporting')) this.addSql(`${statement};`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "reporting"."consultation" drop column if exists district_withheld;`);
    this.addSql(`alter table "reporting"."household" drop column if exists district_withheld;`);
  }
}
