import type { Pool } from 'pg';
import { SYSTEM_SESSION_OPTIONS } from '@tsunagu/platform-persistence';
import type { OutboxEvent } from './outbox-event.entity';

export type ClaimedEvent = Pick<
  OutboxEvent,
  'id' | 'type' | 'source' | 'subject' | 'aggregateId' | 'municipality' | 'data' | 'traceparent' | 'tracestate' | 'createdAt' | 'attempts'
>;

interface ClaimedRow {
  id: string;
  type: string;
  source: string;
  subject: string;
  aggregate_id: string;
  municipality: string;
  data: unknown;
  traceparent: string | null;
  tracestate: string | null;
  created_at: Date;
  attempts: number;
}

/**
 * Session options of the relay's connections: system work (row-level security passed, ADR 0012), and no bitmap scans.
 * A published row leaves an entry for its old version in the due index until vacuum; a bitmap scan (what the planner
 * picks while it believes few rows are due) visits the heap for every one of them on every claim — 5.7 ms a claim
 * after some thousands of writes — where an index scan in the index's order marks them dead the first time and stops
 * at the batch's size (docs/performance.md).
 */
export const OUTBOX_SESSION_OPTIONS = `${SYSTEM_SESSION_OPTIONS} -c enable_bitmapscan=off`;

/** The claim: due rows in the due index's order (next_attempt_at, id), leased; $1 the batch size, $2 the lease in ms. */
export function claimStatement(table: string): string {
  return `with due as (
         select id from ${table}
          where published_at is null and next_attempt_at <= now() and (claimed_until is null or claimed_until < now())
          order by next_attempt_at, id
          limit $1
          for update skip locked)
       update ${table} o set claimed_until = now() + $2 * interval '1 millisecond'
         from due where o.id = due.id
       returning o.id, o.type, o.source, o.subject, o.aggregate_id, o.municipality, o.data, o.traceparent, o.tracestate, o.created_at, o.attempts`;
}

/**
 * The relay's SQL on one service's outbox_event. Rows are claimed with a lease (claimed_until) taken under
 * FOR UPDATE SKIP LOCKED: replicas never wait for each other, and no lock is held while publishing, so a
 * replica that dies mid-batch only delays its rows until the lease expires; a live one renews it while it publishes.
 */
export class OutboxStore {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    this.table = `"${schema}".outbox_event`;
  }

  async claim(limit: number, leaseMs: number): Promise<ClaimedEvent[]> {
    const { rows } = await this.pool.query<ClaimedRow>(claimStatement(this.table), [limit, leaseMs]);
    // UUIDv7 ids sort by creation time: publish in commit order as far as one batch can tell.
    return rows
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((row) => ({
        id: row.id,
        type: row.type,
        source: row.source,
        subject: row.subject,
        aggregateId: row.aggregate_id,
        municipality: row.municipality,
        data: row.data,
        traceparent: row.traceparent,
        tracestate: row.tracestate,
        createdAt: row.created_at,
        attempts: row.attempts,
      }));
  }

  /**
   * Extends the lease on rows this relay still holds (claimed, not yet published, failed or released: those have
   * claimed_until cleared, so a late renewal never claims them again).
   */
  async renew(ids: string[], leaseMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(
      `update ${this.table} set claimed_until = now() + $2 * interval '1 millisecond'
        where id = any($1::uuid[]) and published_at is null and claimed_until is not null`,
      [ids, leaseMs],
    );
  }

  async markPublished(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(`update ${this.table} set published_at = now(), claimed_until = null, last_error = null where id = any($1::uuid[])`, [ids]);
  }

  /** Records a failed attempt; the row becomes due again after `retryInMs`. Rows are never given up on. */
  async markFailed(id: string, error: string, retryInMs: number): Promise<void> {
    await this.pool.query(
      `update ${this.table}
          set attempts = attempts + 1, last_error = $2, claimed_until = null, next_attempt_at = now() + $3 * interval '1 millisecond'
        where id = $1`,
      [id, error.slice(0, 2000), retryInMs],
    );
  }

  /** Gives claimed rows back without counting an attempt (the batch stopped before reaching them). */
  async release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(`update ${this.table} set claimed_until = null where id = any($1::uuid[])`, [ids]);
  }

  /** Deletes published rows older than the retention window; returns how many. */
  async purgePublished(retentionMs: number): Promise<number> {
    const result = await this.pool.query(`delete from ${this.table} where published_at < now() - $1 * interval '1 millisecond'`, [retentionMs]);
    return result.rowCount ?? 0;
  }

  /** Seconds since the oldest unpublished event was written (0 when everything is published). */
  async lagSeconds(): Promise<number> {
    const { rows } = await this.pool.query<{ lag: string | null }>(
      `select extract(epoch from now() - min(created_at)) as lag from ${this.table} where published_at is null`,
    );
    return Math.max(0, Number(rows[0]?.lag ?? 0));
  }
}
