import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One event waiting to be (or already) published, written in the same transaction as the state change it
 * describes. Not tenant-filtered: the relay publishes for every municipality. Published rows are kept for
 * OUTBOX_RETENTION_HOURS so a stream lost to a broker failure can be re-published from here.
 */
@Entity({ tableName: 'outbox_event' })
export class OutboxEvent {
  /** CloudEvent id (UUIDv7) and JetStream Nats-Msg-Id. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** CloudEvent type, e.g. `jp.tsunagu.registry.resource.published.v1`. */
  @Property({ type: 'string', length: 255 })
  type!: string;

  /** CloudEvent source, `/tsunagu/<service>`. */
  @Property({ type: 'string', length: 255 })
  source!: string;

  /** NATS subject, `tsunagu.evt.<service>.<aggregate>.<event>`. */
  @Property({ type: 'string', length: 255 })
  subject!: string;

  /** CloudEvent subject: the id of the aggregate the event is about. */
  @Property({ type: 'string', length: 255 })
  aggregateId!: string;

  @Property({ type: 'string', length: 6 })
  municipality!: string;

  @Property({ type: 'json' })
  data!: unknown;

  /** W3C trace context of the request that caused the event, so the trace continues across the bus. */
  @Property({ type: 'string', length: 55, nullable: true })
  traceparent?: string | null;

  @Property({ type: 'string', length: 512, nullable: true })
  tracestate?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  publishedAt?: Date | null;

  /** Failed publish attempts so far. */
  @Property({ type: 'integer', default: 0 })
  attempts = 0;

  /** Not published before this (backoff after failures). Database clock, so replicas agree. */
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  nextAttemptAt?: Date;

  /** Set while a relay replica publishes the row; another replica takes it over once this passes. */
  @Property({ type: 'datetime', nullable: true })
  claimedUntil?: Date | null;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;
}
