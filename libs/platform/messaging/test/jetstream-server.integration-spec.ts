import { Controller, type INestMicroservice } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { defineEvent, MESSAGE_HEADERS, type CloudEvent } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { ProblemDetailsFilter } from '@tsunagu/platform-http';
import { DomainException } from '@tsunagu/platform-errors';
import { expectEventually } from '@tsunagu/platform-testing';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import {
  connectNats,
  DEAD_LETTER_HEADERS,
  DEAD_LETTER_STREAM,
  deadLetterSubject,
  durableName,
  EVENT_STREAM,
  JetStreamContext,
  JetStreamServer,
  sourceDurableName,
  sourceFilter,
} from '../src';
import { cloudEvent, consumerCount, MUNICIPALITY, readStream, startMessagingFixture, ThingHappened, ThingSeen, type MessagingFixture, type ThingHappenedData } from './messaging-fixture';

const SERVICE = 'watcher';
/** One durable for everything the `things` service publishes (ADR 0016). */
const CONSUMER = sourceDurableName(SERVICE, 'things');
const ACK_WAIT_MS = 5_000;
/** The inbox remembers events per handled subject. */
const INBOX_KEY = durableName(SERVICE, ThingHappened.subject);

/** A second event of the same source: its events share the source's durable and arrive in stream order with the first's. */
const ThingChanged = defineEvent<{ thingId: string }>({
  service: 'things',
  aggregate: 'thing',
  event: 'changed',
  summary: 'Test event.',
  schema: { type: 'object', additionalProperties: false, required: ['thingId'], properties: { thingId: { type: 'string', format: 'uuid' } } },
});

/** Event ids in the order the handlers of both subjects ran (first delivery only). */
const order: string[] = [];

interface Call {
  eventId: string;
  at: number;
  deliveries: number;
  municipality?: string;
  ownEntityManager: boolean;
}

const calls: Call[] = [];

@Controller()
class ThingWatcher {
  @EventPattern(ThingHappened.subject)
  async onThingHappened(@Payload() event: CloudEvent<ThingHappenedData>, @Ctx() ctx: JetStreamContext<ThingHappenedData>): Promise<void> {
    const previous = calls.filter((call) => call.eventId === event.id).length;
    if (previous === 0) order.push(event.id);
    calls.push({
      eventId: event.id,
      at: Date.now(),
      deliveries: ctx.deliveries,
      municipality: TenantContext.municipality(),
      ownEntityManager: ctx.em !== fixture.orm.em,
    });
    // The write happens before the failure: a rolled-back attempt must leave nothing behind.
    ctx.em.persist(Object.assign(new ThingSeen(), { eventId: event.id, municipality: TenantContext.municipality() }));
    await ctx.em.flush();
    // Longer than the consumer's ack wait (5 s): only in-progress acks keep JetStream from handing it out again.
    if (event.data.behaviour === 'slow') await new Promise((resolve) => setTimeout(resolve, ACK_WAIT_MS * 1.5));
    if (event.data.behaviour === 'fail-always') throw new Error('downstream refused');
    if (event.data.behaviour === 'fail-twice' && previous < 2) throw new Error('database timeout (transient)');
    // Real PostgreSQL failures, in the handler's transaction.
    const sql = (text: string) => ctx.em.getConnection().execute(text, [], 'all', ctx.em.getTransactionContext());
    if (event.data.behaviour === 'violate-constraint') await sql(`insert into things.thing_seen (id, event_id) values ('${uuidv7()}', null)`);
    if (event.data.behaviour === 'out-of-range') await sql('select 2147483647::int + 1');
    if (event.data.behaviour === 'refuse-invalid') throw DomainException.invalidField('thingId', 'is not a thing this service knows');
    // A database blip: the connection under the transaction is killed (failover, restart, idle-session killer).
    if (event.data.behaviour === 'lose-connection-once' && previous === 0) await sql('select pg_terminate_backend(pg_backend_pid())');
  }
}

@Controller()
class ChangeWatcher {
  @EventPattern(ThingChanged.subject)
  onThingChanged(@Payload() event: CloudEvent<{ thingId: string }>): void {
    order.push(event.id);
  }
}

let fixture: MessagingFixture;
let microservice: INestMicroservice;
let server: JetStreamServer;
let js: JetStreamClient;

