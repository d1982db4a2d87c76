import { Client, Pool } from 'pg';
import { defineEvent, MESSAGE_HEADERS } from '@tsunagu/contracts';
import { TenantContext, TenantContextMissingError } from '@tsunagu/platform-context';
import { expectEventually } from '@tsunagu/platform-testing';
import { PersonPseudonyms, PSEUDONYM_PATTERN } from '@tsunagu/util-pseudonym';
import { v7 as uuidv7 } from 'uuid';
import { claimStatement, EVENT_STREAM, EventRecorder, OUTBOX_SESSION_OPTIONS, OutboxEvent, OutboxStore } from '../src';
import { cloudEventOf, MUNICIPALITY, readStream, SCHEMA, startMessagingFixture, Thing, ThingHappened, type MessagingFixture } from './messaging-fixture';

/** An event about a person that reporting counts 実人数 from: it declares the pseudonym the recorder stamps. */
const PersonSeen = defineEvent<{ personId: string; personPseudonym?: string | null }>({
  service: 'things',
  aggregate: 'person',
  event: 'seen',
  summary: 'Test event carrying a person.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['personId'],
    properties: { personId: { type: 'string', format: 'uuid' }, personPseudonym: { type: ['string', 'null'], pattern: PSEUDONYM_PATTERN } },
  },
});

