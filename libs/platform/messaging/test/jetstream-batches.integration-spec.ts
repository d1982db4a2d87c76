import { Controller, type INestMicroservice } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { MESSAGE_HEADERS, type CloudEvent } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import { ProblemDetailsFilter } from '@tsunagu/platform-http';
import { executeWithCommit, pgArray } from '@tsunagu/platform-persistence';
import { expectEventually } from '@tsunagu/platform-testing';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { connectNats, DEAD_LETTER_HEADERS, DEAD_LETTER_STREAM, EVENT_STREAM, EventRecorder, JetStreamContext, JetStreamServer, sourceDurableName } from '../src';
import { cloudEvent, readStream, SCHEMA, startMessagingFixture, ThingHappened, type MessagingFixture, type ThingHappenedData } from './messaging-fixture';

/**
 * ADR 0024: one replica leads each durable and handles what has arrived in one transaction, a savepoint per event.
 * Two replicas of the service run here, as two servers on their own NATS connections.
 */
const SERVICE = 'batcher';
const DURABLE = sourceDurableName(SERVICE, 'things');
/** A second city's events, in the same source's stream. */
const OTHER_MUNICIPALITY = '372021';
/** Long enough that a busy machine never lets a held event expire (in-progress acks every quarter of it). */
const ACK_WAIT_MS = 4_000;

/** Handlers wait on these (by thingId) before writing: a gate holds a batch open while later events arrive. */
const gates = new Map<string, { opened: Promise<void>; open(): void; reached: boolean }>();
/** How a thing's handler fails, and how often (Infinity: always). */
const failures = new Map<string, { kind: 'permanent' | 'unknown'; times: number }>();
/** Handler runs per event id, committed or not. */
const runs = new Map<string, number>();
/** Events whose handler records an event of its own (to the outbox, as a service's handler may); by event id, so the recorded ones, consumed in turn, record nothing. */
const recording = new Set<string>();
/** Things whose handler queues a statement for the COMMIT that PostgreSQL refuses (a consumer's last statement may). */
const refusedAtCommit = new Set<string>();
let recorder: EventRecorder;

function gate(thingId: string): { open(): void; reached(): boolean } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const entry = { opened, open, reached: false };
  gates.set(thingId, entry);
  return { open: () => entry.open(), reached: () => entry.reached };
}

@Controller()
class ThingRecorder {
  @EventPattern(ThingHappened.subject)
  async onThingHappened(@Payload() event: CloudEvent<ThingHappenedData>, @Ctx() ctx: JetStreamContext<ThingHappenedData>): Promise<void> {
    runs.set(event.id, (runs.get(event.id) ?? 0) + 1);
    const held = gates.get(event.data.thingId);
    if (held) {
      held.reached = true;
      await held.opened;
    }
    // The committed order, the transaction and the session each event was handled in, and the tenant its statements ran as.
    await ctx.em
      .getConnection()
      .execute(
        `insert into "${SCHEMA}".handled (event_id, txid, backend, tenant) values (?, txid_current(), pg_backend_pid(), current_setting('app.municipality', true))`,
        [event.id],
        'run',
        ctx.em.getTransactionContext(),
      );
    if (recording.has(event.id)) recorder.record(ctx.em, ThingHappened, event.data.thingId, { thingId: event.data.thingId, behaviour: 'ok' });
    // event_id is not null: the statement fails where it is sent — with the batch's COMMIT, or at once.
    if (refusedAtCommit.has(event.data.thingId)) await executeWithCommit(ctx.em, `insert into "${SCHEMA}".handled (event_id, txid, backend) values (?, 0, 0)`, [null]);
    const failure = failures.get(event.data.thingId);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      if (failure.kind === 'permanent') throw DomainException.invalidField('thingId', 'is not a thing this service knows');
      throw new Error('a peer answered nonsense');
    }
  }
}

let fixture: MessagingFixture;
let js: JetStreamClient;
const replicas: { server: JetStreamServer; microservice: INestMicroservice; connection: NatsConnection }[] = [];

