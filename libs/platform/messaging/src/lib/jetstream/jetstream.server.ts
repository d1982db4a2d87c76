import { Logger, type INestApplication, type INestApplicationContext, type INestMicroservice } from '@nestjs/common';
import { MikroORM, RequestContext, type EntityManager } from '@mikro-orm/core';
import { Server, type CustomTransportStrategy, type MessageHandler, type NestMicroservice } from '@nestjs/microservices';
import { context, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { Knex } from '@mikro-orm/postgresql';
import { assertCloudEvent, eventSource, eventSubjectOwner, type CloudEvent } from '@tsunagu/contracts';
import { TSUNAGU_CONFIG, type PlatformConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { ProblemDetailsFilter } from '@tsunagu/platform-http';
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
import { sendEventsQueuedFor } from '../outbox/events-with-commit';
import { transactionCommitted } from '../outbox/outbox-wake';
import { describeError } from '@tsunagu/platform-observability';
import { sendingAtOnce, SessionLock } from '@tsunagu/platform-persistence';

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
  /** Delay before attempt n + 1 of a failing event (held in place): retryDelaysMs[min(n - 1, last)]. Default 1 s, 5 s, 30 s, 2 min, 10 min. */
  retryDelaysMs?: readonly number[];
  /**
   * How long a transient failure (database or broker briefly away: classifyHandlerFailure) is retried at once, every
   * 0.25 s growing to 2 s, before it counts as an attempt and waits the backoff above. Default 60 s.
   */
  transientRetryWindowMs?: number;
  /**
   * Most events of one durable handled in one transaction (ADR 0024): the durable's max_ack_pending and what is pulled
   * ahead. The leader takes what has arrived, up to this many, so a quiet source still sees each event at once.
   */
  batchSize?: number;
  /** How often a replica that does not lead a durable tries its leadership lock (default 2 s). */
  leaderRetryMs?: number;
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
const DEFAULT_BATCH_SIZE = 32;
const DEFAULT_LEADER_RETRY_MS = 2_000;
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
  /** Leadership of the durable among the replicas (ADR 0024): only its holder pulls. */
  lock: SessionLock;
  messages?: ConsumerMessages;
  /** The replica's leadership loop (lead). */
  loop?: Promise<void>;
  /** The events of the batch being handled and not settled yet (kept alive with the queue's). */
  inHand: JsMsg[];
}

/** A message its handler may take, with its validated event. */
interface Delivery {
  message: JsMsg;
  event: CloudEvent;
  target: Target;
  span?: Span;
  /** The trace context its handler runs in (its span, child of the producer's). */
  context?: Context;
  /** Attempts in place after a failure (the message is not redelivered meanwhile). */
  retries: number;
}

/** How often an event has been tried: JetStream's deliveries plus the attempts in place since its last one. */
function deliveriesOf(delivery: Delivery): number {
  return delivery.message.info.deliveryCount + delivery.retries;
}

/** What became of one delivery of a batch whose transaction committed. */
type Outcome =
  | { kind: 'processed' }
  | { kind: 'duplicate' }
  /** Not run: an event before it failed and waits to be retried; it goes back behind that one. */
  | { kind: 'held' }
  | { kind: 'dead-letter'; reason: DeadLetterReason; error: unknown }
  | { kind: 'retry'; error: unknown; deliveries: number };

/**
 * A handler of a batch run without savepoints failed, or its COMMIT did (a statement the handlers queued for it): the
 * batch is taken again with a savepoint per event and their statements sent at once, so the others commit and the
 * failure is judged alone. Savepoints cost two round trips per event; failures are rare.
 */
class BatchNeedsSavepoints extends Error {
  override readonly name = 'BatchNeedsSavepoints';

  constructor(
    /** The position in the batch of the event whose handler failed (-1: the COMMIT failed, every handler runs again), and why: it is not run a second time. */
    readonly index: number,
    readonly failure: unknown,
  ) {
    super('a handler of the batch failed');
  }
}

/** Another replica took a durable's lead while this one was retrying a batch through an outage. */
class LeadLost extends Error {
  override readonly name = 'LeadLost';

  constructor(durable: string) {
    super(`${durable}: another replica leads the durable now`);
  }
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
 * (Nest's NATS transport is core NATS: no ack, no redelivery), one durable per source service (ADR 0016), led by one
 * replica at a time (ADR 0024). The leader takes what has arrived, in stream order: it dead-letters at once an event
 * whose `source` is not the owner of its subject (sourceMismatch) or that breaks its contract; it handles the rest in
 * one transaction on its own session — the inbox rows of all, then each handler in a savepoint, in a fresh MikroORM
 * context and the event's TenantContext — and acks after the commit. A permanent failure (contract violation, SQLSTATE
 * 22/23, a domain validation or not-found refusal: classifyHandlerFailure) is dead-lettered to
 * `tsunagu.dlq.<service>.<subject>` at once; a transient one retries the batch; any other holds the event and those
 * behind it and retries it in place with growing delays, until maxDeliveries. A transient failure is never term()'ed.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  override readonly transportId = JETSTREAM_TRANSPORT;
  protected override readonly logger = new Logger(JetStreamServer.name);
  private readonly routes: Route[] = [];
  private readonly js: JetStreamClient;
  private jsm?: JetStreamManager;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly stopping = new AbortController();
  private closing = false;
  private unregisterMetrics?: () => void;
  private purgeTimer?: NodeJS.Timeout;
  private inboxRetention = 0;

  constructor(private readonly options: JetStreamServerOptions) {
    super();
    this.js = jetstream(options.connection);
  }

  /**
   * Connects the app's `@EventPattern` handlers to their durable consumers, as a microservice with a configuration of
   * its own: the HTTP app's global guard, interceptors and pipe (auth, audit, idempotency, validation) each return at
   * once for an event, yet Nest ran them around every event through an rxjs chain — a tenth of a consumer's time per
   * event (issue 14). Only the problem-details filter applies, which hands a handler's error back to this transport as
   * it was thrown: Nest's default RPC filter would log it (a driver's message carries values) and replace it.
   */
  static connect(app: INestApplication, overrides: Partial<JetStreamServerOptions> = {}): INestMicroservice {
    const consumers = app.connectMicroservice({ strategy: JetStreamServer.forApp(app, overrides) }, { inheritAppConfig: false, deferInitialization: true }) as NestMicroservice;
    consumers.useGlobalFilters(new ProblemDetailsFilter());
    // What connectMicroservice does at once without deferInitialization: the handlers are built with the filter in place.
    consumers.registerListeners();
    consumers.setIsInitialized(true);
    consumers.setIsInitHookCalled(true);
    return consumers;
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
          const durable = sourceDurableName(this.options.service, source);
          route = { source, filter: sourceFilter(source), durable, targets: new Map(), inHand: [], lock: new SessionLock(() => this.knex(), consumerLockKey(this.schema, durable)) };
          this.routes.push(route);
        }
        route.targets.set(pattern, { handler, inboxKey: durableName(this.options.service, pattern) });
      }
      for (const route of this.routes) await this.ensureConsumer(route);
      for (const route of this.routes) route.loop = this.lead(route);
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

  /** Stops pulling, lets in-flight batches finish (ack after commit), gives up the leads, then flushes acks to the server. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.stopping.abort();
    clearInterval(this.purgeTimer);
    this.unregisterMetrics?.();
    for (const route of this.routes) route.messages?.stop();
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled(this.routes.map((route) => route.loop));
    if (!this.options.connection.isClosed()) await this.options.connection.flush().catch(() => undefined);
  }

  /** The backend pid of the session by which this replica leads the durable of `source`'s events, if it does (diagnostics, tests). */
  leaderSession(source: string): number | undefined {
    return this.routes.find((route) => route.source === source)?.lock.pid;
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
      max_ack_pending: this.batchSize,
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

  /**
   * Runs on every replica for each durable, until the server closes: tries the durable's leadership lock every
   * leaderRetryMs and, while it holds it, consumes (ADR 0024). Only the leader pulls, so a source's events are handled
   * in stream order with several in flight.
   */
  private async lead(route: Route): Promise<void> {
    while (!this.closing) {
      let leads = false;
      try {
        leads = await route.lock.tryAcquire();
      } catch (error) {
        this.logger.warn(`${route.durable}: leadership could not be tried (will retry): ${describeError(error)}`);
      }
      if (!leads) {
        await this.pause(this.options.leaderRetryMs ?? DEFAULT_LEADER_RETRY_MS);
        continue;
      }
      try {
        await this.awaitPreviousLeader(route);
        if (!this.closing) await this.consume(route);
      } catch (error) {
        if (!this.closing) this.logger.warn(`${route.durable}: consuming stopped (will lead again): ${describeError(error)}`);
      } finally {
        await route.lock.release();
      }
      if (!this.closing) await this.pause(this.options.leaderRetryMs ?? DEFAULT_LEADER_RETRY_MS);
    }
  }

  /**
   * A new leader pulls nothing while events a previous leader held may still come back: JetStream redelivers them
   * once their ack_wait has passed (a leader that stopped cleanly nak'ed them already), and pulling earlier would hand
   * out newer events first. With no event held, it starts at once. Meanwhile it looks at the durable every second,
   * which also clears the pull requests a dead leader left (forgetStalePulls).
   */
  private async awaitPreviousLeader(route: Route): Promise<void> {
    const until = Date.now() + this.options.ackWaitMs;
    for (let first = true; ; first = false) {
      const info = await this.durableInfo(route);
      if (info.num_ack_pending === 0 || this.closing) return;
      if (first) this.logger.log(`${route.durable}: leads; ${info.num_ack_pending} event(s) still held, waiting up to ${this.options.ackWaitMs} ms for them to come back first`);
      if (Date.now() >= until) return;
      await this.pause(Math.min(1_000, until - Date.now()));
    }
  }

  /**
   * Asks for the durable's info, which makes the server drop pull requests nobody listens to any more. nats-server 2.9
   * hands a redelivery to such a request before noticing, and then loses its place: it comes back only after another
   * ack_wait, behind newer events. Done before anything is nak'ed, after this replica stopped pulling.
   */
  private async forgetStalePulls(route: Route): Promise<void> {
    await this.durableInfo(route).catch(() => undefined);
  }

  /** The durable's state on the server (asking for it is also what drops stale pull requests, see forgetStalePulls). */
  private durableInfo(route: Route): Promise<ConsumerInfo> {
    return (this.jsm as JetStreamManager).consumers.info(this.options.streams.stream ?? EVENT_STREAM, route.durable);
  }

  /**
   * Consumes while this replica leads. Everything JetStream hands out (up to batchSize in flight) is read into a queue
   * this replica keeps alive with in-progress acks, so nothing it holds is redelivered behind its back; the queue is
   * handled in batches of what has arrived. Nothing goes back while it leads (failing events are retried in place); on
   * a lost lead or at close, what it holds goes back in stream order, before anything newer can be handed out.
   */
  private async consume(route: Route): Promise<void> {
    const consumer = await this.js.consumers.get(this.options.streams.stream ?? EVENT_STREAM, route.durable);
    const messages = await consumer.consume({ max_messages: this.batchSize });
    route.messages = messages;
    const queue: JsMsg[] = [];
    let wake: (() => void) | undefined;
    let ended = false;
    const reader = (async () => {
      try {
        for await (const message of messages) {
          queue.push(message);
          wake?.();
        }
      } finally {
        ended = true;
        wake?.();
      }
    })();
    // One beat for everything held, so that if it stops (the lead is lost) it all expires together, in stream order.
    const heartbeat = setInterval(() => {
      if (route.lock.held) for (const message of [...route.inHand, ...queue]) message.working();
    }, this.heartbeatMs);
    let handBack: JsMsg[] = [];
    try {
      while (!this.closing && route.lock.held) {
        if (queue.length === 0) {
          if (ended) break;
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        const work = this.handleBatch(route, queue.splice(0, this.batchSize));
        this.inFlight.add(work);
        handBack = await work.finally(() => this.inFlight.delete(work));
        if (handBack.length > 0) break;
      }
    } finally {
      clearInterval(heartbeat);
      // No more pulls before anything goes back: a nak'ed event must not land in this replica's own pull again.
      messages.stop();
      await reader.catch(() => undefined);
      route.inHand = [];
      const back = inStreamOrder([...handBack, ...queue.splice(0)]);
      if (back.length > 0) {
        await this.forgetStalePulls(route);
        for (const message of back) message.nak();
      }
    }
  }

  /** In-progress acks every quarter of ack_wait: a late beat (a busy event loop) must not let a held event expire. */
  private get heartbeatMs(): number {
    return Math.max(250, Math.floor(this.options.ackWaitMs / 4));
  }

  private get batchSize(): number {
    return Math.max(1, this.options.batchSize ?? DEFAULT_BATCH_SIZE);
  }

  /** Resolves after `ms`, or at once when the server closes. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const stopped = this.stopping.signal;
      function done() {
        clearTimeout(timer);
        stopped.removeEventListener('abort', done);
        resolve();
      }
      if (stopped.aborted) done();
      else stopped.addEventListener('abort', done);
    });
  }

  /**
   * One batch of a durable's messages, in stream order: what cannot be handled (another subject, an invalid or forged
   * event, too many deliveries) is acked or dead-lettered at once; the rest are handled in one transaction on the
   * leader's session (processBatch) and acked or dead-lettered each by its outcome. An event that failed without a
   * verdict is retried in place after the backoff, with every event after it waiting behind it (a nak would let
   * JetStream hand out newer events first). Answers what is to go back, in order (the lead was lost, or the server
   * closes): the caller stops pulling first, then naks it.
   */
  private async handleBatch(route: Route, messages: JsMsg[]): Promise<JsMsg[]> {
    const admitted: Delivery[] = [];
    for (const message of messages) {
      const delivery = await this.admit(route, message);
      if (delivery) admitted.push(delivery);
    }
    if (admitted.length === 0) return [];
    for (const delivery of admitted) startProcessSpan(route.durable, delivery, admitted.length);
    let pending = admitted;
    route.inHand = pending.map((delivery) => delivery.message);
    try {
      while (pending.length > 0) {
        let outcomes: Outcome[];
        try {
          outcomes = await this.processThroughOutage(route, pending);
        } catch (error) {
          if (error instanceof LeadLost || this.closing) {
            this.logger.warn(`${route.durable}: ${pending.length} event(s) handed back: ${describeError(error)}`);
            return pending.map((delivery) => delivery.message);
          }
          // Transient beyond the retry window: an attempt of the first event like any failure without a verdict.
          outcomes = pending.map((delivery, index) => (index === 0 ? { kind: 'retry', error, deliveries: deliveriesOf(delivery) } : { kind: 'held' }));
        }
        const retryAt = outcomes.findIndex((outcome) => outcome.kind === 'retry');
        await this.settle(route, pending, outcomes);
        if (retryAt < 0) return [];
        const failing = outcomes[retryAt] as Extract<Outcome, { kind: 'retry' }>;
        const delay = this.retryDelay(failing.deliveries);
        this.logger.warn(
          `${route.durable}: event ${pending[retryAt].event.id} failed (${classifyHandlerFailure(failing.error)}) on attempt ${failing.deliveries}, retry in ${delay} ms with ${pending.length - retryAt - 1} event(s) behind it: ${describeError(failing.error)}`,
        );
        pending = pending.slice(retryAt);
        route.inHand = pending.map((delivery) => delivery.message);
        pending[0].retries += 1;
        await this.pause(delay);
        if (this.closing) return pending.map((delivery) => delivery.message);
      }
      return [];
    } finally {
      route.inHand = [];
      for (const delivery of admitted) delivery.span?.end();
    }
  }

  /** A message the handlers may take, or undefined when it was acked or dead-lettered here. */
  private async admit(route: Route, message: JsMsg): Promise<Delivery | undefined> {
    const subject = message.subject;
    const target = route.targets.get(subject);
    if (!target) {
      // Another event of the same source that this service does not handle: passed over in order.
      message.ack();
      messagingMetrics().messagesProcessed.inc({ consumer: route.durable, subject, outcome: 'ignored' });
      return undefined;
    }
    let event: CloudEvent;
    try {
      const raw: unknown = JSON.parse(decoder.decode(message.data));
      const forged = sourceMismatch(message.subject, raw);
      if (forged) {
        // Only the owner may publish on its subjects (NATS permissions); an event claiming another source is forged.
        await this.deadLetter(route, message, 'source-mismatch', new PermanentFailure(forged));
        return undefined;
      }
      const contract = this.options.contracts.eventContract(subject, (raw as { type?: unknown } | null)?.type);
      assertCloudEvent(contract, raw);
      event = raw;
    } catch (error) {
      // Redelivering an invalid payload cannot fix it: dead-letter at once.
      await this.deadLetter(route, message, 'contract-violation', error);
      return undefined;
    }
    if (message.info.deliveryCount > this.options.maxDeliveries) {
      await this.deadLetter(route, message, 'max-deliveries', new PermanentFailure('an earlier dead-letter publish failed'));
      return undefined;
    }
    return { message, event, target, retries: 0 };
  }

  /** Acks or dead-letters each delivery of a committed batch by its outcome; a retried one and those held behind it wait. */
  private async settle(route: Route, deliveries: Delivery[], outcomes: Outcome[]): Promise<void> {
    for (const [index, delivery] of deliveries.entries()) {
      const outcome = outcomes[index];
      const subject = delivery.message.subject;
      if (outcome.kind === 'held') continue;
      if (outcome.kind === 'processed' || outcome.kind === 'duplicate') {
        delivery.message.ack();
        messagingMetrics().messagesProcessed.inc({ consumer: route.durable, subject, outcome: outcome.kind });
        continue;
      }
      delivery.span?.setStatus({ code: SpanStatusCode.ERROR, message: errorName(outcome.error) });
      messagingMetrics().messagesProcessed.inc({ consumer: route.durable, subject, outcome: 'failed' });
      if (outcome.kind === 'dead-letter') await this.deadLetter(route, delivery.message, outcome.reason, outcome.error, deliveriesOf(delivery));
    }
  }

  /**
   * `processBatch`, retried while it fails transiently (connection lost or refused, failover) for up to
   * transientRetryWindowMs. With the source's events held (ADR 0016) the source waits either way; retrying here ends
   * the wait with the outage, where a nak's backoff (1 s, 5 s, 30 s …) held it up to a minute after a five-second
   * database restart (npm run chaos), and spends no delivery towards the dead letter. A lost session lost the lead
   * with it: the lock is taken again on a new session, and when another replica has it meanwhile, the batch goes back.
   */
  private async processThroughOutage(route: Route, deliveries: Delivery[]): Promise<Outcome[]> {
    const window = this.options.transientRetryWindowMs ?? DEFAULT_TRANSIENT_RETRY_WINDOW_MS;
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        if (!(await route.lock.tryAcquire())) throw new LeadLost(route.durable);
        let retake: BatchNeedsSavepoints;
        try {
          return await this.processBatch(route, deliveries);
        } catch (error) {
          if (error instanceof BatchNeedsSavepoints) retake = error;
          // A COMMIT refused for what a handler queued for it (a constraint, a value): whose it was shows statement by statement.
          else if (classifyHandlerFailure(error) !== 'transient') retake = new BatchNeedsSavepoints(-1, error);
          else throw error;
        }
        return await this.processBatch(route, deliveries, retake);
      } catch (error) {
        if (error instanceof LeadLost || this.closing || classifyHandlerFailure(error) !== 'transient' || Date.now() - started >= window) throw error;
        // The session may be the one that failed: start the next attempt on a new one.
        await route.lock.release();
        const pause = Math.min(TRANSIENT_RETRY_MAX_PAUSE_MS, 250 * 2 ** (attempt - 1));
        if (attempt === 1) this.logger.warn(`${route.durable}: ${deliveries.length} event(s) failed transiently, retrying: ${describeError(error)}`);
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  /**
   * One transaction on the leader's session for the whole batch: one statement records the inbox rows of all its
   * events (those already there are duplicates), then each new event's handler runs in its municipality with a fresh
   * EntityManager — first without savepoints (the usual case: nothing fails); when one fails, the batch is rolled back
   * and taken again with a savepoint per event, the failed one judged by its first error, not run again. There a failed handler rolls back to its savepoint and its inbox row
   * goes: dead-lettered when permanent or out of deliveries; otherwise it and every event after it wait (retry, held)
   * and the events before it commit. A transient failure rolls the whole batch back (retried above).
   */
  private async processBatch(route: Route, deliveries: Delivery[], failed?: BatchNeedsSavepoints): Promise<Outcome[]> {
    const savepoints = failed !== undefined;
    const inbox = `"${this.schema}".inbox_entry`;
    const knex = this.knex();
    const root = this.options.orm.em.fork({ clear: true, useContext: false });
    // With savepoints, what a handler queued for the COMMIT is sent at once, inside its savepoint: a failure is its own.
    const sending = <T>(work: () => Promise<T>) => (savepoints ? sendingAtOnce(route.lock.connection, work) : work());
    let transaction: object | undefined;
    const committed = await inBatchTenant(deliveries, () =>
      sending(() => knex.transaction(
        async (trx) => {
          transaction = trx;
          const keys = deliveries.map((delivery) => delivery.target.inboxKey);
          const ids = deliveries.map((delivery) => delivery.event.id);
          const inserted = await trx.raw(
            `insert into ${inbox} (consumer, message_id, processed_at) select consumer, message_id, now() from unnest(?::text[], ?::uuid[]) as e(consumer, message_id)
             on conflict do nothing returning consumer, message_id`,
            [keys, ids],
          );
          const fresh = new Set((inserted.rows as { consumer: string; message_id: string }[]).map((row) => `${row.consumer} ${row.message_id}`));
          const outcomes: Outcome[] = [];
          const forget: Delivery[] = [];
          for (const [index, delivery] of deliveries.entries()) {
            const { event, target, message } = delivery;
            if (outcomes.some((outcome) => outcome.kind === 'retry')) {
              outcomes.push({ kind: 'held' });
              forget.push(delivery);
              continue;
            }
            // A redelivery of an event still waiting in this batch is the same event: it runs once.
            if (!fresh.delete(`${target.inboxKey} ${event.id}`)) {
              outcomes.push({ kind: 'duplicate' });
              continue;
            }
            const run = async (em: EntityManager) => {
              const result = await target.handler(event, new JetStreamContext(em, event, message, route.durable, deliveriesOf(delivery)));
              // Nest's exception filters turn handler errors into an erroring Observable: subscribe so they surface here.
              if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
            };
            try {
              if (failed?.index === index) throw failed.failure;
              await context.with(delivery.context ?? context.active(), () =>
                TenantContext.run({ requestId: event.id, municipality: event.municipality }, () =>
                  // The event's EntityManager is its request context's: an injected EntityManager is the handler's `ctx.em`,
                  // in the batch's transaction (a second fork for the context had none: its writes committed on their own).
                  RequestContext.create(root, async () => {
                    const em = RequestContext.getEntityManager() as EntityManager;
                    if (savepoints) return em.transactional(run, { ctx: trx });
                    em.setTransactionContext(trx);
                    await run(em);
                    await em.flush();
                  }),
                ),
              );
              outcomes.push({ kind: 'processed' });
            } catch (error) {
              const failure = classifyHandlerFailure(error);
              if (failure === 'transient') throw error;
              // Without savepoints the transaction cannot go on past a failure: roll it all back and take the batch again, with them.
              if (!savepoints) throw new BatchNeedsSavepoints(index, error);
              forget.push(delivery);
              const deliveriesSoFar = deliveriesOf(delivery);
              // A constraint violation or a refused value fails the same way every time: no half hour of retries.
              if (failure === 'permanent') outcomes.push({ kind: 'dead-letter', reason: 'permanent', error });
              else if (deliveriesSoFar >= this.options.maxDeliveries) outcomes.push({ kind: 'dead-letter', reason: 'max-deliveries', error });
              else outcomes.push({ kind: 'retry', error, deliveries: deliveriesSoFar });
            }
          }
          if (forget.length > 0) {
            await trx.raw(`delete from ${inbox} where (consumer, message_id) in (select * from unnest(?::text[], ?::uuid[]))`, [
              forget.map((delivery) => delivery.target.inboxKey),
              forget.map((delivery) => delivery.event.id),
            ]);
          }
          // The handlers' outbox events queued for this transaction's COMMIT: MikroORM's commit hook never sees it.
          await sendEventsQueuedFor(root, trx);
          return outcomes;
        },
        { connection: route.lock.connection } as Knex.TransactionConfig,
      )),
    );
    // Committed: the outbox events the handlers wrote are this process's relay's to publish now (ADR 0025).
    transactionCommitted(transaction);
    return committed;
  }

  private get schema(): string {
    return String(this.options.orm.config.get('schema') ?? 'public');
  }

  private knex(): Knex {
    return (this.options.orm.em.getConnection() as unknown as { getKnex(): Knex }).getKnex();
  }

  private async deadLetter(route: Route, message: JsMsg, reason: DeadLetterReason, error: unknown, deliveries = message.info.deliveryCount): Promise<void> {
    const headers = natsHeaders();
    for (const key of message.headers?.keys() ?? []) {
      if (key.toLowerCase() !== 'nats-msg-id') for (const value of message.headers?.values(key) ?? []) headers.append(key, value);
    }
    headers.set(DEAD_LETTER_HEADERS.reason, reason);
    headers.set(DEAD_LETTER_HEADERS.error, describeError(error).replace(/[\r\n]+/g, ' ').slice(0, 1000));
    headers.set(DEAD_LETTER_HEADERS.consumer, route.durable);
    headers.set(DEAD_LETTER_HEADERS.subject, message.subject);
    headers.set(DEAD_LETTER_HEADERS.deliveries, String(deliveries));
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
    for (const route of this.routes) messagingMetrics().consumerLeader.set({ consumer: route.durable }, route.lock.held ? 1 : 0);
    if (!this.jsm) return;
    for (const route of this.routes) {
      const info = await this.durableInfo(route);
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

/** The delivery's `process` span, a child of the producer's trace (its headers), ended when the batch settles it. */
function startProcessSpan(durable: string, delivery: Delivery, batchSize: number): void {
  const parent = contextFromTraceHeaders(traceHeadersFromNats(delivery.message.headers));
  delivery.span = tracer.startSpan(
    `process ${delivery.message.subject}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'nats',
        'messaging.operation.type': 'process',
        'messaging.destination.name': delivery.message.subject,
        'messaging.consumer.group.name': durable,
        'messaging.message.id': delivery.event.id,
        'messaging.message.delivery_count': delivery.message.info.deliveryCount,
        'messaging.batch.message_count': batchSize,
      },
    },
    parent,
  );
  delivery.context = trace.setSpan(parent, delivery.span);
}

/**
 * The tenant the batch's own statements (inbox, outbox, COMMIT) run in. Events of one municipality — the usual case —
 * run in it, as their handlers do: the session's tenant settings then stay as they are from batch to batch, where
 * system work around municipal handlers set them twice per batch (two round trips, half of matching's). Events of
 * several municipalities run as system work, each handler still in its own.
 */
function inBatchTenant<T>(deliveries: readonly Delivery[], work: () => T): T {
  const municipality = deliveries[0]?.event.municipality;
  if (municipality !== undefined && deliveries.every((delivery) => delivery.event.municipality === municipality)) {
    return TenantContext.run({ requestId: deliveries[0].event.id, municipality }, work);
  }
  return TenantContext.runAsSystem(undefined, work);
}

/**
 * Messages to hand back, in stream order, each once: a copy JetStream redelivered while the first was held (a beat
 * came too late) sits in the queue behind newer events.
 */
function inStreamOrder(messages: JsMsg[]): JsMsg[] {
  const latest = new Map<number, JsMsg>();
  for (const message of messages) latest.set(message.info.streamSequence, message);
  return [...latest.values()].sort((a, b) => a.info.streamSequence - b.info.streamSequence);
}

/** The advisory lock a durable's leader holds: per schema, so two deployments sharing a database lead their own. */
export function consumerLockKey(schema: string, durable: string): string {
  return `tsunagu-consumer:${schema}.${durable}`;
}

function isConsumerMissing(error: unknown): boolean {
  return (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound) || /consumer not found/i.test(String((error as Error)?.message));
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}