describe('transactional outbox and relay', () => {
  let fixture: MessagingFixture;
  let outbox: EventRecorder;
  /** As a service records: inside the TenantContext of the work, whose municipality the event belongs to. */
  const asMunicipality = <T>(work: () => T): T => TenantContext.run({ requestId: 'outbox-test', municipality: MUNICIPALITY }, work);

  beforeAll(async () => {
    fixture = await startMessagingFixture();
    // As MessagingModule sets it up: events ride with the COMMIT, and committed ones wake the relay (ADR 0025).
    outbox = new EventRecorder(undefined, fixture.orm);
    outbox.onModuleInit();
  });

  afterAll(async () => {
    await fixture.close();
  });

  /** A state change and its event, committed together (or not at all when `fail` is set). */
  async function writeThing(fail = false): Promise<string> {
    const em = fixture.orm.em.fork();
    const thing = new Thing();
    let eventId = '';
    await em
      .transactional(async (tx) => {
        tx.persist(thing);
        eventId = asMunicipality(() => outbox.record(tx, ThingHappened, thing.id, { thingId: thing.id, behaviour: 'ok' })).id;
        if (fail) throw new Error('business rule failed after recording');
      })
      .catch((error: Error) => {
        if (!fail) throw error;
      });
    return eventId;
  }

  /** `count` outbox rows written straight in SQL (`behaviour` marks them), as many as a test needs to fill pages. */
  async function insertOutboxRows(executor: Pick<Client, 'query'>, count: number, behaviour: string): Promise<void> {
    await executor.query(
      `insert into "${SCHEMA}".outbox_event (id, type, source, subject, aggregate_id, municipality, data, created_at)
       select gen_random_uuid(), 'org.tsunagu.things.thing.happened.v1', 'tsunagu/things', 'tsunagu.evt.things.thing.happened', gen_random_uuid()::text, $1,
              jsonb_build_object('thingId', gen_random_uuid(), 'behaviour', $2::text), now()
         from generate_series(1, $3::int)`,
      [MUNICIPALITY, behaviour, count],
    );
  }

  async function outboxRows(): Promise<OutboxEvent[]> {
    return fixture.orm.em.fork().find(OutboxEvent, {}, { orderBy: { id: 'asc' } });
  }

  async function publishedIds(): Promise<string[]> {
    return (await readStream(fixture.jsm, EVENT_STREAM)).map((message) => cloudEventOf(message).id);
  }

  it('publishes an event right after its commit, woken in its process, and never one whose transaction rolled back', async () => {
    // A one-minute poll: only the wake after the commit can make the relay publish within the test.
    const relay = fixture.relay({ pollIntervalMs: 60_000 });
    await relay.start();
    // The round start() begins is over before the writes: only a wake can publish them.
    await relay.drain();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const rolledBack = await writeThing(true);
    const committed = await writeThing();

    await expectEventually(async () => expect(await publishedIds()).toEqual([committed]), { timeoutMs: 5_000 });
    const [message] = await readStream(fixture.jsm, EVENT_STREAM);
    expect(message.subject).toBe(ThingHappened.subject);
    expect(message.header.get(MESSAGE_HEADERS.messageId)).toBe(committed);
    expect(message.header.get(MESSAGE_HEADERS.eventType)).toBe(ThingHappened.type);
    expect(message.header.get(MESSAGE_HEADERS.municipality)).toBe(MUNICIPALITY);
    expect(cloudEventOf(message)).toMatchObject({ specversion: '1.0', type: ThingHappened.type, source: '/tsunagu/things', municipality: MUNICIPALITY });

    expect((await outboxRows()).map((row) => row.id)).toEqual([committed]);
    expect((await outboxRows())[0].publishedAt).toBeInstanceOf(Date);
    expect(rolledBack).not.toBe('');
    await relay.drain();
    expect(await publishedIds()).toEqual([committed]);
    await relay.stop();
  });

  it('is woken by events its unit of work flushed too, in a transaction or on their own, and finds other processes’ rows on its poll', async () => {
    const relay = fixture.relay({ pollIntervalMs: 60_000 });
    await relay.start();
    await relay.drain();
    const before = (await publishedIds()).length;
    // Flushed inside a transaction (a savepoint's: they commit with its root), then by a flush of their own.
    const inTransaction = await fixture.orm.em.fork().transactional(async (em) =>
      em.transactional(async (nested) => {
        const row = asMunicipality(() => outbox.record(nested, ThingHappened, uuidv7(), { thingId: uuidv7(), behaviour: 'ok' }));
        await nested.flush();
        return row.id;
      }),
    );
    await expectEventually(async () => expect((await publishedIds()).slice(before)).toEqual([inTransaction]), { timeoutMs: 5_000 });
    const em = fixture.orm.em.fork();
    const flushed = asMunicipality(() => outbox.record(em, ThingHappened, uuidv7(), { thingId: uuidv7(), behaviour: 'ok' })).id;
    await em.flush();
    await expectEventually(async () => expect((await publishedIds()).slice(before)).toEqual([inTransaction, flushed]), { timeoutMs: 5_000 });
    await relay.stop();

    // Another process's row wakes nobody here: the poll finds it.
    const polling = fixture.relay({ pollIntervalMs: 300 });
    await polling.start();
    await polling.drain();
    const elsewhere = uuidv7();
    await fixture.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into "${SCHEMA}".outbox_event (id, type, source, subject, aggregate_id, municipality, data, created_at, attempts) values (?, ?, ?, ?, ?, ?, ?::jsonb, now(), 0)`,
        [elsewhere, ThingHappened.type, ThingHappened.source, ThingHappened.subject, uuidv7(), MUNICIPALITY, JSON.stringify({ thingId: uuidv7(), behaviour: 'ok' })],
      );
    await expectEventually(async () => expect((await publishedIds()).slice(before)).toEqual([inTransaction, flushed, elsewhere]), { timeoutMs: 5_000 });
    await polling.stop();
  });

  it('takes the municipality from the tenant context and refuses data that breaks the contract', async () => {
    const em = fixture.orm.em.fork();
    const row = TenantContext.run({ requestId: 'r1', municipality: '131016' }, () =>
      outbox.record(em, ThingHappened, 'a1', { thingId: uuidv7(), behaviour: 'ok' }),
    );
    expect(row.municipality).toBe('131016');
    expect(() => asMunicipality(() => outbox.record(em, ThingHappened, 'a1', { thingId: 'not-a-uuid', behaviour: 'ok' }))).toThrow(/does not match/);
    // Outside a tenant context there is no municipality to record the event for.
    expect(() => outbox.record(em, ThingHappened, 'a1', { thingId: uuidv7(), behaviour: 'ok' })).toThrow(TenantContextMissingError);
    em.clear();
  });

  it('records without flushing: the row is written by the caller’s flush, with the state change', async () => {
    const em = fixture.orm.em.fork();
    const thing = new Thing();
    em.persist(thing);
    const row = asMunicipality(() => outbox.record(em, ThingHappened, thing.id, { thingId: thing.id, behaviour: 'ok' }));
    expect(await fixture.orm.em.fork().count(OutboxEvent, { id: row.id })).toBe(0);
    await em.flush();
    expect(await fixture.orm.em.fork().count(OutboxEvent, { id: row.id })).toBe(1);
    // Not for the relay tests below, which count what is published.
    await fixture.orm.em.fork().nativeDelete(OutboxEvent, { id: row.id });
  });

  it('stamps the pseudonymous person key on events that declare it, and refuses them without the key', () => {
    const em = fixture.orm.em.fork();
    const personId = uuidv7();
    const withKey = new EventRecorder(PersonPseudonyms.fromKey(undefined, 'test'));
    const row = asMunicipality(() => withKey.record(em, PersonSeen, personId, { personId, personPseudonym: 'hand-made' }));
    expect(row.data).toEqual({ personId, personPseudonym: PersonPseudonyms.fromKey(undefined, 'test').of(MUNICIPALITY, personId) });
    // Without PersonPseudonyms (MessagingModule.forService without `pseudonyms`) such an event cannot be recorded at all.
    expect(() => asMunicipality(() => outbox.record(em, PersonSeen, personId, { personId }))).toThrow(/personPseudonym/);
    // Events that do not declare it pass as they are.
    expect(asMunicipality(() => withKey.record(em, ThingHappened, 'a1', { thingId: personId, behaviour: 'ok' })).data).toEqual({ thingId: personId, behaviour: 'ok' });
    em.clear();
  });

  it('publishes rows a crashed relay had claimed once their claim expires', async () => {
    const before = (await publishedIds()).length;
    const ids = [await writeThing(), await writeThing()];
    // The "crashed" replica: claims the rows, then never publishes nor releases them.
    const pool = new Pool({ connectionString: fixture.database.url, max: 1 });
    const claimed = await new OutboxStore(pool, SCHEMA).claim(10, 1_500);
    await pool.end();
    expect(claimed.map((row) => row.id)).toEqual(ids);

    const relay = fixture.relay();
    await relay.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await publishedIds()).toHaveLength(before);

    await expectEventually(async () => expect((await publishedIds()).slice(before)).toEqual(ids), { timeoutMs: 5_000 });
    await relay.stop();
  });

  it('renews the claims of a live relay: a batch slower than the lease is never taken by another replica', async () => {
    const before = (await publishedIds()).length;
    const ids = [await writeThing(), await writeThing(), await writeThing()];
    // A lease of 600 ms and a broker that takes 1,300 ms per PubAck: the batch (published pipelined, its PubAcks awaited
    // together) outlives its lease twice over.
    const relay = fixture.relay({ claimTtlMs: 600, pollIntervalMs: 60_000 });
    const slowPublish = (relay as unknown as { publish: (event: unknown) => Promise<void> }).publish.bind(relay);
    let publishing: () => void = () => undefined;
    const batchClaimed = new Promise<void>((resolve) => (publishing = resolve));
    (relay as unknown as { publish: (event: unknown) => Promise<void> }).publish = async (event) => {
      publishing();
      await new Promise((resolve) => setTimeout(resolve, 1300));
      await slowPublish(event);
    };
    const pool = new Pool({ connectionString: fixture.database.url, max: 1 });
    const other = new OutboxStore(pool, SCHEMA);
    const taken: string[] = [];
    await relay.start();
    // Another replica tries from the moment the relay holds the batch until everything is published.
    await batchClaimed;
    const started = Date.now();
    while ((await publishedIds()).length < before + ids.length && Date.now() - started < 10_000) {
      const claimed = await other.claim(10, 60_000);
      taken.push(...claimed.map((row) => row.id));
      await other.release(claimed.map((row) => row.id));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await pool.end();
    await relay.stop();
    expect(Date.now() - started).toBeGreaterThan(1200);
    expect(taken).toEqual([]);
    expect((await publishedIds()).slice(before)).toEqual(ids);
  });

  it('publishes a batch pipelined: a failure in its middle counts one attempt, the acknowledged rows stay published, and every event reaches the stream once', async () => {
    const before = (await publishedIds()).length;
    const ids = [await writeThing(), await writeThing(), await writeThing(), await writeThing()];
    const relay = fixture.relay({ pollIntervalMs: 100, retryBaseMs: 200 });
    const realPublish = (relay as unknown as { publish: (event: { id: string }) => Promise<void> }).publish.bind(relay);
    let failures = 0;
    let inFlight = 0;
    let mostInFlight = 0;
    (relay as unknown as { publish: (event: { id: string }) => Promise<void> }).publish = async (event) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        // The second event's first PubAck never comes.
        if (event.id === ids[1] && failures++ === 0) throw new Error('TimeoutError');
        await new Promise((resolve) => setTimeout(resolve, 50));
        await realPublish(event);
      } finally {
        inFlight -= 1;
      }
    };
    await relay.start();
    await expectEventually(
      async () => {
        const rows = (await outboxRows()).filter((row) => ids.includes(row.id));
        expect(rows.map((row) => [row.id, row.publishedAt instanceof Date])).toEqual(ids.map((id) => [id, true]));
      },
      { timeoutMs: 8_000 },
    );
    await relay.stop();
    const rows = new Map((await outboxRows()).map((row) => [row.id, row]));
    expect(ids.map((id) => rows.get(id)?.attempts)).toEqual([0, 1, 0, 0]);
    expect(rows.get(ids[1])?.lastError).toBeNull();
    expect(mostInFlight).toBeGreaterThan(1);
    const published = (await publishedIds()).slice(before);
    expect([...published].sort()).toEqual([...ids].sort());
    // The failed event comes after those acknowledged in its batch (publication order is best effort, ADR 0016).
    expect(published).toEqual([ids[0], ids[2], ids[3], ids[1]]);
  });

  it('publishes everything written while NATS was down once it is back, each event once', async () => {
    const before = await publishedIds();
    const relay = fixture.relay();
    await relay.start();
    await fixture.nats.stop();
    const written: string[] = [];
    for (let i = 0; i < 5; i += 1) written.push(await writeThing());

    await expectEventually(
      async () => {
        const rows = (await outboxRows()).filter((row) => written.includes(row.id));
        expect(rows.some((row) => row.attempts > 0 && row.lastError)).toBe(true);
        expect(rows.every((row) => row.publishedAt === null || row.publishedAt === undefined)).toBe(true);
      },
      { timeoutMs: 5_000 },
    );

    await fixture.nats.restart();
    await expectEventually(
      async () => {
        const rows = (await outboxRows()).filter((row) => written.includes(row.id));
        expect(rows.every((row) => row.publishedAt instanceof Date)).toBe(true);
      },
      { timeoutMs: 8_000 },
    );
    const after = await publishedIds();
    expect(after.slice(0, before.length)).toEqual(before);
    expect([...after.slice(before.length)].sort()).toEqual([...written].sort());
    await relay.stop();
  });

  it('leases rows on their own page: claiming a batch adds no index entries (HOT updates)', async () => {
    // Enough rows to fill pages; inside one transaction, rolled back, so no other test sees them.
    const client = new Client({ connectionString: fixture.database.url });
    await client.connect();
    try {
      await client.query('begin');
      await insertOutboxRows(client, 200, 'ok');
      const claimed = await new OutboxStore(client as unknown as Pool, SCHEMA).claim(200, 60_000);
      const { rows } = await client.query(
        `select pg_stat_get_xact_tuples_updated(c.oid)::int as updated, pg_stat_get_xact_tuples_hot_updated(c.oid)::int as hot
           from pg_class c where c.oid = '"${SCHEMA}".outbox_event'::regclass`,
      );
      expect(claimed.length).toBeGreaterThanOrEqual(200);
      expect(rows[0]).toEqual({ updated: claimed.length, hot: claimed.length });
    } finally {
      await client.query('rollback');
      await client.end();
    }
  });

  it('claims a batch from a backlog in the due index\'s order: it reads a batch\'s pages, not the backlog\'s', async () => {
    // A backlog as after a NATS outage: every row due. Sorting them all for each batch made draining it quadratic.
    const pool = new Pool({ connectionString: fixture.database.url, max: 1, options: OUTBOX_SESSION_OPTIONS });
    try {
      await insertOutboxRows(pool, 5000, 'backlog');
      const client = await pool.connect();
      let plan: { Plan: Record<string, number> };
      try {
        await client.query('begin');
        const { rows } = await client.query(`explain (analyze, buffers, format json) ${claimStatement(`"${SCHEMA}".outbox_event`)}`, [10, 60_000]);
        plan = rows[0]['QUERY PLAN'][0];
      } finally {
        await client.query('rollback');
        client.release();
      }
      const text = JSON.stringify(plan);
      expect(text).not.toMatch(/Bitmap|"Sort"/);
      expect(text).toContain('outbox_event_due_idx');
      // Sorting the backlog visits every row (5,089 pages here); in index order, the batch and the entries before it.
      expect(plan.Plan['Shared Hit Blocks'] + (plan.Plan['Shared Read Blocks'] ?? 0)).toBeLessThan(1000);
    } finally {
      // Never published to the stream: gone before the other tests look at the outbox.
      await pool.query(`delete from "${SCHEMA}".outbox_event where data->>'behaviour' = 'backlog'`);
      await pool.end();
    }
  });

  it('deletes published rows past the retention window and keeps unpublished ones', async () => {
    const pending = await writeThing();
    const pool = new Pool({ connectionString: fixture.database.url, max: 1 });
    const store = new OutboxStore(pool, SCHEMA);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const purged = await store.purgePublished(10);
    await pool.end();
    expect(purged).toBeGreaterThan(0);
    expect((await outboxRows()).map((row) => row.id)).toEqual([pending]);
  });
});
