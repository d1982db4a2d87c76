import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { OutreachInactivityAlertRaised, OutreachWatchOverdue } from '@tsunagu/contracts';
import { InjectConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { dateInJapan } from '@tsunagu/util-japanese-calendar';
import type { OutreachConfig } from '../config';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { targetRef } from '../shared/target-ref';
import { OutreachSettings } from '../settings/settings';
import { OutreachTarget } from '../targets/outreach-target.entity';
import { WatchPlan } from '../watch/watch-plan.entity';
import { alertEventData } from './alert.view';
import { InactivityAlert } from './inactivity-alert.entity';
import { PeriodicJob } from '@tsunagu/platform-observability';

export interface OutreachCheckResult {
  municipality: string;
  /** false when another replica held the municipality's lock and did the work. */
  ran: boolean;
  alertsRaised: number;
  overduePublished: number;
}

const DAY_MS = 24 * 3600 * 1000;
/** Rows written per flush. */
const CHUNK = 500;

/**
 * The periodic check (also `main.js check` and callable with a fixed clock): for each municipality, under a
 * transaction-scoped advisory lock so several replicas never do it twice at once,
 * - raises an inactivity alert for each high-risk, not closed target whose last successful contact (or discovery)
 *   is at least N days ago — once per lapse: the lapse's start is part of the alert's unique key;
 * - publishes watch.overdue once per due date for active watch plans past their next visit.
 */
@Injectable()
export class RunOutreachChecksUseCase {
  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventRecorder,
    private readonly settings: OutreachSettings,
  ) {}

  /** Every municipality that has outreach targets. */
  async execute(now = new Date()): Promise<OutreachCheckResult[]> {
    const rows = await TenantContext.runAsSystem(undefined, () =>
      this.orm.em.fork().getConnection().execute<{ municipality: string }[]>(`select distinct municipality from "outreach"."outreach_target"`),
    );
    const results: OutreachCheckResult[] = [];
    for (const { municipality } of rows) results.push(await this.forMunicipality(municipality, now));
    return results;
  }

  async forMunicipality(municipality: string, now = new Date()): Promise<OutreachCheckResult> {
    return TenantContext.runAsSystem(municipality, () =>
      this.orm.em.fork().transactional(async (em) => {
        const [lock] = await em
          .getConnection()
          .execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(hashtext('outreach-checks'), hashtext(?)) as locked`, [municipality], 'all', em.getTransactionContext());
        if (!lock?.locked) return { municipality, ran: false, alertsRaised: 0, overduePublished: 0 };
        const alertsRaised = await this.raiseInactivityAlerts(em, municipality, now);
        const overduePublished = await this.publishOverdue(em, municipality, now);
        return { municipality, ran: true, alertsRaised, overduePublished };
      }),
    );
  }

  private async raiseInactivityAlerts(em: EntityManager, municipality: string, now: Date): Promise<number> {
    const days = await this.settings.inactivityDays(em);
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    // Alerts keep the lapse start at JavaScript's millisecond precision; compare at that precision.
    const ids = await em.getConnection().execute<{ id: string }[]>(
      `select t.id from "outreach"."outreach_target" t
        where t.municipality = ? and t.risk_level = 'high' and t.stage <> 'closed'
          and coalesce(t.last_successful_contact_at, t.lapse_origin_at) <= ?
          and not exists (select 1 from "outreach"."inactivity_alert" a
                           where a.target_id = t.id and a.lapse_started_at = date_trunc('milliseconds', coalesce(t.last_successful_contact_at, t.lapse_origin_at)))`,
      [municipality, cutoff],
      'all',
      em.getTransactionContext(),
    );
    for (let offset = 0; offset < ids.length; offset += CHUNK) {
      const chunk = ids.slice(offset, offset + CHUNK).map((row: { id: string }) => row.id);
      const targets = await em.find(OutreachTarget, { id: { $in: chunk } });
      const withheld = new Set(targets.filter((target) => target.addressProtected).map((target) => target.id));
      const alerts = targets.map((target) => {
        const alert = new InactivityAlert();
        alert.targetId = target.id;
        alert.lapseStartedAt = target.lastSuccessfulContactAt ?? target.lapseOriginAt;
        alert.raisedAt = now;
        alert.thresholdDays = days;
        alert.lastSuccessfulContactAt = target.lastSuccessfulContactAt;
        alert.districtId = target.districtId;
        alert.assignedOrganizationId = target.assignedOrganizationId;
        alert.riskLevel = target.riskLevel;
        em.persist(alert);
        return alert;
      });
      this.events.recordAll(em, OutreachInactivityAlertRaised, alerts.map((alert) => ({ aggregateId: alert.id, data: alertEventData(alert, now, withheld.has(alert.targetId)) })));
      // The alerts and their events in one flush; then keep the identity map small: a first run over a large municipality raises thousands.
      await em.flush();
      em.clear();
    }
    return ids.length;
  }

  private async publishOverdue(em: EntityManager, municipality: string, now: Date): Promise<number> {
    const today = dateInJapan(now);
    const due = await em.getConnection().execute<{ id: string }[]>(
      `select id from "outreach"."watch_plan"
        where municipality = ? and active and next_due_on < ? and overdue_notified_for is distinct from next_due_on`,
      [municipality, today],
      'all',
      em.getTransactionContext(),
    );
    for (let offset = 0; offset < due.length; offset += CHUNK) {
      const plans = await em.find(WatchPlan, { id: { $in: due.slice(offset, offset + CHUNK).map((row: { id: string }) => row.id) } });
      const targets = new Map((await em.find(OutreachTarget, { id: { $in: plans.map((plan) => plan.targetId) } })).map((target) => [target.id, target]));
      const events = plans.map((plan) => {
        // Every plan belongs to a target of the same municipality (created through it).
        const target = targets.get(plan.targetId) as OutreachTarget;
        plan.overdueNotifiedFor = plan.nextDueOn;
        return { aggregateId: plan.id, data: { ...targetRef(target, now), watchPlanId: plan.id, dueOn: plan.nextDueOn, cadenceDays: plan.cadenceDays } };
      });
      this.events.recordAll(em, OutreachWatchOverdue, events);
      await em.flush();
      em.clear();
    }
    return due.length;
  }
}

/** Runs the check every OUTREACH_CHECK_INTERVAL_MS on each replica (0: never); the advisory lock keeps them from overlapping. */
@Injectable()
export class OutreachChecksScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutreachChecks');
  private readonly job = new PeriodicJob(this.logger, 'outreach check', async () => {
    const results = await this.checks.execute();
    const raised = results.reduce((sum, result) => sum + result.alertsRaised, 0);
    const overdue = results.reduce((sum, result) => sum + result.overduePublished, 0);
    if (raised + overdue > 0) this.logger.log(`inactivity alerts raised: ${raised}, watch overdue published: ${overdue}`);
  });

  constructor(
    private readonly checks: RunOutreachChecksUseCase,
    @InjectConfig() private readonly config: OutreachConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start(this.config.OUTREACH_CHECK_INTERVAL_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.job.stop();
  }
}
