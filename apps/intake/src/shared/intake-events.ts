import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { EventContract } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { OutboxService } from '@tsunagu/platform-messaging';
import { PersonPseudonyms } from '@tsunagu/util-pseudonym';

/**
 * The one way intake emits a domain event: checked against its contract (ids and codes only) and
 * written to the outbox with the same EntityManager as the state change, flushed with it.
 */
@Injectable()
export class IntakeEvents {
  constructor(
    private readonly outbox: OutboxService,
    private readonly pseudonyms: PersonPseudonyms,
  ) {}

  async record<T>(em: EntityManager, contract: EventContract<T>, aggregateId: string, data: T): Promise<void> {
    this.stage(em, contract, aggregateId, data);
    await em.flush();
  }

  /** As record, left for the caller's next flush (an import writes a batch of records and their events in one). */
  stage<T>(em: EntityManager, contract: EventContract<T>, aggregateId: string, data: T): void {
    // Events reporting counts 実人数 from carry the pseudonymous person key, stamped here for every use case.
    this.outbox.record(em, contract, { aggregateId, data: this.pseudonyms.stamp(contract, TenantContext.requireMunicipality(), data) });
  }
}
