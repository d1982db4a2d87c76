import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { EventContract, OutreachTargetRef } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { OutboxService } from '@tsunagu/platform-messaging';
import { PersonPseudonyms } from '@tsunagu/util-pseudonym';
import { dateInJapan, fiscalYearOf } from '@tsunagu/util-japanese-calendar';
import type { OutreachTarget } from '../targets/outreach-target.entity';

/**
 * The one way outreach emits a domain event: checked against its contract (ids and codes only) and written
 * to the outbox with the same EntityManager as the state change, flushed with it.
 */
@Injectable()
export class OutreachEvents {
  constructor(
    private readonly outbox: OutboxService,
    private readonly pseudonyms: PersonPseudonyms,
  ) {}

  async record<T>(em: EntityManager, contract: EventContract<T>, aggregateId: string, data: T): Promise<void> {
    // Events reporting counts 実人数 from carry the pseudonymous person key, stamped here for every use case.
    this.outbox.record(em, contract, { aggregateId, data: this.pseudonyms.stamp(contract, TenantContext.requireMunicipality(), data) });
    await em.flush();
  }

  /** Many events of one kind in one flush (the periodic check raises thousands at once on a first run). */
  async recordAll<T>(em: EntityManager, contract: EventContract<T>, events: readonly { aggregateId: string; data: T }[]): Promise<void> {
    const municipality = TenantContext.requireMunicipality();
    for (const event of events) this.outbox.record(em, contract, { ...event, data: this.pseudonyms.stamp(contract, municipality, event.data) });
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
