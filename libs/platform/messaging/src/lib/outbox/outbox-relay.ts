import { Logger } from '@nestjs/common';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { MESSAGE_HEADERS } from '@tsunagu/contracts';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { Pool } from 'pg';
import { backoffDelay } from '../messaging.constants';
import { messagingMetrics, onMetricsScrape } from '../metrics';
import { contextFromTraceHeaders, injectTraceHeaders } from '../trace-propagation';
import { toCloudEvent } from './event-recorder';
import { OUTBOX_SESSION_OPTIONS, OutboxStore, type ClaimedEvent } from './outbox-store';
import { wakeOnEventsCommitted } from './outbox-wake';
import { describeError } from '@tsunagu/platform-observability';

export interface OutboxRelaySettings {
  /** Service name = PostgreSQL schema of its outbox_event table. */
  schema: string;
  databaseUrl: string;
  connection: NatsConnection;
  pollIntervalMs: number;
  batchSize: number;
  claimTtlMs: number;
  retryBaseMs?: number;
  retryMaxMs: number;
  retentionMs: number;
  /** PubAck wait per event. */
  publishTimeoutMs?: number;
}

const PURGE_EVERY_MS = 60_000;
const encoder = new TextEncoder();
const tracer = trace.getTracer('@tsunagu/platform-messaging');

