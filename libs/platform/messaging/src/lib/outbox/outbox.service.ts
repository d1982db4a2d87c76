import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { assertCloudEvent, assertEventData, type CloudEvent, type EventContract } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { v7 as uuidv7 } from 'uuid';
import { currentTraceHeaders } from '../trace-propagation';
import { OutboxEvent } from './outbox-event.entity';

export interface RecordEventInput<TData> {
  /** Id of the aggregate the event is about (CloudEvent `subject`). */
  aggregateId: string;
  data: TData;
  /** Owning municipality; defaults to the one of the current request. */
  municipality?: string;
}

/**
 * Records events in the transactional outbox. The row is persisted through the caller's EntityManager, so it
 * is written by the same flush and commits or rolls back with the state change; the relay publishes it later.
 */
@Injectable()
export class OutboxService {
  record<TData>(em: EntityManager, contract: EventContract<TData>, input: RecordEventInput<TData>): OutboxEvent {
    // Validate on publish: a bad payload fails the request now instead of dead-lettering in every consumer.
    assertEventData(contract, input.data);
    const row = new OutboxEvent();
    row.id = uuidv7();
    row.type = contract.type;
    row.source = contract.source;
    row.subject = contract.subject;
    row.aggregateId = input.aggregateId;
    row.municipality = input.municipality ?? TenantContext.requireMunicipality();
    row.data = input.data;
    const trace = currentTraceHeaders();
    row.traceparent = trace.traceparent ?? null;
    row.tracestate = trace.tracestate ?? null;
    assertCloudEvent(contract, toCloudEvent(row));
    em.persist(row);
    return row;
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
