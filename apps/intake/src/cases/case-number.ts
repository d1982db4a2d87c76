import type { EntityManager } from '@mikro-orm/core';
import { fiscalYearInitial } from '@tsunagu/util-japanese-calendar';

/** Next case number of the municipality in a 年度 (C-R7-0001), gapless for the same reason as reception numbers. */
export async function nextCaseNumber(em: EntityManager, municipality: string, fiscalYear: number): Promise<string> {
  const rows = await em.getConnection().execute<{ last_no: number }[]>(
    `insert into "intake"."case_counter" (municipality, fiscal_year, last_no) values (?, ?, 1)
     on conflict (municipality, fiscal_year) do update set last_no = "case_counter".last_no + 1
     returning last_no`,
    [municipality, fiscalYear],
    'all',
    em.getTransactionContext(),
  );
  return `C-${fiscalYearInitial(fiscalYear)}-${String(Number(rows[0].last_no)).padStart(4, '0')}`;
}
