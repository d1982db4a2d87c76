import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { defineEvent, type CloudEvent, type EventContract } from '@tsunagu/contracts';
import { ormOptions } from '@tsunagu/platform-persistence';
import { createTestDatabase, startTestNats, type TestDatabase, type TestNats } from '@tsunagu/platform-testing';
import { jetstreamManager, type JetStreamManager, type StoredMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { register } from 'prom-client';
import { v7 as uuidv7 } from 'uuid';
import {
  connectNats,
  ContractRegistry,
  ensureEventStreams,
  JetStreamServer,
  messagingEntities,
  messagingMigrationSql,
  OutboxRelay,
  type EventStreamSettings,
  type JetStreamServerOptions,
  type OutboxRelaySettings,
} from '../src';

export const SCHEMA = 'things';
export const MUNICIPALITY = '372013';
/** One replica of each stream, and a duplicate window longer than any relay retry here. */
const STREAMS: EventStreamSettings = { replicas: 1, duplicateWindowMs: 60_000 };

export interface ThingHappenedData {
  thingId: string;
  /** Test-only switch for the handler's behaviour. */
  behaviour: 'ok' | 'fail-always' | 'fail-twice' | 'violate-constraint' | 'out-of-range' | 'refuse-invalid' | 'lose-connection-once' | 'slow';
}

export const ThingHappened = defineEvent<ThingHappenedData>({
  service: 'things',
  aggregate: 'thing',
  event: 'happened',
  summary: 'Test event.',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['thingId', 'behaviour'],
    properties: { thingId: { type: 'string', format: 'uuid' }, behaviour: { enum: ['ok', 'fail-always', 'fail-twice', 'violate-constraint', 'out-of-range', 'refuse-invalid', 'lose-connection-once', 'slow'] } },
  },
});

/** The producer's state change that travels with each event. */
@Entity({ tableName: 'thing' })
export class Thing {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'string', length: 6 })
  municipality: string = MUNICIPALITY;
}

/** The consumer's side effect: one row per processed event. */
@Entity({ tableName: 'thing_seen' })
export class ThingSeen {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'string', length: 6, nullable: true })
  municipality?: string | null;
}

export interface MessagingFixture {
  orm: MikroORM;
  database: TestDatabase;
  nats: TestNats;
  connection: NatsConnection;
  jsm: JetStreamManager;
  relay(overrides?: Partial<OutboxRelaySettings>): OutboxRelay;
  /**
   * A consumer as the specs run it, on the fixture's connection unless given another: three deliveries, retries after
   * 150 and 400 ms, no inbox purge of its own. The caller runs it as a microservice's strategy and closes that.
   */
  jetStreamServer(settings: { service: string; events: readonly EventContract[]; ackWaitMs: number } & Partial<JetStreamServerOptions>): JetStreamServer;
  close(): Promise<void>;
}

/** Own database (schema `things` with the messaging tables and trigger) and own NATS with the event streams. */
export async function startMessagingFixture(): Promise<MessagingFixture> {
  const [database, nats] = await Promise.all([createTestDatabase('messaging'), startTestNats()]);
  const orm = await MikroORM.init(ormOptions({ service: SCHEMA, entities: [...messagingEntities, Thing, ThingSeen], migrations: [] }, { databaseUrl: database.url, poolMax: 5 }));
  const em = orm.em.fork();
  await em.execute(`create schema if not exists "${SCHEMA}"`);
  await orm.schema.createSchema({ schema: SCHEMA });
  for (const sql of messagingMigrationSql(SCHEMA)) await em.execute(sql);
  const connection = await connectNats(nats.url, 'messaging-test');
  const jsm = await jetstreamManager(connection);
  await ensureEventStreams(jsm, STREAMS);
  const relays: OutboxRelay[] = [];
  return {
    orm,
    database,
    nats,
    connection,
    jsm,
    relay: (overrides = {}) => {
      const relay = new OutboxRelay({
        schema: SCHEMA,
        databaseUrl: database.url,
        connection,
        pollIntervalMs: 200,
        batchSize: 50,
        claimTtlMs: 5_000,
        retryBaseMs: 100,
        retryMaxMs: 400,
        retentionMs: 3_600_000,
        publishTimeoutMs: 1_000,
        ...overrides,
      });
      relays.push(relay);
      return relay;
    },
    jetStreamServer: ({ events, ...overrides }) =>
      new JetStreamServer({
        connection,
        orm,
        contracts: new ContractRegistry({ events }),
        streams: STREAMS,
        maxDeliveries: 3,
        retryDelaysMs: [150, 400],
        inboxPurgeIntervalMs: 0,
        ...overrides,
      }),
    close: async () => {
      for (const relay of relays) await relay.stop();
      await connection.close();
      await orm.close(true);
      await Promise.all([nats.destroy(), database.drop()]);
    },
  };
}

/** Every message currently in a stream, in order. */
export async function readStream(jsm: JetStreamManager, stream: string): Promise<StoredMsg[]> {
  const { state } = await jsm.streams.info(stream);
  const messages: StoredMsg[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq += 1) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (!message) throw new Error(`${stream}: no message at sequence ${seq}`);
    messages.push(message);
  }
  return messages;
}

/** A ThingHappened event of a new thing, as the relay would publish it, its handler told to behave as `behaviour`. */
export function cloudEvent(behaviour: ThingHappenedData['behaviour'], overrides: Partial<CloudEvent> = {}): CloudEvent<ThingHappenedData> {
  const thingId = uuidv7();
  return {
    specversion: '1.0',
    id: uuidv7(),
    source: ThingHappened.source,
    type: ThingHappened.type,
    subject: thingId,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    municipality: MUNICIPALITY,
    data: { thingId, behaviour },
    ...overrides,
  } as CloudEvent<ThingHappenedData>;
}

export function cloudEventOf(message: StoredMsg): CloudEvent<ThingHappenedData> {
  return message.json<CloudEvent<ThingHappenedData>>();
}

/** How many of `consumer`'s messages a counter of this process has counted (`tsunagu_messages_*_total`), by its labels. */
export async function consumerCount(metricName: 'tsunagu_messages_dead_lettered_total' | 'tsunagu_messages_processed_total', consumer: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await register.getSingleMetric(metricName)?.get();
  return (metric?.values ?? [])
    .filter((value) => value.labels['consumer'] === consumer && Object.entries(labels).every(([name, wanted]) => value.labels[name] === wanted))
    .reduce((sum, value) => sum + value.value, 0);
}
