import { Migration } from '@mikro-orm/migrations';
import { consultationTallyBackfillSql, consultationTallyDdl } from '../projections/projection-schema';

const TENANT = "current_setting('app.system', true) = 'on' or municipality = current_setting('app.municipality', true)";
const TABLES = ['consultation_tally', 'consultation_pseudonym_month', 'consultation_headcount'];

/**
 * The per-事業 report's consultation tallies (ADR 0017, issue 17): 延べ per month, field, district and desk, the pseudonymous
 * keys per field and month, and 実人数 kept by triggers on `consultation`, under row-level security (ADR 0012); filled
 * from the consultations already projected.
 */
export class Migration20261205091000 extends Migration {
  override async up(): Promise<void> {
    for (const statement of consultationTallyDdl('reporting')) this.addSql(`${statement};`);
    for (const table of TABLES) {
      this.addSql(`alter table "reporting"."${table}" enable row level security;`);
      this.addSql(`alter table "reporting"."${table}" force row level security;`);
      this.addSql(`create policy tenant_isolation on "reporting"."${table}" using (${TENANT}) with check (${TENANT});`);
    }
    for (const statement of consultationTallyBackfillSql('reporting')) this.addSql(`${statement};`);
  }

  override async down(): Promise<void> {
    for (const operation of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists consultation_tally_${operation} on "reporting"."consultation";`);
    this.addSql('drop function if exists "reporting"."consultation_tally_trigger"();');
    for (const table of [...TABLES].reverse()) this.addSql(`drop table if exists "reporting"."${table}";`);
  }
}
