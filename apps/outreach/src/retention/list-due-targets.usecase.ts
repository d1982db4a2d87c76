import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { DestructionBatch, DestructionItem, tryRetentionLock } from '@tsunagu/platform-audit';
import { InjectConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { PeriodicJob } from '@tsunagu/platform-observability';
import { dateInJapan } from '@tsunagu/util-japanese-calendar';
import type { OutreachConfig } from '../config';
import { dueTargets, NOT_LISTED, targetRetentionRule } from './due-targets';

export interface OutreachRetentionCheckResult {
  municipality: string;
  /** false when another replica held the municipality's lock and did the work. */
  ran: boolean;
  batchId: string | null;
  listed: number;
}

/**
 * The daily retention check for targets (廃棄予定の抽出): per municipality, under a transaction-scoped advisory lock,
 * lists the targets past their period and not under a legal hold into a new destruction batch for a city supervisor to
 * approve. Nothing is destroyed here; a target already listed is skipped, so a second run makes no batch.
 */
@Injectable()
export class ListDueTargetsUseCase {
  constructor(private readonly orm: MikroORM) {}

  async execute(now = new Date()): Promise<OutreachRetentionCheckResult[]> {
    const rows = await TenantContext.runAsSystem(undefined, () =>
      this.orm.em.fork().getConnection().execute<{ municipality: string }[]>(`select distinct municipality from "outreach"."outreach_target"`),
    );
    const results: OutreachRetentionCheckResult[] = [];
    for (const { municipality } of rows) results.push(await this.forMunicipality(municipality, now));
    return results;
  }

  async forMunicipality(municipality: string, now = new Date()): Promise<OutreachRetentionCheckResult> {
    return TenantContext.runAsSystem(municipality, () =>
      this.orm.em.fork().transactional(async (em) => {
        if (!(await tryRetentionLock(em, 'outreach-retention', municipality))) return { municipality, ran: false, batchId: null, listed: 0 };
        const rule = await targetRetentionRule(em);
        const due = await dueTargets(em, dateInJapan(now), rule, { sql: NOT_LISTED, params: [municipality, rule.id, rule.version] });
        if (due.length === 0) return { municipality, ran: true, batchId: null, listed: 0 };
        const batch = Object.assign(new DestructionBatch(), { listedAt: now, itemCount: due.length });
        em.persist(batch);
        for (const row of due) {
          em.persist(
            Object.assign(new DestructionItem(), {
              batchId: batch.id,
              recordType: rule.recordType,
              recordId: row.id,
              ruleId: rule.id,
              ruleVersion: rule.version,
              action: rule.action,
              triggeredOn: row.triggered_on,
              dueOn: row.due_on,
            }),
          );
        }
        await em.flush();
        return { municipality, ran: true, batchId: batch.id, listed: due.length };
      }),
    );
  }
}

/** Runs the check every OUTREACH_RETENTION_CHECK_INTERVAL_MS on each replica (0: never); the advisory lock keeps them from overlapping. */
@Injectable()
export class OutreachRetentionCheckScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutreachRetentionCheck');
  private readonly job = new PeriodicJob(this.logger, 'retention check', async () => {
    const listed = (await this.check.execute()).reduce((sum, result) => sum + result.listed, 0);
    if (listed > 0) this.logger.log(`targets listed for destruction: ${listed}`);
  });

  constructor(
    private readonly check: ListDueTargetsUseCase,
    @InjectConfig() private readonly config: OutreachConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start(this.config.OUTREACH_RETENTION_CHECK_INTERVAL_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }
}
