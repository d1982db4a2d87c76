import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { assertCloudEvent, assertEventData, type CloudEvent, type EventContract } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { PersonPseudonyms, PSEUDONYM_FIELD } from '@tsunagu/util-pseudonym';
import { v7 as uuidv7 } from 'uuid';
import { currentTraceHeaders } from '../trace-propagation';
import { enableEventsWithCommit, queueForCommit } from './events-with-commit';
import { OutboxEvent } from './outbox-event.entity';

/** One event of a batch for `EventRecorder.recordAll`. */
export interface RecordedEvent<TData> {
  /** Id of the aggregate the event is about (CloudEvent `subject`). */
  aggregateId: string;
  data: TData;
}

/**
 * The one way a service emits a domain event: checked against its contract (ids and codes only) and persisted as an
 * outbox row through the caller's EntityManager, for the current TenantContext's municipality. Nothing is flushed
 * here: in a root transaction the row is sent with its COMMIT (events-with-commit.ts), elsewhere written by the
 * caller's next flush — either way with the state change, so both commit or neither does. The outbox row is never
 * read back inside the transaction (it is not in the unit of work).
 *
 * Events whose contract declares `personPseudonym` get it stamped from the payload's `personId` (reporting counts
 * 実人数 from it); a service publishing such events provides PersonPseudonyms (`MessagingModule.forService({ pseudonyms })`).
 */
@Injectable()
export class EventRecorder implements OnModuleInit {
  constructor(
    @Optional() @Inject(PersonPseudonyms) private readonly pseudonyms?: PersonPseudonyms,
    @Optional() private readonly orm?: MikroORM,
  ) {}

  onModuleInit(): void {
    if (this.orm) enableEventsWithCommit(this.orm);
  }

  record<TData>(em: EntityManager, contract: EventContract<TData>, aggregateId: string, data: TData): OutboxEvent {
    const municipality = TenantContext.requireMunicipality();
    const row = new OutboxEvent();
    row.id = uuidv7();
    row.type = contract.type;
    row.source = contract.source;
    row.subject = contract.subject;
    row.aggregateId = aggregateId;
    row.municipality = municipality;
    row.data = this.stamped(contract, municipality, data);
    // Validate on publish: a bad payload fails the request now instead of dead-lettering in every consumer.
    assertEventData(contract, row.data);
    const trace = currentTraceHeaders();
    row.traceparent = trace.traceparent ?? null;
    row.tracestate = trace.tracestate ?? null;
    assertCloudEvent(contract, toCloudEvent(row));
    // With the COMMIT of the caller's transaction where it can (one round trip fewer), else with its next flush.
    if (!queueForCommit(em, row)) em.persist(row);
    return row;
  }

  /** Many events of one kind at once (the periodic outreach check raises thousands on a first run). */
  recordAll<TData>(em: EntityManager, contract: EventContract<TData>, events: readonly RecordedEvent<TData>[]): OutboxEvent[] {
    return events.map((event) => this.record(em, contract, event.aggregateId, event.data));
  }

  private stamped<TData>(contract: EventContract<TData>, municipality: string, data: TData): TData {
    if (this.pseudonyms) return this.pseudonyms.stamp(contract, municipality, data);
    if (PSEUDONYM_FIELD in ((contract.schema as { properties?: Record<string, unknown> }).properties ?? {})) {
      throw new Error(`${contract.type} carries personPseudonym: its publisher needs PersonPseudonyms (MessagingModule.forService({ pseudonyms: true }))`);
    }
    return data;
  }
}

/** The CloudEvents 1.0 envelope of an outbox row, exactly as it is published. */
export function toCloudEvent(row: Pick<OutboxEvent, 'id' | 'source' | 'type' | 'aggregateId' | 'createdAt' | 'municipality' | 'data'>): CloudEvent {
  return {
    specversion: '1.0',
    id: row.id,
    source: row.source,
    type: row.type,
    subject: row.aggregateId,
    time: row.createdAt.toISOString(),
    datacontenttype: 'application/json',
    municipality: row.municipality,
    data: row.data,
  };
}
