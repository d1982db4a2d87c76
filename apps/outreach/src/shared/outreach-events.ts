import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { EventContract, OutreachTargetRef } from '@tsunagu/contracts';
import { OutboxService } from '@tsunagu/platform-messaging';
import { dateInJapan, fiscalYearOf } from '@tsunagu/util-japanese-calendar';
import type { OutreachTarget } from '../targets/outreach-target.entity';

/**
 * The one way outreach emits a domain event: checked against its contract (ids and codes only) and written
 * to the outbox with the same EntityManager as the state change, flushed with it.
 */
@Injectable()
export class OutreachEvents {
  constructor(private readonly outbox: OutboxService) {}

  async record<T>(em: EntityManager, contract: EventContract<T>, aggregateId: string, data: T): Promise<void> {
    this.outbox.record(em, contract, { aggregateId, data });
    await em.flush();
  }

  /** Many events of one kind in one flush (the periodic check raises thousands at once on a first run). */
  async recordAll<T>(em: EntityManager, contract: EventContract<T>, events: readonly { aggregateId: string; data: T }[]): Promise<void> {
    for (const event of events) this.outbox.record(em, contract, event);
    await em.flush();
  }
}

/**
 * The part of every outreach event that names the target, its district and organisation, and when (JST date, 年度).
 * The district of a target under DV address protection never leaves outreach: it is null in every event.
 */
export function targetRef(target: OutreachTarget, at: Date): OutreachTargetRef {
  const occurredOn = dateInJapan(at);
  return {
    targetId: target.id,
    districtId: target.addressProtected ? null : target.districtId,
    districtWithheld: target.addressProtected,
    assignedOrganizationId: target.assignedOrganizationId,
    riskLevel: target.riskLevel,
    occurredOn,
    fiscalYear: fiscalYearOf(occurredOn),
  };
}
