import type { EntityManager } from '@mikro-orm/core';
import { fiscalYearInitial } from '@tsunagu/util-japanese-calendar';

/**
 * 受付番号 `R7-003-000123`: 年度, the receiving desk's number in the municipality, and the desk's sequence in that 年度.
 * The desk number makes numbers unique in the municipality (several desks each have their own `000001`); the sequence
 * stays gapless per desk and 年度. A desk gets its number at its first reception (1, 2, 3 … in that order) and keeps it
 * in later 年度, so staff learn their desk's prefix.
 */
export function receptionNumber(fiscalYear: number, deskNo: number, seq: number): string {
  return `${fiscalYearInitial(fiscalYear)}-${String(deskNo).padStart(3, '0')}-${String(seq).padStart(6, '0')}`;
}

/**
 * Next reception number of an organisation in a 年度. The counter row is incremented in the caller's transaction:
 * concurrent receptions queue on its row lock, and a rolled-back reception rolls its number back too, so numbers
 * are unique and leave no gaps. A desk's first row of a 年度 is created under a per-municipality advisory lock, so
 * two new desks cannot take the same desk number (the unique index on (municipality, fiscal_year, desk_no) would
 * refuse it) and two first receptions of one desk do not race.
 */
export async function nextReceptionNumber(em: EntityManager, municipality: string, organizationId: string, fiscalYear: number): Promise<{ seq: number; receptionNo: string }> {
  const run = (sql: string, params: unknown[]) => em.getConnection().execute<{ last_no: number; desk_no: number }[]>(sql, params, 'all', em.getTransactionContext());
  let rows = await run(
    `update "intake"."reception_counter" set last_no = last_no + 1 where municipality = ? and organization_id = ? and fiscal_year = ? returning last_no, desk_no`,
    [municipality, organizationId, fiscalYear],
  );
  if (rows.length === 0) {
    await run(`select pg_advisory_xact_lock(hashtext('intake.reception_desk:' || ?))`, [municipality]);
    rows = await run(
      `insert into "intake"."reception_counter" as c (municipality, organization_id, fiscal_year, last_no, desk_no)
       values (?, ?, ?, 1, coalesce(
         (select desk_no from "intake"."reception_counter" where municipality = ? and organization_id = ? order by fiscal_year desc limit 1),
         (select coalesce(max(desk_no), 0) + 1 from "intake"."reception_counter" where municipality = ?)))
       on conflict (municipality, organization_id, fiscal_year) do update set last_no = c.last_no + 1
       returning last_no, desk_no`,
      [municipality, organizationId, fiscalYear, municipality, organizationId, municipality],
    );
  }
  const seq = Number(rows[0].last_no);
  return { seq, receptionNo: receptionNumber(fiscalYear, Number(rows[0].desk_no), seq) };
}
