import { Migration } from '@mikro-orm/migrations';
import { consultationDistrictDdl } from '../projections/projection-schema';

/** The household's district on each consultation (by-district report without the join), filled from the households. */
export class Migration20261128130000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of consultationDistrictDdl('reporting')) this.addSql(`${statement};`);
    this.addSql(`update "reporting"."consultation" c set district_id = h.district_id from "reporting"."household" h where h.household_id = c.household_id;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "reporting"."consultation" drop column if exists district_id;`);
  }
}