/** Publishes without Nats-Msg-Id, as a relay would outside the duplicate window. */
async function publish(body: unknown): Promise<void> {
  const headers = natsHeaders();
  headers.set(MESSAGE_HEADERS.eventType, ThingHappened.type);
  await js.publish(ThingHappened.subject, new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)), { headers });
}

async function seen(eventId: string): Promise<ThingSeen[]> {
  return fixture.orm.em.fork().find(ThingSeen, { eventId });
}

async function deadLetters() {
  return (await readStream(fixture.jsm, DEAD_LETTER_STREAM)).map((message) => ({
    subject: message.subject,
    reason: message.header.get(DEAD_LETTER_HEADERS.reason),
    deliveries: Number(message.header.get(DEAD_LETTER_HEADERS.deliveries)),
    error: message.header.get(DEAD_LETTER_HEADERS.error),
    body: new TextDecoder().decode(message.data),
  }));
}

function deadLetteredCount(reason?: string): Promise<number> {
  return consumerCount('tsunagu_messages_dead_lettered_total', CONSUMER, reason === undefined ? {} : { reason });
}

function processedCount(outcome: string): Promise<number> {
  return consumerCount('tsunagu_messages_processed_total', CONSUMER, { outcome });
}

describe('JetStreamServer', () => {
  beforeAll(async () => {
    fixture = await startMessagingFixture();
    js = jetstream(fixture.connection);
    const moduleRef = await Test.createTestingModule({ controllers: [ThingWatcher, ChangeWatcher] }).compile();
    server = fixture.jetStreamServer({ service: SERVICE, events: [ThingHappened, ThingChanged], ackWaitMs: ACK_WAIT_MS });
    microservice = moduleRef.createNestMicroservice({ strategy: server });
    microservice.useLogger(false);
    // What a hybrid service inherits with `inheritAppConfig: true`: the HTTP filter rethrows for messages.
    microservice.useGlobalFilters(new ProblemDetailsFilter());
    await microservice.listen();
  });

  afterAll(async () => {
    await microservice.close();
    await fixture.close();
  });

  it('runs the handler in the event municipality with its own transactional EntityManager, then acks', async () => {
    const event = cloudEvent('ok');
    await publish(event);
    await expectEventually(async () => expect(await seen(event.id)).toHaveLength(1));
    const [row] = await seen(event.id);
    expect(row.municipality).toBe(MUNICIPALITY);
    expect(calls.filter((call) => call.eventId === event.id)).toEqual([expect.objectContaining({ deliveries: 1, municipality: MUNICIPALITY, ownEntityManager: true })]);
    await expectEventually(async () => {
      const info = await fixture.jsm.consumers.info(EVENT_STREAM, CONSUMER);
      expect(info.num_pending + info.num_ack_pending).toBe(0);
    });
  });

  it('keeps a message slower than the ack wait with in-progress acks: handled once, never redelivered', async () => {
    const duplicatesBefore = await processedCount('duplicate');
    const event = cloudEvent('slow');
    await publish(event);
    await expectEventually(async () => expect(await seen(event.id)).toHaveLength(1), { timeoutMs: ACK_WAIT_MS * 3 });
    // A redelivery would have come back to this replica's pull and met the inbox: counted as a duplicate.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await processedCount('duplicate')).toBe(duplicatesBefore);
    await expectEventually(async () => {
      const info = await fixture.jsm.consumers.info(EVENT_STREAM, CONSUMER);
      expect(info.num_pending + info.num_ack_pending).toBe(0);
    });
    expect(calls.filter((call) => call.eventId === event.id).map((call) => call.deliveries)).toEqual([1]);
    expect((await fixture.jsm.consumers.info(EVENT_STREAM, CONSUMER)).num_redelivered).toBe(0);
  }, ACK_WAIT_MS * 5);

  it('processes a duplicate delivery (same id, outside the duplicate window) once', async () => {
    const event = cloudEvent('ok');
    await publish(event);
    await publish(event);
    await expectEventually(async () => {
      const info = await fixture.jsm.consumers.info(EVENT_STREAM, CONSUMER);
      expect(info.delivered.stream_seq).toBeGreaterThanOrEqual((await fixture.jsm.streams.info(EVENT_STREAM)).state.last_seq);
      expect(info.num_pending + info.num_ack_pending).toBe(0);
    });
    expect(await seen(event.id)).toHaveLength(1);
    expect(calls.filter((call) => call.eventId === event.id)).toHaveLength(1);
  });

  it('retries a failing handler in place with growing delays and then succeeds', async () => {
    const event = cloudEvent('fail-twice');
    await publish(event);
    await expectEventually(async () => expect(await seen(event.id)).toHaveLength(1), { timeoutMs: 5_000 });
    const attempts = calls.filter((call) => call.eventId === event.id);
    expect(attempts.map((call) => call.deliveries)).toEqual([1, 2, 3]);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(140);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(390);
    expect((await deadLetters()).filter((letter) => letter.body.includes(event.id))).toEqual([]);
  });

  it('dead-letters a permanent failure on its first delivery with reason permanent, whatever the handler wrote rolled back', async () => {
    const countBefore = await deadLetteredCount();
    const permanentBefore = await deadLetteredCount('permanent');
    const events = { 'violate-constraint': cloudEvent('violate-constraint'), 'out-of-range': cloudEvent('out-of-range'), 'refuse-invalid': cloudEvent('refuse-invalid') };
    for (const event of Object.values(events)) await publish(event);
    await expectEventually(async () => expect(await deadLetteredCount()).toBe(countBefore + 3), { timeoutMs: 5_000 });
    expect(await deadLetteredCount('permanent')).toBe(permanentBefore + 3);
    const letterOf = async (id: string) => (await deadLetters()).filter((letter) => letter.body.includes(id));
    const constraint = await letterOf(events['violate-constraint'].id);
    expect(constraint).toEqual([expect.objectContaining({ reason: 'permanent', deliveries: 1 })]);
    expect(constraint[0].error).toMatch(/\b23502\b.*column=event_id/);
    expect(await letterOf(events['out-of-range'].id)).toEqual([expect.objectContaining({ reason: 'permanent', deliveries: 1, error: expect.stringContaining('22003') })]);
    expect(await letterOf(events['refuse-invalid'].id)).toEqual([expect.objectContaining({ reason: 'permanent', deliveries: 1, error: expect.stringContaining('validation-failed') })]);
    for (const event of Object.values(events)) {
      expect(calls.filter((call) => call.eventId === event.id)).toHaveLength(1);
      expect(await seen(event.id)).toEqual([]);
    }
    // Nothing pending behind them: the ack floor moved on at once.
    await expectEventually(async () => expect((await fixture.jsm.consumers.info(EVENT_STREAM, CONSUMER)).num_ack_pending).toBe(0), { timeoutMs: 5_000 });
  });

  it('retries a transient database failure (the connection is lost under the transaction) within its delivery and processes the event once', async () => {
    const event = cloudEvent('lose-connection-once');
    await publish(event);
    await expectEventually(async () => expect(await seen(event.id)).toHaveLength(1), { timeoutMs: 5_000 });
    // Retried at once in the same delivery (no nak backoff, no delivery spent towards the dead letter).
    const attempts = calls.filter((call) => call.eventId === event.id);
    expect(attempts.map((call) => call.deliveries)).toEqual([1, 1]);
    expect(attempts[1].at - attempts[0].at).toBeLessThan(1_000);
    expect((await deadLetters()).filter((letter) => letter.body.includes(event.id))).toEqual([]);
  });

  it('dead-letters a handler that keeps failing after max deliveries and counts it', async () => {
    const countBefore = await deadLetteredCount();
    const event = cloudEvent('fail-always');
    await publish(event);
    await expectEventually(async () => expect((await deadLetters()).filter((letter) => letter.body.includes(event.id))).toHaveLength(1), { timeoutMs: 5_000 });
    const [letter] = (await deadLetters()).filter((entry) => entry.body.includes(event.id));
    expect(letter).toMatchObject({ subject: deadLetterSubject(SERVICE, ThingHappened.subject), reason: 'max-deliveries', deliveries: 3 });
    // The error by type (and code) only: a handler's message may carry SQL with its values (personal data).
    expect(letter.error).toMatch(/^Error\b/);
    expect(letter.error).not.toContain('downstream refused');
    expect(calls.filter((call) => call.eventId === event.id)).toHaveLength(3);
    expect(await seen(event.id)).toEqual([]);
    expect(await deadLetteredCount()).toBe(countBefore + 1);
    await expectEventually(async () => {
      const info = await fixture.jsm.consumers.info(EVENT_STREAM, CONSUMER);
      expect(info.num_ack_pending).toBe(0);
    });
  });

  it('dead-letters a schema-invalid payload at once, without running the handler', async () => {
    const countBefore = await deadLetteredCount();
    const invalid = cloudEvent('ok');
    (invalid.data as unknown as Record<string, unknown>)['thingId'] = 42;
    await publish(invalid);
    await publish('{ not json');
    await expectEventually(async () => expect(await deadLetteredCount()).toBe(countBefore + 2), { timeoutMs: 5_000 });
    const letters = (await deadLetters()).filter((letter) => letter.reason === 'contract-violation');
    expect(letters).toHaveLength(2);
    expect(letters.every((letter) => letter.deliveries === 1)).toBe(true);
    expect(letters[0].error).toContain('/data/thingId');
    expect(calls.filter((call) => call.eventId === invalid.id)).toEqual([]);
  });

  it("dead-letters at once an event whose source is not the subject's owner (forged), without running the handler", async () => {
    const countBefore = await deadLetteredCount('source-mismatch');
    // Schema-valid but for the source: what a client with publish rights on another service's subjects could send.
    const forged = cloudEvent('ok', { source: '/tsunagu/intake' });
    await publish(forged);
    await expectEventually(async () => expect(await deadLetteredCount('source-mismatch')).toBe(countBefore + 1), { timeoutMs: 5_000 });
    const [letter] = (await deadLetters()).filter((candidate) => candidate.body.includes(forged.id));
    expect(letter).toMatchObject({ reason: 'source-mismatch', deliveries: 1 });
    expect(letter.error).toContain(`not ${ThingHappened.source}, the owner of ${ThingHappened.subject}`);
    expect(calls.filter((call) => call.eventId === forged.id)).toEqual([]);
    expect(await seen(forged.id)).toEqual([]);
  });

  it('keeps inbox rows as long as the event can come back (outbox re-publish, redelivery, stream max_age) plus a day, then purges them', async () => {
    // No max_age on the test stream, the default 7-day outbox retention: 8 days.
    expect(server.inboxRetentionMs).toBe((168 + 24) * 3_600_000);
    const connection = fixture.orm.em.fork().getConnection();
    const row = (age: string) => connection.execute(`insert into things.inbox_entry (consumer, message_id, processed_at) values (?, ?, now() - ?::interval) returning message_id`, [INBOX_KEY, uuidv7(), age]);
    const [[old], [older], [recent], [fresh]] = await Promise.all([row('8 days 1 hour'), row('400 days'), row('7 days 23 hours'), row('1 minute')]);
    expect(await server.purgeInbox()).toBeGreaterThanOrEqual(2);
    const kept = await connection.execute<{ message_id: string }[]>(`select message_id from things.inbox_entry where message_id in (?, ?, ?, ?)`, [old.message_id, older.message_id, recent.message_id, fresh.message_id]);
    expect(kept.map((entry) => entry.message_id).sort()).toEqual([recent.message_id, fresh.message_id].sort());
  });

  /** The route JetStreamServer builds for the `things` source (its private ensureConsumer). */
  const ensureThingsConsumer = () =>
    (server as unknown as { ensureConsumer(route: unknown): Promise<void> }).ensureConsumer({
      source: 'things',
      filter: sourceFilter('things'),
      durable: CONSUMER,
      targets: new Map([[ThingHappened.subject, { handler: () => undefined, inboxKey: INBOX_KEY }]]),
    });

  it('hands out the events of one source in stream order, across subjects, through one durable with a wildcard filter', async () => {
    const { config } = await fixture.jsm.consumers.info(EVENT_STREAM, CONSUMER);
    // Up to a batch in flight; one replica leads the durable, so they are still handled in order (ADR 0024).
    expect(config).toMatchObject({ filter_subject: 'tsunagu.evt.things.>', max_ack_pending: 32 });
    const events: CloudEvent[] = [];
    for (let index = 0; index < 12; index += 1) {
      const changed = index % 3 === 1;
      const event = changed ? { ...cloudEvent('ok'), type: ThingChanged.type, data: { thingId: uuidv7() } } : cloudEvent('ok');
      events.push(event as CloudEvent);
      const headers = natsHeaders();
      await js.publish(changed ? ThingChanged.subject : ThingHappened.subject, JSON.stringify(event), { headers });
    }
    const ids = events.map((event) => event.id);
    await expectEventually(async () => expect(order.filter((id) => ids.includes(id))).toHaveLength(ids.length), { timeoutMs: 10_000 });
    expect(order.filter((id) => ids.includes(id))).toEqual(ids);
  });

  it('passes over, in order, an event of the source that no handler here takes', async () => {
    const before = (await fixture.jsm.streams.info(EVENT_STREAM)).state.last_seq;
    await js.publish('tsunagu.evt.things.thing.archived', JSON.stringify(cloudEvent('ok')));
    const after = cloudEvent('ok');
    await publish(after);
    await expectEventually(async () => expect(await seen(after.id)).toHaveLength(1));
    // The ack follows the handler's commit: wait for it rather than race it.
    await expectEventually(async () => expect((await fixture.jsm.consumers.info(EVENT_STREAM, CONSUMER)).ack_floor.stream_seq).toBeGreaterThanOrEqual(before + 2));
    expect((await deadLetters()).filter((letter) => letter.subject.endsWith('thing.archived'))).toEqual([]);
  });

  it('replaces per-subject durables of before (ADR 0016): starts after their lowest ack floor and deletes them', async () => {
    const old = durableName(SERVICE, ThingHappened.subject);
    await fixture.jsm.consumers.delete(EVENT_STREAM, CONSUMER);
    await fixture.jsm.consumers.add(EVENT_STREAM, { durable_name: old, filter_subject: ThingHappened.subject, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New });
    const floor = (await fixture.jsm.consumers.info(EVENT_STREAM, old)).ack_floor.stream_seq;
    await ensureThingsConsumer();
    const { config } = await fixture.jsm.consumers.info(EVENT_STREAM, CONSUMER);
    expect(config).toMatchObject({ deliver_policy: 'by_start_sequence', opt_start_seq: floor + 1, filter_subject: 'tsunagu.evt.things.>' });
    await expect(fixture.jsm.consumers.info(EVENT_STREAM, old)).rejects.toThrow(/consumer not found/i);
  });

  it('switches to durables per source as a service’s own NATS user: starts after the per-subject floor and leaves those it may not delete', async () => {
    // matching's durable on intake's events, as matching's user (libs/platform/local-infrastructure/src/nats-permissions.cjs) creates it.
    const subject = 'tsunagu.evt.intake.thing.happened';
    const old = durableName('matching', subject);
    const durable = sourceDurableName('matching', 'intake');
    await fixture.jsm.consumers.add(EVENT_STREAM, { durable_name: old, filter_subject: subject, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New });
    const floor = (await fixture.jsm.consumers.info(EVENT_STREAM, old)).ack_floor.stream_seq;
    const env = fixture.nats.serviceEnv('matching');
    const connection = await connectNats({ url: env.NATS_URL, user: env.NATS_USER, password: env.NATS_PASSWORD, service: 'matching' }, 'switch-test');
    try {
      const matching = fixture.jetStreamServer({ service: 'matching', connection, events: [], ackWaitMs: ACK_WAIT_MS });
      const internals = matching as unknown as { jsm: JetStreamManager; ensureConsumer(route: unknown): Promise<void> };
      internals.jsm = await jetstreamManager(connection);
      await internals.ensureConsumer({ source: 'intake', filter: sourceFilter('intake'), durable, targets: new Map([[subject, { handler: () => undefined, inboxKey: old }]]) });
      expect((await fixture.jsm.consumers.info(EVENT_STREAM, durable)).config).toMatchObject({ deliver_policy: 'by_start_sequence', opt_start_seq: floor + 1, filter_subject: 'tsunagu.evt.intake.>' });
      // Not matching's to delete any more: it stays, unread, for the operator (docs/operations/nats-users.md).
      expect((await fixture.jsm.consumers.info(EVENT_STREAM, old)).name).toBe(old);
    } finally {
      await connection.close();
    }
  });

  it('recreates a lost durable of a consumer with inbox rows from the inbox retention, not from the start of the stream', async () => {
    await fixture.jsm.consumers.delete(EVENT_STREAM, CONSUMER);
    const before = Date.now();
    await ensureThingsConsumer();
    const { config } = await fixture.jsm.consumers.info(EVENT_STREAM, CONSUMER);
    expect(config.deliver_policy).toBe('by_start_time');
    expect(Math.abs(Date.parse(config.opt_start_time as string) - (before - server.inboxRetentionMs))).toBeLessThan(60_000);
  });
});
