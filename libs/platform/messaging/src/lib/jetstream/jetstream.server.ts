import { Logger, type INestApplicationContext } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { assertCloudEvent, eventSource, eventSubjectOwner, type CloudEvent } from '@tsunagu/contracts';
import { TSUNAGU_CONFIG, type PlatformConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  type ConsumerConfig,
  type ConsumerInfo,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { headers as natsHeaders, nanos, type NatsConnection } from '@nats-io/transport-node';
import { isObservable, lastValueFrom } from 'rxjs';
import { ContractRegistry } from '../contract-registry';
import {
  DEAD_LETTER_HEADERS,
  deadLetterSubject,
  durableName,
  EVENT_STREAM,
  sourceDurableName,
  sourceFilter,
  MESSAGING_OPTIONS,
  NATS_CONNECTION,
  type DeadLetterReason,
} from '../messaging.constants';
import { messagingMetrics, onMetricsScrape } from '../metrics';
import { contextFromTraceHeaders, traceHeadersFromNats } from '../trace-propagation';
import { ensureEventStreams, type EventStreamSettings } from './event-streams';
import { JetStreamContext } from './jetstream.context';
import { classifyHandlerFailure } from './handler-failure';
import { inboxHasEntries, inboxRetentionMs, purgeInbox } from '../outbox/inbox-retention';
import { describeError } from '@tsunagu/platform-observability';

export const JETSTREAM_TRANSPORT = Symbol('TSUNAGU_JETSTREAM');

export interface JetStreamServerOptions {
  /** Consuming service: names the durables (`<service>__<subject>`) and the dead-letter subjects. */
  service: string;
  connection: NatsConnection;
  orm: MikroORM;
  /** Contracts of the subjects handled here; a handler without a contract fails the start. */
  contracts: ContractRegistry;
  streams: EventStreamSettings;
  /** Deliveries before a failing event is dead-lettered. */
  maxDeliveries: number;
  ackWaitMs: number;
  /** nak delay for delivery n: retryDelaysMs[min(n - 1, last)]. Default 1 s, 5 s, 30 s, 2 min, 10 min. */
  retryDelaysMs?: readonly number[];
  /**
   * How long a transient failure (database or broker briefly away: classifyHandlerFailure) is retried within its
   * delivery, every 0.25 s growing to 2 s, before it is nak'ed with the backoff above. Default 60 s.
   */
  transientRetryWindowMs?: number;
  /** Messages pulled ahead per consumer; kept small so buffered messages do not outlive ack_wait. */
  prefetch?: number;
  /**
   * max_ack_pending of each durable: 1 (default) hands out one event of a source at a time across all replicas, so
   * events arrive in stream order — about one record and across records (ADR 0016).
   */
  maxAckPending?: number;
  /** How long producers may re-publish from their outbox (OUTBOX_RETENTION_HOURS); bounds the inbox retention. */
  outboxRetentionMs?: number;
  /** Inbox rows older than this are purged; default inboxRetentionMs() of the stream and the settings above. */
  inboxRetentionMs?: number;
  /** How often this replica purges the inbox (default hourly; 0 = never, e.g. in tests that purge by hand). */
  inboxPurgeIntervalMs?: number;
}

/**
 * The server may deliver a few times beyond maxDeliveries: if publishing a dead letter fails (broker trouble),
 * the message is nak'ed and dead-lettered on a later delivery instead of being stranded unacknowledged.
 */
const DEAD_LETTER_HEADROOM = 3;
const DEFAULT_RETRY_DELAYS = [1_000, 5_000, 30_000, 120_000, 600_000];
const DEFAULT_TRANSIENT_RETRY_WINDOW_MS = 60_000;
const TRANSIENT_RETRY_MAX_PAUSE_MS = 2_000;
const DEFAULT_INBOX_PURGE_INTERVAL_MS = 3_600_000;
const DEFAULT_OUTBOX_RETENTION_MS = 168 * 3_600_000;
const decoder = new TextDecoder();
const tracer = trace.getTracer('@tsunagu/platform-messaging');

/** One `@EventPattern` handler: its subject and the inbox key its processed events are remembered under. */
interface Target {
  handler: MessageHandler;
  /** `<service>__<subject>`: the inbox's consumer column (the durable's name before ADR 0016, so old rows still count). */
  inboxKey: string;
}

/** One durable consumer: everything this service handles from one source service, in stream order (ADR 0016). */
interface Route {
  /** The publishing service (`tsunagu.evt.<source>.>`). */
  source: string;
  filter: string;
  durable: string;
  /** Handlers by subject; a message on another subject of the source is acked unhandled. */
  targets: Map<string, Target>;
  messages?: ConsumerMessages;
  loop?: Promise<void>;
}

class PermanentFailure extends Error {
  override readonly name = 'PermanentFailure';

  /** Our own words, naming subjects and services only: safe to log and to put in the dead letter's header. */
  get safeMessage(): string {
    return this.message;
  }
}

/**
 * Nest transport feeding `@EventPattern(contract.subject)` handlers from durable JetStream pull consumers
 * (Nest's NATS transport is core NATS: no ack, no redelivery). Per message: dead-letter it at once when its `source`
 * is not the owner of its subject (sourceMismatch); validate envelope and data against the contract; run the handler in a fresh MikroORM context and the event's TenantContext; insert the inbox row
 * and the handler's writes in one transaction; ack after commit; nak with growing delay on a transient or unknown
 * failure; after maxDeliveries, or at once for a permanent one (contract violation, SQLSTATE 22/23, a domain
 * validation or not-found refusal: classifyHandlerFailure), publish to `tsunagu.dlq.<service>.<subject>` and term.
 * A transient failure is never term()'ed.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  override readonly transportId = JETSTREAM_TRANSPORT;
  protected override readonly logger = new Logger(JetStreamServer.name);
  private readonly routes: Route[] = [];
  private readonly js: JetStreamClient;
  private jsm?: JetStreamManager;
  private readonly inFlight = new Set<Promise<void>>();
  private closing = false;
  private unregisterMetrics?: () => void;
  private purgeTimer?: NodeJS.Timeout;
  private inboxRetention = 0;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
    this.js = jetstream(options.connection);
  }

  /** Builds the server from what MessagingModule and PersistenceModule put in the app's container. */
  static forApp(app: INestApplicationContext, overrides: Partial<JetStreamServerOptions> = {}): JetStreamServer {
    const config = app.get<PlatformConfig>(TSUNAGU_CONFIG, { strict: false });
    const messaging = app.get<{ service: string }>(MESSAGING_OPTIONS, { strict: false });
    return new JetStreamServer({
      service: messaging.service,
      connection: app.get<NatsConnection>(NATS_CONNECTION, { strict: false }),
      orm: app.get(MikroORM, { strict: false }),
      contracts: app.get(ContractRegistry, { strict: false }),
      streams: { stream: config.NATS_STREAM, replicas: config.NATS_STREAM_REPLICAS, duplicateWindowMs: config.NATS_DUPLICATE_WINDOW_MS },
      maxDeliveries: config.CONSUMER_MAX_DELIVERIES,
      ackWaitMs: config.CONSUMER_ACK_WAIT_MS,
      outboxRetentionMs: config.OUTBOX_RETENTION_HOURS * 3_600_000,
      ...overrides,
    });
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.jsm = await jetstreamManager(this.options.connection);
      await ensureEventStreams(this.jsm, this.options.streams);
      this.inboxRetention = await this.computeInboxRetention();
      for (const [pattern, handler] of this.getHandlers()) {
        // Request-reply handlers belong to the NATS RPC server.
        if (!handler.isEventHandler) continue;
        if (!this.options.contracts.hasEventSubject(pattern)) {
          throw new Error(`@EventPattern('${pattern}') has no registered event contract: add it to MessagingModule.forService({ events })`);
        }
        const source = eventSubjectOwner(pattern);
        if (!source) throw new Error(`@EventPattern('${pattern}') is not an event subject (tsunagu.evt.<service>.<aggregate>.<event>)`);
        let route = this.routes.find((candidate) => candidate.source === source);
        if (!route) {
          route = { source, filter: sourceFilter(source), durable: sourceDurableName(this.options.service, source), targets: new Map() };
          this.routes.push(route);
        }
        route.targets.set(pattern, { handler, inboxKey: durableName(this.options.service, pattern) });
      }
      for (const route of this.routes) await this.ensureConsumer(route);
      for (const route of this.routes) await this.startConsuming(route);
      this.unregisterMetrics = onMetricsScrape(() => this.refreshPending());
      const purgeEvery = this.options.inboxPurgeIntervalMs ?? DEFAULT_INBOX_PURGE_INTERVAL_MS;
      if (purgeEvery > 0 && this.routes.length > 0) {
        this.purgeTimer = setInterval(() => {
          this.purgeInbox().catch((error: unknown) => this.logger.warn(`inbox purge failed (will retry): ${describeError(error)}`));
        }, purgeEvery);
        this.purgeTimer.unref();
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops pulling, lets in-flight handlers finish (ack after commit), then flushes acks to the server. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearInterval(this.purgeTimer);
    this.unregisterMetrics?.();
    for (const route of this.routes) route.messages?.stop();
    await Promise.allSettled(this.routes.map((route) => route.loop));
    await Promise.allSettled([...this.inFlight]);
    if (!this.options.connection.isClosed()) await this.options.connection.flush().catch(() => undefined);
  }

  /** How long inbox rows are kept after processing (see inboxRetentionMs). */
  get inboxRetentionMs(): number {
    return this.inboxRetention;
  }

  /**
   * Deletes inbox rows older than the retention, as the relay purges published outbox rows. Every replica runs it
   * hourly; concurrent purges delete disjoint or no rows. Returns how many rows went.
   */
  async purgeInbox(): Promise<number> {
    const purged = await purgeInbox(this.options.orm, this.inboxRetention);
    if (purged > 0) this.logger.log(`purged ${purged} inbox rows older than ${Math.round(this.inboxRetention / 3_600_000)} h`);
    return purged;
  }

  on(): never {
    throw new Error('JetStreamServer emits no events; watch the NATS connection status instead');
  }

  unwrap<T>(): T {
    return this.options.connection as T;
  }

  private async ensureConsumer(route: Route): Promise<void> {
    const jsm = this.jsm as JetStreamManager;
    const stream = this.options.streams.stream ?? EVENT_STREAM;
    const settings: Partial<ConsumerConfig> = {
      ack_wait: nanos(this.options.ackWaitMs),
      max_deliver: this.options.maxDeliveries + DEAD_LETTER_HEADROOM,
      max_ack_pending: this.options.maxAckPending ?? 1,
    };
    try {
      await jsm.consumers.info(stream, route.durable);
      await jsm.consumers.update(stream, route.durable, settings);
    } catch (error) {
      if (!isConsumerMissing(error)) throw error;
      const perSubject = await this.perSubjectDurables(route);
      await jsm.consumers.add(stream, {
        ...settings,
        durable_name: route.durable,
        filter_subject: route.filter,
        ack_policy: AckPolicy.Explicit,
        ...(perSubject.length > 0 ? this.startAfterPerSubjectDurables(route, perSubject) : await this.startOfLostDurable(route)),
      });
      // Their events now come through the source's durable; the inbox keys are the same, so nothing runs twice.
      // A service's NATS user may delete only its durables per source: the per-subject ones stay, unread, for an operator.
      const left: string[] = [];
      for (const old of perSubject) await jsm.consumers.delete(stream, old.name).catch(() => left.push(old.name));
      if (left.length > 0) {
        this.logger.warn(`${route.durable}: per-subject durable(s) ${left.join(', ')} are no longer read; delete them as the NATS operator (docs/operations/nats-users.md)`);
      }
    }
  }

  /** Durables of the one-per-subject layout before ADR 0016 (`<service>__tsunagu_evt_<source>_…`) on this route's source. */
  private async perSubjectDurables(route: Route): Promise<ConsumerInfo[]> {
    const prefix = durableName(this.options.service, `${sourceFilter(route.source).slice(0, -1)}`);
    const found: ConsumerInfo[] = [];
    for await (const info of (this.jsm as JetStreamManager).consumers.list(this.options.streams.stream ?? EVENT_STREAM)) {
      if (info.name.startsWith(prefix) && info.name !== route.durable) found.push(info);
    }
    return found;
  }

  /**
   * The source's durable replaces per-subject durables: it starts after the lowest ack floor among them, so no event
   * any of them still owed is skipped; events after it that one of them had processed are in the inbox (same key).
   */
  private startAfterPerSubjectDurables(route: Route, perSubject: ConsumerInfo[]): Partial<ConsumerConfig> {
    const floor = Math.min(...perSubject.map((info) => info.ack_floor.stream_seq));
    this.logger.log(`${route.durable}: replaces ${perSubject.length} per-subject durable(s), starting after stream sequence ${floor}`);
    return { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: floor + 1 };
  }

  /**
   * A new consumer reads the whole stream. A consumer whose inbox has rows existed before and lost its durable
   * (deleted by hand, a lost or restored stream): replaying the whole stream would run events whose inbox rows
   * were purged a second time, so it restarts where the inbox still remembers — events older than that were
   * processed or dead-lettered long ago (no event waits days in a consumer with max_deliver backoff).
   */
  private async startOfLostDurable(route: Route): Promise<Partial<ConsumerConfig>> {
    let known = false;
    for (const target of route.targets.values()) known ||= await inboxHasEntries(this.options.orm, target.inboxKey);
    if (!known) return { deliver_policy: DeliverPolicy.All };
    const start = new Date(Date.now() - this.inboxRetention).toISOString();
    this.logger.warn(`${route.durable}: durable consumer was missing though its inbox has entries; recreated from ${start} (the inbox retention), not from the start of the stream`);
    return { deliver_policy: DeliverPolicy.StartTime, opt_start_time: start };
  }

  private async computeInboxRetention(): Promise<number> {
    if (this.options.inboxRetentionMs !== undefined) return this.options.inboxRetentionMs;
    const info = await (this.jsm as JetStreamManager).streams.info(this.options.streams.stream ?? EVENT_STREAM);
    const attempts = this.options.maxDeliveries + DEAD_LETTER_HEADROOM;
    let redeliveryHorizonMs = attempts * this.options.ackWaitMs;
    for (let delivery = 1; delivery <= attempts; delivery += 1) redeliveryHorizonMs += this.retryDelay(delivery);
    return inboxRetentionMs({
      streamMaxAgeMs: Math.floor((info.config.max_age ?? 0) / 1_000_000),
      outboxRetentionMs: this.options.outboxRetentionMs ?? DEFAULT_OUTBOX_RETENTION_MS,
      redeliveryHorizonMs,
    });
  }

  private async startConsuming(route: Route): Promise<void> {
    const consumer = await this.js.consumers.get(this.options.streams.stream ?? EVENT_STREAM, route.durable);
    const messages = await consumer.consume({ max_messages: this.options.prefetch ?? 4 });
    route.messages = messages;
    route.loop = (async () => {
      for await (const message of messages) {
        if (this.closing) {
          // Not started: hand it straight back so another replica takes it.
          message.nak();
          continue;
        }
        const work = this.handle(route, message);
        this.inFlight.add(work);
        await work.finally(() => this.inFlight.delete(work));
      }
    })();
  }

  private async handle(route: Route, message: JsMsg): Promise<void> {
    const deliveries = message.info.deliveryCount;
    const subject = message.subject;
    const target = route.targets.get(subject);
    if (!target) {
      // Another event of the same source that this service does not handle: passed over in order.
      message.ack();
      messagingMetrics().messagesProcessed.inc({ consumer: route.durable, subject, outcome: 'ignored' });
      return;
    }
    let event: CloudEvent;
    try {
      const raw: unknown = JSON.parse(decoder.decode(message.data));
      const forged = sourceMismatch(message.subject, raw);
      if (forged) {
        // Only the owner may publish on its subjects (NATS permissions); an event claiming another source is forged.
        await this.deadLetter(route, message, 'source-mismatch', new PermanentFailure(forged));
        return;
      }
      const contract = this.options.contracts.eventContract(subject, (raw as { type?: unknown } | null)?.type);
      assertCloudEvent(contract, raw);
      event = raw;
    } catch (error) {
      // Redelivering an invalid payload cannot fix it: dead-letter at once.
      await this.deadLetter(route, message, 'contract-violation', error);
      return;
    }
    if (deliveries > this.options.maxDeliveries) {
      await this.deadLetter(route, message, 'max-deliveries', new PermanentFailure('an earlier dead-letter publish failed'));
      return;
    }
    const parent = contextFromTraceHeaders(traceHeadersFromNats(message.headers));
    await tracer.startActiveSpan(
      `process ${subject}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.operation.type': 'process',
          'messaging.destination.name': subject,
          'messaging.consumer.group.name': route.durable,
          'messaging.message.id': event.id,
          'messaging.message.delivery_count': deliveries,
        },
      },
      parent,
      async (span) => {
        // In-progress acks keep a slow handler from being redelivered to another replica meanwhile.
        const heartbeat = setInterval(() => message.working(), Math.max(500, Math.floor(this.options.ackWaitMs / 2)));
        try {
          const outcome = await this.processThroughOutage(target, route, message, event);
          message.ack();
          messagingMetrics().messagesProcessed.inc({ consumer: route.durable, subject, outcome });
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: errorName(error) });
          messagingMetrics().messagesProcessed.inc({ consumer: route.durable, subject, outcome: 'failed' });
          const failure = classifyHandlerFailure(error);
          if (failure === 'permanent') {
            // A constraint violation or a refused value fails the same way every time: no half hour of retries.
            await this.deadLetter(route, message, 'permanent', error);
          } else if (deliveries >= this.options.maxDeliveries) {
            await this.deadLetter(route, message, 'max-deliveries', error);
          } else {
            const delay = this.retryDelay(deliveries);
            this.logger.warn(`${route.durable}: event ${event.id} failed (${failure}) on delivery ${deliveries}, retry in ${delay} ms: ${describeError(error)}`);
            message.nak(delay);
          }
        } finally {
          clearInterval(heartbeat);
          span.end();
        }
      },
    );
  }

  /**
   * `process`, retried in this delivery while it fails transiently (connection lost or refused, failover, pool
   * exhausted) for up to transientRetryWindowMs. With one event of a source in flight (ADR 0016) the source waits
   * either way; retrying here ends the wait with the outage, where a nak's backoff (1 s, 5 s, 30 s …) held it up to
   * a minute after a five-second database restart (npm run chaos), and spends no delivery towards the dead letter.
   * In-progress acks keep the message meanwhile; a replica stopping gives it back at once.
   */
  private async processThroughOutage(target: Target, route: Route, message: JsMsg, event: CloudEvent): Promise<'processed' | 'duplicate'> {
    const window = this.options.transientRetryWindowMs ?? DEFAULT_TRANSIENT_RETRY_WINDOW_MS;
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.process(target, route, message, event);
      } catch (error) {
        if (this.closing || classifyHandlerFailure(error) !== 'transient' || Date.now() - started >= window) throw error;
        const pause = Math.min(TRANSIENT_RETRY_MAX_PAUSE_MS, 250 * 2 ** (attempt - 1));
        if (attempt === 1) this.logger.warn(`${route.durable}: event ${event.id} failed transiently, retrying in this delivery: ${describeError(error)}`);
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  /** Inbox row and handler writes in one transaction; 'duplicate' when the inbox already has the event. */
  private async process(target: Target, route: Route, message: JsMsg, event: CloudEvent): Promise<'processed' | 'duplicate'> {
    const em = this.options.orm.em.fork({ clear: true, useContext: false });
    const inbox = `"${String(this.options.orm.config.get('schema') ?? 'public')}".inbox_entry`;
    return RequestContext.create(em, () =>
      TenantContext.run({ requestId: event.id, municipality: event.municipality }, () =>
        em.transactional(async (tx) => {
          const inserted = await tx
            .getConnection()
            .execute(`insert into ${inbox} (consumer, message_id, processed_at) values (?, ?, now()) on conflict do nothing`, [target.inboxKey, event.id], 'run', tx.getTransactionContext());
          if (inserted.affectedRows === 0) return 'duplicate' as const;
          const result = await target.handler(event, new JetStreamContext(tx, event, message, route.durable));
          // Nest's exception filters turn handler errors into an erroring Observable: subscribe so they surface here.
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
          return 'processed' as const;
        }),
      ),
    );
  }

  private async deadLetter(route: Route, message: JsMsg, reason: DeadLetterReason, error: unknown): Promise<void> {
    const headers = natsHeaders();
    for (const key of message.headers?.keys() ?? []) {
      if (key.toLowerCase() !== 'nats-msg-id') for (const value of message.headers?.values(key) ?? []) headers.append(key, value);
    }
    headers.set(DEAD_LETTER_HEADERS.reason, reason);
    headers.set(DEAD_LETTER_HEADERS.error, describeError(error).replace(/[\r\n]+/g, ' ').slice(0, 1000));
    headers.set(DEAD_LETTER_HEADERS.consumer, route.durable);
    headers.set(DEAD_LETTER_HEADERS.subject, message.subject);
    headers.set(DEAD_LETTER_HEADERS.deliveries, String(message.info.deliveryCount));
    headers.set(DEAD_LETTER_HEADERS.streamSequence, String(message.info.streamSequence));
    try {
      await this.js.publish(deadLetterSubject(this.options.service, message.subject), message.data, {
        headers,
        msgID: `${route.durable}:${message.info.streamSequence}`,
      });
      // No reason argument: `+TERM <reason>` is 2.10+, and 2.9 servers ignore it and redeliver.
      message.term();
      messagingMetrics().deadLettered.inc({ consumer: route.durable, subject: message.subject, reason });
      this.logger.error(`${route.durable}: message ${message.info.streamSequence} dead-lettered (${reason}): ${describeError(error)}`);
    } catch (publishError) {
      this.logger.error(`${route.durable}: dead-letter publish failed, will retry: ${describeError(publishError)}`);
      message.nak(this.retryDelay(message.info.deliveryCount));
    }
  }

  private retryDelay(deliveries: number): number {
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS;
    return delays[Math.min(Math.max(deliveries - 1, 0), delays.length - 1)];
  }

  private async refreshPending(): Promise<void> {
    const jsm = this.jsm;
    if (!jsm) return;
    for (const route of this.routes) {
      const info = await jsm.consumers.info(this.options.streams.stream ?? EVENT_STREAM, route.durable);
      messagingMetrics().consumerPending.set({ consumer: route.durable, subject: route.filter }, info.num_pending);
    }
  }
}

/**
 * Why an event's `source` does not name the service that owns the subject it arrived on, or undefined when it does.
 * The envelope schema pins `source` per contract too; this check holds whatever contract the `type` names. The
 * claimed source is not repeated: it is the sender's text.
 */
export function sourceMismatch(subject: string, raw: unknown): string | undefined {
  const owner = eventSubjectOwner(subject);
  if (!owner) return `${subject} is not an event subject (tsunagu.evt.<service>.…)`;
  const source = (raw as { source?: unknown } | null)?.source;
  if (source !== eventSource(owner)) return `the event's source is not ${eventSource(owner)}, the owner of ${subject}`;
  return undefined;
}

function isConsumerMissing(error: unknown): boolean {
  return (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound) || /consumer not found/i.test(String((error as Error)?.message));
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

