import { Migration } from '@mikro-orm/migrations';
import { districtNameDdl } from '../projections/projection-schema';

/**
 * 地区名 and reading on the district projection. Events recorded before the registry added the names carry
 * none, so such districts stay unnamed (reports fall back to 地区番号 and id) until their next DistrictUpdated.
 */
export class Migration20261128110000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of districtNameDdl('reporting')) this.addSql(`${statement};`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "reporting"."district" drop column if exists short_name, drop column if exists kana;`);
  }
}
