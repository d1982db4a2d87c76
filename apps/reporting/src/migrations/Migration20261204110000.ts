import { Migration } from '@mikro-orm/migrations';
import { communityWorkDdl } from '../projections/projection-schema';

const TENANT = "current_setting('app.system', true) = 'on' or municipality = current_setting('app.municipality', true)";

/** 協議体 and their meetings, and 生活支援コーディネーター by layer, projected from the registry (issue 17), under row-level security (ADR 0012). */
export class Migration20261204110000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of communityWorkDdl('reporting')) this.addSql(`${statement};`);
    for (const table of ['council', 'council_meeting', 'coordinator']) {
      this.addSql(`alter table "reporting"."${table}" enable row level security;`);
      this.addSql(`alter table "reporting"."${table}" force row level security;`);
      this.addSql(`create policy tenant_isolation on "reporting"."${table}" using (${TENANT}) with check (${TENANT});`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['coordinator', 'council_meeting', 'council']) this.addSql(`drop table if exists "reporting"."${table}";`);
  }
}