/**
 * Publishes outbox rows to JetStream. Woken in memory when its own process commits outbox rows (ADR 0025: a NOTIFY per
 * transaction serialised PostgreSQL's commits), with a periodic poll for the rest (rows another process committed,
 * backoff expiry, leases of crashed replicas: a live relay renews its own every third of `claimTtlMs`). Each row is published with
 * Nats-Msg-Id = event id and marked published only after the PubAck (a duplicate PubAck also counts), so a
 * crash anywhere re-publishes rather than loses; failed rows are retried with backoff forever.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly pool: Pool;
  private readonly store: OutboxStore;
  private readonly js: JetStreamClient;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private rerun = false;
  private stopped = true;
  private lastPurge = 0;
  private unregisterMetrics?: () => void;
  private unregisterWake?: () => void;

  constructor(private readonly settings: OutboxRelaySettings) {
    // System work: the relay publishes every municipality's events, so its sessions pass row-level security (ADR 0012).
    this.pool = new Pool({ connectionString: settings.databaseUrl, max: 2, options: OUTBOX_SESSION_OPTIONS });
    this.pool.on('error', (error) => this.logger.warn(`outbox pool: ${describeError(error)}`));
    this.store = new OutboxStore(this.pool, settings.schema);
    this.js = jetstream(settings.connection);
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.unregisterMetrics = onMetricsScrape(async () => {
      messagingMetrics().outboxLag.set({ schema: this.settings.schema }, await this.store.lagSeconds());
    });
    this.unregisterWake = wakeOnEventsCommitted(() => this.wake());
    this.timer = setInterval(() => this.wake(), this.settings.pollIntervalMs);
    this.wake();
    // A reconnected broker should not wait for the next poll.
    void (async () => {
      for await (const status of this.settings.connection.status()) {
        if (this.stopped) break;
        if (status.type === 'reconnect') this.wake();
      }
    })();
  }

  /** Stops polling and hearing of commits, and waits for the round in progress (its claims are kept or released). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.unregisterMetrics?.();
    this.unregisterWake?.();
    await this.running;
    await this.pool.end();
  }

  /** Asks for a publishing round; rounds never overlap, a wake during one triggers another. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`outbox round failed (will retry): ${describeError(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.rerun && !this.stopped) {
          this.rerun = false;
          this.wake();
        }
      });
  }

  /** Publishes every due row, batch by batch; returns how many were published. */
  async drain(): Promise<number> {
    let published = 0;
    while (!this.stopped) {
      const batch = await this.store.claim(this.settings.batchSize, this.settings.claimTtlMs);
      const { count, failed } = await this.publishBatch(batch);
      published += count;
      if (failed || batch.length < this.settings.batchSize) break;
    }
    if (!this.stopped && Date.now() - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = Date.now();
      const purged = await this.store.purgePublished(this.settings.retentionMs);
      if (purged > 0) this.logger.log(`purged ${purged} published outbox rows past retention`);
    }
    return published;
  }

  private async publishBatch(batch: ClaimedEvent[]): Promise<{ count: number; failed: boolean }> {
    // The lease is renewed while this relay lives, so it can be short: only a crashed relay's rows wait for it to expire.
    const held = new Set(batch.map((row) => row.id));
    const renewal = setInterval(() => {
      this.store.renew([...held], this.settings.claimTtlMs).catch((error: unknown) => this.logger.warn(`renewing outbox claims failed: ${describeError(error)}`));
    }, Math.max(50, Math.floor(this.settings.claimTtlMs / 3)));
    try {
      return await this.publishClaimed(batch, held);
    } finally {
      clearInterval(renewal);
    }
  }

  /**
   * Publishes a batch pipelined: every message is sent at once, in id order on the one connection (JetStream stores them
   * in that order), and the PubAcks are awaited together; the acknowledged rows are marked published in one statement.
   * One at a time, each event cost a broker round trip and a committed UPDATE of its own (issue 14). A failed publish
   * counts an attempt on the first failed row and gives the other failed rows back; rows acknowledged after it are in
   * the stream and marked published (publication order is best effort, ADR 0016).
   */
  private async publishClaimed(batch: ClaimedEvent[], held: Set<string>): Promise<{ count: number; failed: boolean }> {
    if (this.stopped) {
      held.clear();
      await this.store.release(batch.map((row) => row.id));
      return { count: 0, failed: true };
    }
    const outcomes = await Promise.allSettled(batch.map((event) => this.publish(event)));
    const published = batch.filter((_event, index) => outcomes[index].status === 'fulfilled');
    const failedIndex = outcomes.findIndex((outcome) => outcome.status === 'rejected');
    held.clear();
    await this.store.markPublished(published.map((event) => event.id));
    for (const event of published) messagingMetrics().outboxPublished.inc({ subject: event.subject });
    if (failedIndex === -1) return { count: published.length, failed: false };

    const event = batch[failedIndex];
    const message = describeError((outcomes[failedIndex] as PromiseRejectedResult).reason);
    const retryIn = backoffDelay(event.attempts + 1, this.settings.retryBaseMs ?? 500, this.settings.retryMaxMs);
    const notPublished = batch.filter((_row, index) => outcomes[index].status === 'rejected');
    for (const row of notPublished) messagingMetrics().outboxPublishFailures.inc({ subject: row.subject });
    this.logger.warn(`publishing event ${event.id} on ${event.subject} failed, retry in ${retryIn} ms (${notPublished.length} of ${batch.length} in its batch): ${message}`);
    await this.store.markFailed(event.id, message, retryIn);
    // The broker is most likely down: the others wait for the next round instead of counting an attempt each.
    await this.store.release(notPublished.slice(1).map((row) => row.id));
    return { count: published.length, failed: true };
  }

  private async publish(event: ClaimedEvent): Promise<void> {
    const parent = contextFromTraceHeaders({ traceparent: event.traceparent ?? undefined, tracestate: event.tracestate ?? undefined });
    await tracer.startActiveSpan(
      `publish ${event.subject}`,
      { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': event.subject, 'messaging.message.id': event.id } },
      parent,
      async (span) => {
        try {
          const headers = natsHeaders();
          headers.set(MESSAGE_HEADERS.eventType, event.type);
          headers.set(MESSAGE_HEADERS.municipality, event.municipality);
          injectTraceHeaders(headers);
          const body = encoder.encode(JSON.stringify(toCloudEvent(event)));
          // A duplicate PubAck means an earlier attempt already stored it: success either way.
          await this.js.publish(event.subject, body, { msgID: event.id, headers, timeout: this.settings.publishTimeoutMs ?? 5000 });
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'publish failed' });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }
}
