import { Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { RETENTION_RECORD_TYPES, type RetentionRecordType } from '@tsunagu/contracts';
import { InjectConfig } from '@tsunagu/platform-config';
import {
  dueOnSql as dueOn,
  HOLD_IN_FORCE,
  RetentionCheck,
  RetentionCheckScheduler as RetentionCheckSchedulerBase,
  type DueRecord,
  type DueRecords,
  type RetentionRule,
} from '@tsunagu/platform-audit';
import { TenantContext } from '@tsunagu/platform-context';
import type { IntakeConfig } from '../config';
import { retentionRules } from './retention-rules';

/** A legal hold in force today on one of the (record type, id expression) pairs. */
function heldSql(targets: [RetentionRecordType, string][]): string {
  const on = targets.map(([type, id]) => `(h.record_type = '${type}' and h.record_id = ${id})`).join(' or ');
  return `exists (select 1 from "intake"."legal_hold" h where h.municipality = ?::text and ${HOLD_IN_FORCE} and (${on}))`;
}

/**
 * Listed already: a live item (pending or destroyed), or an item the approver removed under this very rule version (a
 * removed record comes back only when the city changes the rule; a record held at approval comes back once released).
 */
function listedSql(type: RetentionRecordType, id: string): string {
  return `exists (select 1 from "intake"."destruction_item" i where i.municipality = ?::text and i.record_type = '${type}' and i.record_id = ${id}
            and (i.status in ('pending', 'destroyed') or (i.status = 'removed' and i.rule_id = ?::uuid and i.rule_version = ?::int)))`;
}

const JST_DATE = (column: string) => `(${column} at time zone 'Asia/Tokyo')::date`;
const CASES_OF_PERSON = `(c.key_person_id = p.id or c.household_id in (select h.id from "intake"."household" h where h.members @> jsonb_build_array(jsonb_build_object('personId', p.id::text))))`;

/** The record's id column in each query, for the tail conditions below. */
const ID_COLUMN: Record<RetentionRecordType, string> = { case: 'c.id', consultation: 'c.id', person: 'p.id', meeting: 'm.id' };

/** The cases on meeting m's agenda, and their key persons (as `= any(…)` operands). */
const MEETING_CASES = `any(array(select (x->>'caseId')::uuid from jsonb_array_elements(m.cases) x))`;
const MEETING_PERSONS = `any(array(select k.key_person_id from "intake"."multi_agency_case" k where k.id = ${MEETING_CASES}))`;

/**
 * Per record type: the record, the date its period counts from, and whether it is done with (a period only runs from an
 * end) and not held; `tail` adds a condition on the id column (not listed yet, or: this one record).
 */
const DUE_QUERIES: Record<RetentionRecordType, (tail: string) => string> = {
  // A case with its plans, evaluations and notes, from its 終結.
  case: (tail) => `select c.id, c.closed_on::text as triggered_on, ${dueOn('c.closed_on')}::text as due_on
           from "intake"."multi_agency_case" c
          where c.municipality = ?::text and c.closed_on is not null and ${dueOn('c.closed_on')} <= ?::date
            and not ${heldSql([['case', 'c.id'], ['person', 'c.key_person_id']])} ${tail}`,
  // A consultation no case grew from (a case's own consultation goes with the case), once it has ended.
  consultation: (tail) => `select c.id, ${JST_DATE('c.received_at')}::text as triggered_on, ${dueOn(JST_DATE('c.received_at'))}::text as due_on
           from "intake"."consultation" c
          where c.municipality = ?::text and c.status not in ('received', 'screening', 'handling') and ${dueOn(JST_DATE('c.received_at'))} <= ?::date
            and not exists (select 1 from "intake"."multi_agency_case" k where k.consultation_id = c.id)
            and not ${heldSql([['consultation', 'c.id'], ['person', 'c.person_id']])} ${tail}`,
  // A meeting from the day it was held, never while a case on its agenda is open (its 会議録 is the case's record of
  // support decisions), nor while the meeting, a case on its agenda or that case's key person is held.
  meeting: (tail) => `select m.id, ${JST_DATE('m.held_at')}::text as triggered_on, ${dueOn(JST_DATE('m.held_at'))}::text as due_on
           from "intake"."meeting" m
          where m.municipality = ?::text and ${dueOn(JST_DATE('m.held_at'))} <= ?::date
            and not exists (select 1 from "intake"."multi_agency_case" c where c.id = ${MEETING_CASES} and c.closed_on is null)
            and not ${heldSql([['meeting', 'm.id'], ['case', MEETING_CASES], ['person', MEETING_PERSONS]])} ${tail}`,
  // A person from their last involvement (registration, a consultation received, a case of theirs or their household closed);
  // never while a consultation or case of theirs is open, nor while any of their records is held.
  person: (tail) => `select id, last::text as triggered_on, ${dueOn('last')}::text as due_on from (
             select p.id, greatest(${JST_DATE('p.created_at')},
                      (select max(${JST_DATE('c.received_at')}) from "intake"."consultation" c where c.person_id = p.id),
                      (select max(c.closed_on) from "intake"."multi_agency_case" c where ${CASES_OF_PERSON})) as last
               from "intake"."person" p
              where p.municipality = ?::text
                and not exists (select 1 from "intake"."consultation" c where c.person_id = p.id and c.status in ('received', 'screening', 'handling'))
                and not exists (select 1 from "intake"."multi_agency_case" c where ${CASES_OF_PERSON} and c.closed_on is null)
                and not ${heldSql([['person', 'p.id']])}
                and not exists (select 1 from "intake"."legal_hold" h join "intake"."consultation" c on h.record_type = 'consultation' and h.record_id = c.id
                                 where c.person_id = p.id and h.released_at is null and (h.until is null or h.until >= ?::date))
                and not exists (select 1 from "intake"."legal_hold" h join "intake"."multi_agency_case" c on h.record_type = 'case' and h.record_id = c.id
                                 where c.key_person_id = p.id and h.released_at is null and (h.until is null or h.until >= ?::date))
                ${tail}
           ) due where ${dueOn('last')} <= ?::date`,
};

function dueParams(type: RetentionRecordType, municipality: string, today: string, years: number, tail: unknown[]): unknown[] {
  const held = [municipality, today];
  if (type === 'person') return [years, municipality, ...held, today, today, ...tail, years, today];
  return [years, municipality, years, today, ...held, ...tail];
}

/** The records of a type due today under the rule and not listed before. */
function listDue(em: EntityManager, type: RetentionRecordType, municipality: string, today: string, rule: RetentionRule): Promise<DueRecord[]> {
  const sql = DUE_QUERIES[type](`and not ${listedSql(type, ID_COLUMN[type])}`);
  return em.getConnection().execute<DueRecord[]>(sql, dueParams(type, municipality, today, rule.years, [municipality, rule.id, rule.version]), 'all', em.getTransactionContext());
}

/**
 * Whether one listed record is still due today under its type's current rule: at approval, so a person who came back
 * (a new consultation), a rule lengthened or a hold placed since listing keeps the record.
 */
export async function stillDue(em: EntityManager, type: RetentionRecordType, recordId: string, today: string, rule: RetentionRule): Promise<boolean> {
  const sql = DUE_QUERIES[type](`and ${ID_COLUMN[type]} = ?::uuid`);
  const rows = await em.getConnection().execute<DueRecord[]>(sql, dueParams(type, TenantContext.requireMunicipality(), today, rule.years, [recordId]), 'all', em.getTransactionContext());
  return rows.length > 0;
}

/**
 * The daily retention check (廃棄予定の抽出) of intake's records: platform-audit's listing (per municipality, under the
 * advisory lock, one new batch) over the records of each type past their period, not held and not listed before.
 */
@Injectable()
export class ListDueRecordsUseCase extends RetentionCheck {
  readonly lockName = 'intake-retention';
  /** Every municipality that has intake records. */
  protected readonly municipalitiesSql = `select distinct municipality from "intake"."person"`;

  constructor(orm: MikroORM) {
    super(orm);
  }

  async dueRecords(em: EntityManager, municipality: string, today: string): Promise<DueRecords[]> {
    const rules = await retentionRules(em);
    const due: DueRecords[] = [];
    for (const type of RETENTION_RECORD_TYPES) {
      const rule = rules.get(type) as RetentionRule;
      due.push({ rule, records: await listDue(em, type, municipality, today, rule) });
    }
    return due;
  }
}

/** Runs the check every INTAKE_RETENTION_CHECK_INTERVAL_MS on each replica (0: never). */
@Injectable()
export class RetentionCheckScheduler extends RetentionCheckSchedulerBase {
  constructor(check: ListDueRecordsUseCase, @InjectConfig() config: IntakeConfig) {
    super(check, config.INTAKE_RETENTION_CHECK_INTERVAL_MS, 'RetentionCheck', 'records');
  }
}
