import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { PeriodicJob } from '@tsunagu/platform-observability';
import { dateInJapan } from '@tsunagu/util-japanese-calendar';
import { DestructionBatch, DestructionItem, tryRetentionLock, type RetentionRule } from './retention';

/*
 * The daily retention check (廃棄予定の抽出) every service with records of its own runs the same way: per municipality,
 * under a transaction-scoped advisory lock so replicas never list twice at once, the records past their period, not
 * held and not listed before go into one new destruction batch for a city supervisor to approve. Nothing is destroyed
 * here. What is due is the service's: it passes `dueRecords`.
 */

export interface RetentionCheckResult {
  municipality: string;
  /** false when another replica held the municipality's lock and did the work. */
  ran: boolean;
  batchId: string | null;
  listed: number;
}

/** One record due under a rule: its id, the date its period counted from and the first day it could be destroyed. */
export interface DueRecord {
  id: string;
  triggered_on: string;
  due_on: string;
}

/** The records due under one rule (one record type). */
export interface DueRecords {
  rule: RetentionRule;
  records: DueRecord[];
}

export interface DueListing {
  /** Names the service's advisory lock (with the municipality). */
  lockName: string;
  /** The records due `today` and not listed yet, per rule, in the municipality's tenant transaction. */
  dueRecords(em: EntityManager, municipality: string, today: string): Promise<DueRecords[]>;
}

/** Items written per flush. */
const CHUNK = 500;

/** Lists one municipality's due records into a new batch (none when nothing is newly due). */
export function listDueIntoBatch(orm: MikroORM, municipality: string, listing: DueListing, now = new Date()): Promise<RetentionCheckResult> {
  return TenantContext.runAsSystem(municipality, () =>
    orm.em.fork().transactional(async (em) => {
      if (!(await tryRetentionLock(em, listing.lockName, municipality))) return { municipality, ran: false, batchId: null, listed: 0 };
      const due = (await listing.dueRecords(em, municipality, dateInJapan(now))).filter((group) => group.records.length > 0);
      if (due.length === 0) return { municipality, ran: true, batchId: null, listed: 0 };
      const listed = due.reduce((sum, group) => sum + group.records.length, 0);
      const batch = Object.assign(new DestructionBatch(), { listedAt: now, itemCount: listed });
      const batchId = batch.id;
      em.persist(batch);
      await em.flush();
      for (const { rule, records } of due) {
        const { recordType, id: ruleId, version: ruleVersion, action } = rule;
        for (let offset = 0; offset < records.length; offset += CHUNK) {
          for (const row of records.slice(offset, offset + CHUNK)) {
            em.persist(Object.assign(new DestructionItem(), { batchId, recordType, recordId: row.id, ruleId, ruleVersion, action, triggeredOn: row.triggered_on, dueOn: row.due_on }));
          }
          await em.flush();
          em.clear();
        }
      }
      return { municipality, ran: true, batchId, listed };
    }),
  );
}

/**
 * A service's retention check: `execute` runs it for every municipality that has records (`municipalitiesSql`, read as
 * the system), `forMunicipality` for one (the admin's `POST /retention-checks`).
 */
export abstract class RetentionCheck implements DueListing {
  abstract readonly lockName: string;
  /** `select distinct municipality from …` over the service's main record table. */
  protected abstract readonly municipalitiesSql: string;

  constructor(protected readonly orm: MikroORM) {}

  abstract dueRecords(em: EntityManager, municipality: string, today: string): Promise<DueRecords[]>;

  async execute(now = new Date()): Promise<RetentionCheckResult[]> {
    const rows = await TenantContext.runAsSystem(undefined, () => this.orm.em.fork().getConnection().execute<{ municipality: string }[]>(this.municipalitiesSql));
    const results: RetentionCheckResult[] = [];
    for (const { municipality } of rows) results.push(await this.forMunicipality(municipality, now));
    return results;
  }

  forMunicipality(municipality: string, now = new Date()): Promise<RetentionCheckResult> {
    return listDueIntoBatch(this.orm, municipality, this, now);
  }
}

/** Runs a service's check every `intervalMs` on each replica (0: never); the advisory lock keeps them from overlapping. */
export abstract class RetentionCheckScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: PeriodicJob;

  /** `what` names the listed records in the log line (a count only). */
  constructor(
    check: RetentionCheck,
    private readonly intervalMs: number,
    loggerName: string,
    what: string,
  ) {
    const logger = new Logger(loggerName);
    this.job = new PeriodicJob(logger, 'retention check', async () => {
      const listed = (await check.execute()).reduce((sum, result) => sum + result.listed, 0);
      if (listed > 0) logger.log(`${what} listed for destruction: ${listed}`);
    });
  }

  onApplicationBootstrap(): void {
    this.job.start(this.intervalMs);
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }
}
