import type { EntityManager } from '@mikro-orm/core';
import { fiscalYearPrefix } from '../shared/dates';

/**
 * Next reception number of an organisation in a 年度. The counter row is incremented with an upsert in
 * the caller's transaction: concurrent receptions queue on its row lock, and a rolled-back reception
 * rolls its number back too, so numbers are unique and leave no gaps.
 */
export async function nextReceptionNumber(em: EntityManager, municipality: string, organizationId: string, fiscalYear: number): Promise<{ seq: number; receptionNo: string }> {
  const rows = await em.getConnection().execute<{ last_no: number }[]>(
    `insert into "intake"."reception_counter" (municipality, organization_id, fiscal_year, last_no) values (?, ?, ?, 1)
     on conflict (municipality, organization_id, fiscal_year) do update set last_no = "reception_counter".last_no + 1
     returning last_no`,
    [municipality, organizationId, fiscalYear],
    'all',
    em.getTransactionContext(),
  );
  const seq = Number(rows[0].last_no);
  return { seq, receptionNo: `${fiscalYearPrefix(fiscalYear)}-${String(seq).padStart(6, '0')}` };
}
