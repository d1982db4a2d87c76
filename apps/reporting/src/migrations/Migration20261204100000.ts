import { Migration } from '@mikro-orm/migrations';
import { recordCountsDdl } from '../projections/projection-schema';

const TENANT = "current_setting('app.system', true) = 'on' or municipality = current_setting('app.municipality', true)";

/** 通報, evaluations and progress notes projected as counts (issue 17), under row-level security like every projection table (ADR 0012). */
export class Migration20261204100000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of recordCountsDdl('reporting')) this.addSql(`${statement};`);
    for (const table of ['mandatory_report', 'evaluation', 'progress_record']) {
      this.addSql(`alter table "reporting"."${table}" enable row level security;`);
      this.addSql(`alter table "reporting"."${table}" force row level security;`);
      this.addSql(`create policy tenant_isolation on "reporting"."${table}" using (${TENANT}) with check (${TENANT});`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['progress_record', 'evaluation', 'mandatory_report']) this.addSql(`drop table if exists "reporting"."${table}";`);
  }
}
