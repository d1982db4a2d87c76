import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { EventContract } from '@tsunagu/contracts';
import { OutboxService } from '@tsunagu/platform-messaging';

/**
 * The one way matching emits a domain event: checked against its contract (ids and codes only) and
 * written to the outbox with the same EntityManager as the state change, flushed with it.
 */
@Injectable()
export class MatchingEvents {
  constructor(private readonly outbox: OutboxService) {}

  async record<T>(em: EntityManager, contract: EventContract<T>, aggregateId: string, data: T): Promise<void> {
    this.outbox.record(em, contract, { aggregateId, data });
    await em.flush();
  }
}