async function startReplica(name: string): Promise<void> {
  const connection = await connectNats(fixture.nats.url, name);
  const moduleRef = await Test.createTestingModule({ controllers: [ThingRecorder] }).compile();
  const server = fixture.jetStreamServer({ service: SERVICE, connection, events: [ThingHappened], ackWaitMs: ACK_WAIT_MS, batchSize: 32, leaderRetryMs: 200 });
  const microservice = moduleRef.createNestMicroservice({ strategy: server });
  microservice.useLogger(false);
  microservice.useGlobalFilters(new ProblemDetailsFilter());
  await microservice.listen();
  replicas.push({ server, microservice, connection });
}

async function publish(...events: CloudEvent<ThingHappenedData>[]): Promise<void> {
  for (const event of events) {
    const headers = natsHeaders();
    headers.set(MESSAGE_HEADERS.eventType, ThingHappened.type);
    await js.publish(ThingHappened.subject, JSON.stringify(event), { headers });
  }
}

/**
 * Publishes an opener whose handler waits at a gate, then `behind` while it waits, and gives those a moment to arrive:
 * the leader takes them together once the gate opens.
 */
async function holdBatch(behind: CloudEvent<ThingHappenedData>[]): Promise<{ opener: CloudEvent<ThingHappenedData>; open(): void }> {
  const opener = cloudEvent('ok');
  const hold = gate(opener.data.thingId);
  await publish(opener);
  await expectEventually(async () => expect(hold.reached()).toBe(true));
  await publish(...behind);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { opener, open: hold.open };
}

interface Handled {
  eventId: string;
  txid: string;
  backend: number;
  tenant: string;
}

/** The committed handlings of these events, in the order they committed their rows. */
async function handled(events: CloudEvent[]): Promise<Handled[]> {
  const rows = await fixture.orm.em
    .fork()
    .getConnection()
    .execute<{ event_id: string; txid: string; backend: number; tenant: string }[]>(`select event_id, txid::text as txid, backend, tenant from "${SCHEMA}".handled where event_id = any(?::uuid[]) order by seq`, [
      pgArray(events.map((event) => event.id)),
    ]);
  return rows.map((row) => ({ eventId: row.event_id, txid: row.txid, backend: Number(row.backend), tenant: row.tenant }));
}

/** The outbox events the handlers of `events` recorded (one per thing), in the order they were written, and whether each was published. */
async function outboxRows(events: CloudEvent<ThingHappenedData>[]): Promise<{ aggregateId: string; municipality: string; published: boolean }[]> {
  const rows = await fixture.orm.em
    .fork()
    .getConnection()
    .execute<{ aggregate_id: string; municipality: string; published: boolean }[]>(
      `select aggregate_id, municipality, published_at is not null as published from "${SCHEMA}".outbox_event where aggregate_id = any(?::text[]) order by id`,
      [pgArray(events.map((event) => event.data.thingId))],
    );
  return rows.map((row) => ({ aggregateId: row.aggregate_id, municipality: row.municipality, published: row.published }));
}

function leaders(): number[] {
  return replicas.map((replica) => replica.server.leaderSession('things')).filter((pid): pid is number => pid !== undefined);
}

