import { assertCloudEvent, type CloudEvent } from '@tsunagu/contracts';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Client } from 'pg';
import { applicationGrantsSql, rowLevelSecuritySql, SYSTEM_SESSION_OPTIONS } from '@tsunagu/platform-persistence';
import { applyEvent, PROJECTED_EVENTS, type SqlRunner } from './projector';
import { consultationTallyTriggerDdl, LIVE_SCHEMA, PROJECTION_TABLES, projectionDdl, SHADOW_SCHEMA } from './projection-schema';
import { PROJECTION_LOCK_KEY } from './project-event.usecase';

const decoder = new TextDecoder();
const contracts = new Map(PROJECTED_EVENTS.map((contract) => [contract.subject, contract]));

/** `?` placeholders (the MikroORM/knex style the projector uses) to `$n` for node-postgres. */
export function pgRunner(client: Client): SqlRunner {
  const run = async (sql: string, params: readonly unknown[]): Promise<number> => {
    let index = 0;
    const text = sql.replace(/\?/g, () => `$${++index}`);
    const result = await client.query(text, [...params]);
    return result.rowCount ?? 0;
  };
  // The rebuild's own connection has no COMMIT hook: everything is sent as it comes.
  return Object.assign(run, { atCommit: async (sql: string, params: readonly unknown[]) => void (await run(sql, params)), ridesWithCommit: async () => false });
}

export interface RebuildResult {
  /** Events read from the stream (projected subjects only). */
  read: number;
  /** Events applied (after de-duplication by event id). */
  applied: number;
  /** Events failing their contract: skipped, as the live consumer dead-letters them. */
  invalid: number;
  lastSequence: number;
}

/** Reads the stream from `fromSequence` to `toSequence` (inclusive) in order, handing each projected event to `apply`. */
async function replay(
  connection: NatsConnection,
  stream: string,
  fromSequence: number,
  toSequence: number,
  apply: (subject: string, event: CloudEvent) => Promise<void>,
  counts: { read: number; invalid: number },
): Promise<void> {
  if (toSequence < fromSequence) return;
  const consumer = await jetstream(connection).consumers.get(stream, {
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: fromSequence,
  });
  // Ordered consumer: messages arrive in stream order; stop at `toSequence`, or at the end of the stream
  // (a fetch that comes back empty: sequences can be missing after a purge or a deleted message).
  for (let done = false; !done; ) {
    const batch = await consumer.fetch({ max_messages: 500, expires: 1000 });
    let received = 0;
    for await (const message of batch) {
      received += 1;
      if (message.seq > toSequence) {
        done = true;
        break;
      }
      if (message.seq >= toSequence) done = true;
      // Whole stream, filtered here: multi-subject consumer filters need NATS 2.10 and we support 2.9.
      const contract = contracts.get(message.subject);
      if (!contract) continue;
      counts.read += 1;
      try {
        const raw: unknown = JSON.parse(decoder.decode(message.data));
        assertCloudEvent(contract, raw);
      } catch {
        counts.invalid += 1;
        continue;
      }
      await apply(message.subject, JSON.parse(decoder.decode(message.data)) as CloudEvent);
    }
    if (received === 0) done = true;
  }
  await consumer.delete().catch(() => undefined);
}

/**
 * `main.js rebuild`: replays the event stream into fresh projection tables in a shadow schema, then swaps
 * them in. The swap holds the projection lock exclusively (live handlers hold it shared), first replays the
 * events that arrived during the rebuild, then moves the tables — so no event is lost and none counted twice
 * (each set de-duplicates by event id). Reports keep answering from the old tables until the swap commits.
 */
export async function rebuildProjections(options: {
  /** The owner role's URL: the rebuild creates, drops and moves tables. */
  databaseUrl: string;
  /** The service's role, granted the swapped-in tables like `migrate` grants them. */
  applicationRole?: string;
  connection: NatsConnection;
  stream: string;
  log?: (line: string) => void;
}): Promise<RebuildResult> {
  const log = options.log ?? (() => undefined);
  // System work: it projects every municipality's events into tables under row-level security (ADR 0012).
  const client = new Client({ connectionString: options.databaseUrl, options: SYSTEM_SESSION_OPTIONS });
  await client.connect();
  const run = pgRunner(client);
  const counts = { read: 0, invalid: 0, applied: 0 };
  const apply = async (subject: string, event: CloudEvent) => {
    if (await applyEvent(run, SHADOW_SCHEMA, subject, event)) counts.applied += 1;
  };
  try {
    await client.query(`drop schema if exists "${SHADOW_SCHEMA}" cascade`);
    await client.query(`create schema "${SHADOW_SCHEMA}"`);
    for (const statement of projectionDdl(SHADOW_SCHEMA)) await client.query(statement);
    // The swapped-in tables carry the same policies as the migrated ones.
    for (const statement of rowLevelSecuritySql(SHADOW_SCHEMA)) await client.query(statement);

    const jsm = await jetstreamManager(options.connection);
    const firstEnd = (await jsm.streams.info(options.stream)).state.last_seq;
    log(`replaying ${options.stream} up to sequence ${firstEnd}`);
    // Batches of events per transaction: far faster than one commit per event, and a crash leaves only the shadow.
    await client.query('begin');
    await replay(options.connection, options.stream, 1, firstEnd, async (subject, event) => {
      await apply(subject, event);
      if (counts.read % 1000 === 0) {
        await client.query('commit');
        await client.query('begin');
      }
    }, counts);
    await client.query('commit');

    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [PROJECTION_LOCK_KEY]);
    const finalEnd = (await jsm.streams.info(options.stream)).state.last_seq;
    await replay(options.connection, options.stream, firstEnd + 1, finalEnd, apply, counts);
    for (const table of [...PROJECTION_TABLES].reverse()) await client.query(`drop table if exists "${LIVE_SCHEMA}"."${table}"`);
    for (const table of PROJECTION_TABLES) await client.query(`alter table "${SHADOW_SCHEMA}"."${table}" set schema "${LIVE_SCHEMA}"`);
    // The moved consultation table's tally triggers call the shadow's function (dropped below): point them at the live one.
    for (const statement of consultationTallyTriggerDdl(LIVE_SCHEMA)) await client.query(statement);
    if (options.applicationRole) for (const statement of applicationGrantsSql(LIVE_SCHEMA, options.applicationRole)) await client.query(statement);
    await client.query('commit');
    await client.query(`drop schema if exists "${SHADOW_SCHEMA}" cascade`);
    log(`rebuilt projections: ${counts.read} events read, ${counts.applied} applied, ${counts.invalid} invalid (skipped)`);
    return { read: counts.read, applied: counts.applied, invalid: counts.invalid, lastSequence: finalEnd };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
