import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { RETENTION_RECORD_TYPES, type RetentionRecordType } from '@tsunagu/contracts';
import { InjectConfig } from '@tsunagu/platform-config';
import { DestructionBatch, DestructionItem, dueOnSql as dueOn, HOLD_IN_FORCE, tryRetentionLock, type RetentionRule } from '@tsunagu/platform-audit';
import { TenantContext } from '@tsunagu/platform-context';
import { PeriodicJob } from '@tsunagu/platform-observability';
import { dateInJapan } from '@tsunagu/util-japanese-calendar';
import type { IntakeConfig } from '../config';
import { retentionRules } from './retention-rules';

export interface RetentionCheckResult {
  municipality: string;
  /** false when another replica held the municipality's lock and did the work. */
  ran: boolean;
  batchId: string | null;
  listed: number;
}

interface DueRow {
  id: string;
  triggered_on: string;
  due_on: string;
}

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
const ID_COLUMN: Record<RetentionRecordType, string> = { case: 'c.id', consultation: 'c.id', person: 'p.id' };

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
function listDue(em: EntityManager, type: RetentionRecordType, municipality: string, today: string, rule: RetentionRule): Promise<DueRow[]> {
  const sql = DUE_QUERIES[type](`and not ${listedSql(type, ID_COLUMN[type])}`);
  return em.getConnection().execute<DueRow[]>(sql, dueParams(type, municipality, today, rule.years, [municipality, rule.id, rule.version]), 'all', em.getTransactionContext());
}

/**
 * Whether one listed record is still due today under its type's current rule: at approval, so a person who came back
 * (a new consultation), a rule lengthened or a hold placed since listing keeps the record.
 */
export async function stillDue(em: EntityManager, type: RetentionRecordType, recordId: string, today: string, rule: RetentionRule): Promise<boolean> {
  const sql = DUE_QUERIES[type](`and ${ID_COLUMN[type]} = ?::uuid`);
  const rows = await em.getConnection().execute<DueRow[]>(sql, dueParams(type, TenantContext.requireMunicipality(), today, rule.years, [recordId]), 'all', em.getTransactionContext());
  return rows.length > 0;
}

/** Items written per flush. */
const CHUNK = 500;

/**
 * The daily retention check (廃棄予定の抽出): for each municipality, under a transaction-scoped advisory lock so replicas
 * never list twice at once, finds the records past their period and not under a legal hold, and lists them in a new
 * destruction batch for a city supervisor to approve. Nothing is destroyed here. Records already listed are skipped,
 * so a second run lists nothing new (and makes no batch).
 */
@Injectable()
export class ListDueRecordsUseCase {
  constructor(private readonly orm: MikroORM) {}

  /** Every municipality that has intake records. */
  async execute(now = new Date()): Promise<RetentionCheckResult[]> {
    const rows = await TenantContext.runAsSystem(undefined, () =>
      this.orm.em.fork().getConnection().execute<{ municipality: string }[]>(`select distinct municipality from "intake"."person"`),
    );
    const results: RetentionCheckResult[] = [];
    for (const { municipality } of rows) results.push(await this.forMunicipality(municipality, now));
    return results;
  }

  async forMunicipality(municipality: string, now = new Date()): Promise<RetentionCheckResult> {
    return TenantContext.runAsSystem(municipality, () =>
      this.orm.em.fork().transactional(async (em) => {
        if (!(await tryRetentionLock(em, 'intake-retention', municipality))) return { municipality, ran: false, batchId: null, listed: 0 };
        return { municipality, ran: true, ...(await this.list(em, municipality, dateInJapan(now), now)) };
      }),
    );
  }

  private async list(em: EntityManager, municipality: string, today: string, now: Date): Promise<{ batchId: string | null; listed: number }> {
    const rules = await retentionRules(em);
    let batch: DestructionBatch | undefined;
    let listed = 0;
    for (const type of RETENTION_RECORD_TYPES) {
      const rule = rules.get(type) as RetentionRule;
      const due = await listDue(em, type, municipality, today, rule);
      if (due.length === 0) continue;
      if (!batch) {
        batch = Object.assign(new DestructionBatch(), { listedAt: now });
        em.persist(batch);
        await em.flush();
      }
      for (let offset = 0; offset < due.length; offset += CHUNK) {
        for (const row of due.slice(offset, offset + CHUNK)) {
          const item = Object.assign(new DestructionItem(), {
            batchId: batch.id,
            recordType: type,
            recordId: row.id,
            ruleId: rule.id,
            ruleVersion: rule.version,
            action: rule.action,
            triggeredOn: row.triggered_on,
            dueOn: row.due_on,
          });
          em.persist(item);
        }
        await em.flush();
        em.clear();
      }
      listed += due.length;
    }
    if (batch) {
      await em.nativeUpdate(DestructionBatch, { id: batch.id }, { itemCount: listed });
    }
    return { batchId: batch?.id ?? null, listed };
  }
}

/** Runs the check every INTAKE_RETENTION_CHECK_INTERVAL_MS on each replica (0: never); the advisory lock keeps them from overlapping. */
@Injectable()
export class RetentionCheckScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RetentionCheck');
  private readonly job = new PeriodicJob(this.logger, 'retention check', async () => {
    const results = await this.check.execute();
    const listed = results.reduce((sum, result) => sum + result.listed, 0);
    if (listed > 0) this.logger.log(`records listed for destruction: ${listed}`);
  });

  constructor(
    private readonly check: ListDueRecordsUseCase,
    @InjectConfig() private readonly config: IntakeConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start(this.config.INTAKE_RETENTION_CHECK_INTERVAL_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }
}