describe('JetStreamServer in batches (ADR 0024)', () => {
  beforeAll(async () => {
    fixture = await startMessagingFixture();
    js = jetstream(fixture.connection);
    await fixture.orm.em.fork().execute(`create table "${SCHEMA}".handled (seq bigserial primary key, event_id uuid not null, txid bigint not null, backend int not null, tenant text)`);
    recorder = new EventRecorder(undefined, fixture.orm);
    recorder.onModuleInit();
    await startReplica('replica-a');
    await startReplica('replica-b');
    await expectEventually(async () => expect(leaders()).toHaveLength(1));
  }, 60_000);

  afterAll(async () => {
    for (const gateEntry of gates.values()) gateEntry.open();
    for (const replica of replicas) {
      await replica.microservice.close().catch(() => undefined);
      if (!replica.connection.isClosed()) await replica.connection.close();
    }
    await fixture?.close();
  });

  it('lets one replica lead the durable, which takes a burst in a few transactions, in stream order, each event once', async () => {
    const { config } = await fixture.jsm.consumers.info(EVENT_STREAM, DURABLE);
    expect(config.max_ack_pending).toBe(32);
    // Arriving while the first is handled: the leader takes them together once it is done.
    const burst = Array.from({ length: 30 }, () => cloudEvent('ok'));
    const { opener, open } = await holdBatch(burst);
    open();
    const all = [opener, ...burst];
    await expectEventually(async () => expect(await handled(all)).toHaveLength(all.length), { timeoutMs: 10_000 });
    const rows = await handled(all);
    expect(rows.map((row) => row.eventId)).toEqual(all.map((event) => event.id));
    expect(all.every((event) => runs.get(event.id) === 1)).toBe(true);
    expect(new Set(rows.slice(1).map((row) => row.txid)).size).toBeLessThanOrEqual(3);
    // Handled on the leader's own session: a replica that lost its lock cannot commit.
    const [leader] = leaders();
    expect(new Set(rows.map((row) => row.backend))).toEqual(new Set([leader]));
  });

  it('writes the outbox events its handlers record with the batch, none lost (they ride with the COMMIT MikroORM does not see), and wakes the relay', async () => {
    // A one-minute poll: only the batch's commit waking the relay in this process publishes them in time (ADR 0025).
    const relay = fixture.relay({ pollIntervalMs: 60_000 });
    await relay.start();
    await relay.drain();
    const recorded = Array.from({ length: 3 }, () => cloudEvent('ok'));
    for (const event of recorded) recording.add(event.id);
    const { open } = await holdBatch(recorded);
    open();
    await expectEventually(async () => expect(await handled(recorded)).toHaveLength(recorded.length), { timeoutMs: 10_000 });
    const rows = await outboxRows(recorded);
    expect(rows.map((row) => row.aggregateId)).toEqual(recorded.map((event) => event.data.thingId));
    await expectEventually(async () => expect((await outboxRows(recorded)).map((row) => row.published)).toEqual([true, true, true]), { timeoutMs: 5_000 });
    await relay.stop();
  });

  it('runs each handler as its own municipality when one batch holds two municipalities’ events, and writes the outbox events of both', async () => {
    // The batch's own statements run as its events' municipality when they share one, as system work otherwise.
    const mixed = [cloudEvent('ok'), cloudEvent('ok', { municipality: OTHER_MUNICIPALITY }), cloudEvent('ok'), cloudEvent('ok', { municipality: OTHER_MUNICIPALITY })];
    for (const event of mixed) recording.add(event.id);
    const { opener, open } = await holdBatch(mixed);
    open();
    await expectEventually(async () => expect(await handled(mixed)).toHaveLength(mixed.length), { timeoutMs: 10_000 });
    const rows = await handled([opener, ...mixed]);
    expect(rows.map((row) => row.tenant)).toEqual([opener, ...mixed].map((event) => event.municipality));
    // The mixed events are one batch (the opener's came before them).
    expect(new Set(rows.slice(1).map((row) => row.txid)).size).toBe(1);
    const outbox = await outboxRows(mixed);
    expect(outbox.map((row) => [row.aggregateId, row.municipality])).toEqual(mixed.map((event) => [event.data.thingId, event.municipality]));
  });

  it('dead-letters a permanent failure inside a batch alone; an unknown one comes back with the events after it, in order; those before it commit', async () => {
    const [before, refused, between, flaky, after] = Array.from({ length: 5 }, () => cloudEvent('ok'));
    failures.set(refused.data.thingId, { kind: 'permanent', times: Infinity });
    failures.set(flaky.data.thingId, { kind: 'unknown', times: 1 });
    const { opener, open } = await holdBatch([before, refused, between, flaky, after]);
    open();
    const committed = [opener, before, between, flaky, after];
    await expectEventually(async () => expect(await handled(committed)).toHaveLength(committed.length), { timeoutMs: 10_000 });
    const rows = await handled([...committed, refused]);
    expect(rows.map((row) => row.eventId)).toEqual(committed.map((event) => event.id));
    // Before and between commit in one transaction, the refused event's savepoint rolled back between them.
    expect(rows[1].txid).toBe(rows[2].txid);
    // The event after the flaky one waited for it: not run in the batch that failed, run once after it.
    expect(runs.get(flaky.id)).toBe(2);
    expect(runs.get(after.id)).toBe(1);
    await expectEventually(async () => {
      const letters = (await readStream(fixture.jsm, DEAD_LETTER_STREAM)).filter((letter) => new TextDecoder().decode(letter.data).includes(refused.id));
      expect(letters.map((letter) => letter.header.get(DEAD_LETTER_HEADERS.reason))).toEqual(['permanent']);
    });
    expect(runs.get(refused.id)).toBe(1);
  });

  it('dead-letters the event whose statement for the COMMIT was refused, not the batch: the others commit, each handled once in the end', async () => {
    const [before, refused, after] = Array.from({ length: 3 }, () => cloudEvent('ok'));
    refusedAtCommit.add(refused.data.thingId);
    const { opener, open } = await holdBatch([before, refused, after]);
    open();
    const committed = [opener, before, after];
    await expectEventually(async () => expect(await handled(committed)).toHaveLength(committed.length), { timeoutMs: 10_000 });
    const rows = await handled([...committed, refused]);
    expect(rows.map((row) => row.eventId)).toEqual(committed.map((event) => event.id));
    // The COMMIT failed once for all three; taken again statement by statement, the refused event alone failed.
    expect([before, refused, after].map((event) => runs.get(event.id))).toEqual([2, 2, 2]);
    expect(rows[1].txid).toBe(rows[2].txid);
    await expectEventually(async () => {
      const letters = (await readStream(fixture.jsm, DEAD_LETTER_STREAM)).filter((letter) => new TextDecoder().decode(letter.data).includes(refused.id));
      expect(letters.map((letter) => letter.header.get(DEAD_LETTER_HEADERS.reason))).toEqual(['permanent']);
    });
    // Nothing else went to the dead letters.
    const others = (await readStream(fixture.jsm, DEAD_LETTER_STREAM)).filter((letter) => [opener, before, after].some((event) => new TextDecoder().decode(letter.data).includes(event.id)));
    expect(others).toHaveLength(0);
  });

  it('passes the lead to the other replica when the leader’s session ends: the held events come back first, each handled once, in order', async () => {
    const [oldLeader] = leaders();
    const rest = Array.from({ length: 10 }, () => cloudEvent('ok'));
    const { opener, open } = await holdBatch(rest);
    // The database ends the leader's session (failover, an idle-session killer, an operator): its lock goes with it.
    await fixture.orm.em.fork().execute('select pg_terminate_backend(?)', [oldLeader]);
    await expectEventually(async () => expect(leaders().filter((pid) => pid !== oldLeader)).toHaveLength(1), { timeoutMs: 5_000 });
    const [newLeader] = leaders().filter((pid) => pid !== oldLeader);
    open();
    const all = [opener, ...rest];
    await expectEventually(async () => expect(await handled(all)).toHaveLength(all.length), { timeoutMs: 15_000 });
    const rows = await handled(all);
    expect(rows.map((row) => row.eventId)).toEqual(all.map((event) => event.id));
    expect(new Set(rows.map((row) => row.backend))).toEqual(new Set([newLeader]));
    // Nothing of the old leader's batch committed after its session ended.
    expect(rows.some((row) => row.backend === oldLeader)).toBe(false);
  });

  it('lets the other replica take what a leader held when that leader dies (no nak): after ack_wait, in order, each once', async () => {
    const dying = replicas.find((replica) => replica.server.leaderSession('things') !== undefined);
    if (!dying) throw new Error('no replica leads');
    const survivor = replicas.find((replica) => replica !== dying);
    const rest = Array.from({ length: 6 }, () => cloudEvent('ok'));
    const { opener, open } = await holdBatch(rest);
    // A crash: the broker sees the connection go (no nak, no more in-progress acks) and the database the session.
    const deadSession = dying.server.leaderSession('things');
    await dying.connection.close();
    await fixture.orm.em.fork().execute('select pg_terminate_backend(?)', [deadSession]);
    open();
    const all = [opener, ...rest];
    await expectEventually(async () => expect(await handled(all)).toHaveLength(all.length), { timeoutMs: ACK_WAIT_MS * 4 });
    const rows = await handled(all);
    expect(rows.map((row) => row.eventId)).toEqual(all.map((event) => event.id));
    expect(new Set(rows.map((row) => row.backend))).toEqual(new Set([survivor?.server.leaderSession('things')]));
  });
});
