import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { assertEventData, type EventContract } from '@tsunagu/contracts';

export interface RecordedEvent<T> {
  aggregateId: string;
  data: T;
}

/** Where events go: platform-messaging's `OutboxService` (bound in RegistrySharedModule). */
export interface EventOutbox {
  record<T>(em: EntityManager, contract: EventContract<T>, event: RecordedEvent<T>): Promise<unknown> | unknown;
}
export const EVENT_OUTBOX = Symbol('EVENT_OUTBOX');

/**
 * The registry's one way to emit a domain event: the payload is checked against its contract
 * (ids and codes only) and handed to the transactional outbox with the same EntityManager as the
 * state change, so both commit or neither does.
 */
@Injectable()
export class RegistryEvents {
  constructor(@Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox) {}

  async record<T>(em: EntityManager, contract: EventContract<T>, event: RecordedEvent<T>): Promise<void> {
    assertEventData(contract, event.data);
    await this.outbox.record(em, contract, event);
  }
}
