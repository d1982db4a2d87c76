import { Migration } from '@mikro-orm/migrations';
import { outreachProjectionDdl, participationProjectionDdl } from '../projections/projection-schema';

/** アウトリーチ and 参加支援 projections (the outreach and matching services' events). */
export class Migration20261201090000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of [...outreachProjectionDdl('reporting'), ...participationProjectionDdl('reporting')]) this.addSql(`${statement};`);
  }

  override async down(): Promise<void> {
    for (const table of [
      'menu_gap',
      'participation_follow_up',
      'participation_match',
      'participation_host',
      'participation_need',
      'outreach_alert',
      'outreach_contact',
      'outreach_target',
    ]) {
      this.addSql(`drop table if exists "reporting"."${table}";`);
    }
  }
}
