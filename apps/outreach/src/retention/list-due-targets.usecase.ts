import { Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { RetentionCheck, RetentionCheckScheduler, type DueRecords } from '@tsunagu/platform-audit';
import { InjectConfig } from '@tsunagu/platform-config';
import type { OutreachConfig } from '../config';
import { dueTargets, NOT_LISTED, targetRetentionRule } from './due-targets';

/**
 * The daily retention check for targets (廃棄予定の抽出): platform-audit's listing (per municipality, under the advisory
 * lock, one new batch) over the targets past their period, not under a legal hold and not listed before.
 */
@Injectable()
export class ListDueTargetsUseCase extends RetentionCheck {
  readonly lockName = 'outreach-retention';
  protected readonly municipalitiesSql = `select distinct municipality from "outreach"."outreach_target"`;

  constructor(orm: MikroORM) {
    super(orm);
  }

  async dueRecords(em: EntityManager, municipality: string, today: string): Promise<DueRecords[]> {
    const rule = await targetRetentionRule(em);
    return [{ rule, records: await dueTargets(em, today, rule, { sql: NOT_LISTED, params: [municipality, rule.id, rule.version] }) }];
  }
}

/** Runs the check every OUTREACH_RETENTION_CHECK_INTERVAL_MS on each replica (0: never). */
@Injectable()
export class OutreachRetentionCheckScheduler extends RetentionCheckScheduler {
  constructor(check: ListDueTargetsUseCase, @InjectConfig() config: OutreachConfig) {
    super(check, config.OUTREACH_RETENTION_CHECK_INTERVAL_MS, 'OutreachRetentionCheck', 'targets');
  }
}
