import { Migration } from '@mikro-orm/migrations';
import { jigyoDdl } from '../projections/projection-schema';

/** Per-事業 counting (issue 17): consultations' 事業 attribution, and the pseudonymous person key for 実人数. */
export class Migration20261203100000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of jigyoDdl('reporting')) this.addSql(`${statement};`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table "reporting"."consultation" drop column if exists jigyo_attribution, drop column if exists pseudonym;');
    for (const table of ['outreach_target', 'participation_need']) this.addSql(`alter table "reporting"."${table}" drop column if exists pseudonym;`);
  }
}
