import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlConnection, Knex } from '@mikro-orm/postgresql';
import { TenantContext } from '@tsunagu/platform-context';
import { createHmac, createHash, timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { auditHash, GENESIS_HASH, type AuditEntry, type AuditRecord, type HashedFields } from './audit-record';
import { assertSchemaName, auditLockKey } from './audit-migration';

export const AUDIT_OPTIONS = Symbol('AUDIT_OPTIONS');

export interface AuditOptions {
  /** Service name = PostgreSQL schema holding `audit_record`. */
  schema: string;
  /** HMAC key for checkpoints (AUDIT_CHECKPOINT_KEY); checkpoints are refused without it. */
  checkpointKey?: string;
}

export interface AuditRecordFilter {
  /** Only records of this municipality (and anonymous ones, which carry none). */
  municipality: string;
  actor?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
}

export interface AuditPageRequest {
  limit: number;
  offset: number;
  /** Column order: seq or occurredAt, ascending or descending. */
  orderBy: Record<string, 'asc' | 'desc'>;
}

export interface AuditCheckpoint {
  seq: number;
  headHash: string;
  createdAt: string;
  keyId: string;
  signature: string;
}

export interface ChainVerification {
  valid: boolean;
  /** Records whose link and hash were recomputed. */
  checked: number;
  headSeq: number | null;
  headHash: string | null;
  firstInvalidSeq?: number;
  reason?: string;
  /** The checkpoint the chain was compared with (tail truncation is detectable up to it). */
  checkpoint?: { seq: number; headHash: string; source: 'stored' | 'supplied' };
}

export class AuditCheckpointUnavailableError extends Error {}

const COLUMNS = `seq::text as seq, id::text as id,
  to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at,
  actor, roles, agency, municipality, client, action, resource_type, resource_id, outcome,
  http_status::int as http_status, request_id, trace_id, prev_hash, hash`;

type Row = Record<string, unknown>;

/** Largest number of records linked and inserted in one transaction. */
const MAX_BATCH = 200;

interface PendingAppend {
  base: Omit<HashedFields, 'seq'>;
  resolve(record: AuditRecord): void;
  reject(error: unknown): void;
}

function fromRow(row: Row): AuditRecord {
  return {
    seq: Number(row['seq']),
    id: String(row['id']),
    occurredAt: String(row['occurred_at']),
    actor: (row['actor'] as string | null) ?? null,
    roles: (row['roles'] as string[] | null) ?? [],
    agency: (row['agency'] as string | null) ?? null,
    municipality: (row['municipality'] as string | null) ?? null,
    client: row['client'] === true,
    action: String(row['action']),
    resourceType: String(row['resource_type']),
    resourceId: (row['resource_id'] as string | null) ?? null,
    outcome: String(row['outcome']),
    httpStatus: row['http_status'] === null || row['http_status'] === undefined ? null : Number(row['http_status']),
    requestId: (row['request_id'] as string | null) ?? null,
    traceId: (row['trace_id'] as string | null) ?? null,
    prevHash: String(row['prev_hash']),
    hash: String(row['hash']),
  };
}

function hashedFields(record: AuditRecord): HashedFields {
  const { prevHash: _prev, hash: _hash, ...fields } = record;
  return fields;
}

// Qualified: the select list re-aliases seq and occurred_at as text, and a bare ORDER BY name would sort those.
const ORDER_COLUMNS: Record<string, string> = { seq: 'audit_record.seq', occurredAt: 'audit_record.occurred_at' };

/**
 * The append-only, hash-chained audit trail of one service (RELIABILITY §3.6). Appends take a
 * per-schema advisory lock so the head read and the insert are serialised across replicas and the
 * chain never forks; verification recomputes every link.
 */
@Injectable()
export class AuditService {
  private readonly schema: string;
  private readonly pending: PendingAppend[] = [];
  private flushing = false;

  constructor(
    private readonly orm: MikroORM,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
  ) {
    this.schema = `"${assertSchemaName(options.schema)}"`;
  }

  private knex(): Knex {
    return (this.orm.em.getConnection() as AbstractSqlConnection).getKnex();
  }

  /** Appends one record; caller details default to the principal and request of the current context. */
  async record(entry: AuditEntry): Promise<AuditRecord> {
    const context = TenantContext.current();
    const principal = context?.principal;
    const base = {
      id: uuidv7(),
      occurredAt: (entry.occurredAt ?? new Date()).toISOString(),
      actor: entry.actor !== undefined ? entry.actor : (principal?.subject ?? null),
      roles: [...(entry.roles ?? principal?.roles ?? [])],
      agency: entry.agency !== undefined ? entry.agency : (principal?.agency ?? null),
      municipality: entry.municipality !== undefined ? entry.municipality : (principal?.municipality ?? null),
      client: entry.client ?? principal?.client ?? false,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      outcome: entry.outcome,
      httpStatus: entry.httpStatus ?? null,
      requestId: entry.requestId !== undefined ? entry.requestId : (context?.requestId ?? null),
      traceId: entry.traceId ?? null,
    };
    return new Promise<AuditRecord>((resolve, reject) => {
      this.pending.push({ base, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /**
   * Group commit: requests that arrive while a batch is being written wait for the next one, so the
   * chain lock and the commit are paid once per batch instead of once per request.
   */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          const records = await this.append(batch.map((entry) => entry.base));
          batch.forEach((entry, index) => entry.resolve(records[index]));
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Links and inserts records in order under the chain lock, in one transaction. */
  private append(entries: Omit<HashedFields, 'seq'>[]): Promise<AuditRecord[]> {
    return this.knex().transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [auditLockKey(this.options.schema)]);
      const head = await trx.raw(`select hash from ${this.schema}.audit_record order by audit_record.seq desc limit 1`);
      const sequence = await trx.raw(`select nextval(pg_get_serial_sequence(?, 'seq'))::text as seq from generate_series(1, ?)`, [
        `${this.schema}.audit_record`,
        entries.length,
      ]);
      let prevHash: string = head.rows[0]?.hash ?? GENESIS_HASH;
      const records = entries.map((entry, index) => {
        const fields: HashedFields = { seq: Number(sequence.rows[index].seq), ...entry };
        const hash = auditHash(prevHash, fields);
        const record: AuditRecord = { ...fields, prevHash, hash };
        prevHash = hash;
        return record;
      });
      const placeholders = records.map(() => '(?, ?, ?::timestamptz, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      await trx.raw(
        `insert into ${this.schema}.audit_record
          (seq, id, occurred_at, actor, roles, agency, municipality, client, action, resource_type, resource_id, outcome, http_status, request_id, trace_id, prev_hash, hash)
         values ${placeholders}`,
        records.flatMap((record) => [
          record.seq,
          record.id,
          record.occurredAt,
          record.actor,
          record.roles,
          record.agency,
          record.municipality,
          record.client,
          record.action,
          record.resourceType,
          record.resourceId,
          record.outcome,
          record.httpStatus,
          record.requestId,
          record.traceId,
          record.prevHash,
          record.hash,
        ]),
      );
      return records;
    });
  }

  /** A page of records for auditors, newest first by default. */
  async list(filter: AuditRecordFilter, page: AuditPageRequest): Promise<{ items: AuditRecord[]; total: number }> {
    const where: string[] = ['(municipality = ? or municipality is null)'];
    const params: Knex.RawBinding[] = [filter.municipality];
    const add = (sql: string, value: Knex.RawBinding | undefined) => {
      if (value === undefined) return;
      where.push(sql);
      params.push(value);
    };
    add('actor = ?', filter.actor);
    add('resource_type = ?', filter.resourceType);
    add('resource_id = ?', filter.resourceId);
    add('action = ?', filter.action);
    add('outcome = ?', filter.outcome);
    add('occurred_at >= ?::timestamptz', filter.from?.toISOString());
    add('occurred_at < ?::timestamptz', filter.to?.toISOString());
    const order = Object.entries(page.orderBy)
      .map(([field, direction]) => `${ORDER_COLUMNS[field] ?? 'audit_record.seq'} ${direction === 'asc' ? 'asc' : 'desc'}`)
      .join(', ');
    const clause = where.join(' and ');
    const knex = this.knex();
    const [rows, count] = await Promise.all([
      knex.raw(`select ${COLUMNS} from ${this.schema}.audit_record where ${clause} order by ${order || 'audit_record.seq desc'} limit ? offset ?`, [
        ...params,
        page.limit,
        page.offset,
      ]),
      knex.raw(`select count(*)::int as total from ${this.schema}.audit_record where ${clause}`, params),
    ]);
    return { items: (rows.rows as Row[]).map(fromRow), total: Number(count.rows[0].total) };
  }

  /**
   * Recomputes the whole chain in seq order: a changed field breaks that record's hash; a deleted,
   * inserted or reordered record breaks the next link. The head is then compared with the latest
   * checkpoint (or one held outside the system), which exposes a truncated or rewritten tail.
   */
  async verify(external?: { seq: number; headHash: string }): Promise<ChainVerification> {
    const knex = this.knex();
    let prevHash = GENESIS_HASH;
    let checked = 0;
    let lastSeq = -1;
    const seen = new Map<number, string>();
    const checkpoint = external ? { ...external, source: 'supplied' as const } : await this.latestCheckpoint();
    let failure: { seq: number; reason: string } | undefined;
    const batch = 1000;
    for (;;) {
      const result = await knex.raw(`select ${COLUMNS} from ${this.schema}.audit_record where audit_record.seq > ? order by audit_record.seq limit ?`, [lastSeq, batch]);
      const rows = (result.rows as Row[]).map(fromRow);
      for (const record of rows) {
        checked += 1;
        if (!failure && record.prevHash !== prevHash) {
          failure = {
            seq: record.seq,
            reason:
              checked === 1
                ? 'the chain does not start at the genesis hash: earlier records were removed'
                : 'the link to the previous record is broken: a record was deleted, inserted or reordered',
          };
        }
        if (!failure && auditHash(record.prevHash, hashedFields(record)) !== record.hash) {
          failure = { seq: record.seq, reason: 'the record was changed after it was written' };
        }
        if (checkpoint && record.seq === checkpoint.seq) seen.set(record.seq, record.hash);
        prevHash = record.hash;
        lastSeq = record.seq;
      }
      if (rows.length < batch) break;
    }
    if (!failure && checkpoint && 'forged' in checkpoint && checkpoint.forged) {
      failure = { seq: checkpoint.seq, reason: 'the latest checkpoint is not signed with the checkpoint key: it was forged or altered' };
    }
    if (!failure && checkpoint) {
      const atCheckpoint = seen.get(checkpoint.seq);
      if (atCheckpoint === undefined) {
        failure = { seq: checkpoint.seq, reason: `record ${checkpoint.seq} of the checkpoint is missing: the tail was truncated` };
      } else if (atCheckpoint !== checkpoint.headHash) {
        failure = { seq: checkpoint.seq, reason: `record ${checkpoint.seq} differs from the checkpoint: the chain was rewritten` };
      }
    }
    return {
      valid: !failure,
      checked,
      headSeq: lastSeq >= 0 ? lastSeq : null,
      headHash: lastSeq >= 0 ? prevHash : null,
      ...(failure ? { firstInvalidSeq: failure.seq, reason: failure.reason } : {}),
      ...(checkpoint ? { checkpoint: { seq: checkpoint.seq, headHash: checkpoint.headHash, source: checkpoint.source } } : {}),
    };
  }

  /**
   * Signs the current head (seq, hash) and stores it. Copy the returned checkpoint to a separate
   * system (docs/security/audit.md): it is what makes a truncated tail detectable.
   */
  async checkpoint(): Promise<AuditCheckpoint> {
    const key = this.requireKey();
    const knex = this.knex();
    return knex.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [auditLockKey(this.options.schema)]);
      const head = await trx.raw(`select seq::text as seq, hash from ${this.schema}.audit_record order by audit_record.seq desc limit 1`);
      if (!head.rows[0]) throw new AuditCheckpointUnavailableError('the audit trail is empty; there is nothing to checkpoint');
      const seq = Number(head.rows[0].seq);
      const headHash = String(head.rows[0].hash);
      const createdAt = new Date().toISOString();
      const signature = this.sign(key, seq, headHash, createdAt);
      await trx.raw(
        `insert into ${this.schema}.audit_checkpoint (created_at, chain_seq, head_hash, key_id, signature) values (?::timestamptz, ?, ?, ?, ?)`,
        [createdAt, seq, headHash, keyId(key), signature],
      );
      return { seq, headHash, createdAt, keyId: keyId(key), signature };
    });
  }

  /**
   * Seconds since the latest stored checkpoint; without one, since the first audit record (nothing written since then
   * is protected against truncation); 0 for an empty trail. Read by the /metrics gauge (audit-metrics.ts).
   */
  async checkpointAgeSeconds(): Promise<number> {
    const result = await this.knex().raw(
      `select extract(epoch from now() - coalesce(
         (select max(created_at) from ${this.schema}.audit_checkpoint),
         (select occurred_at from ${this.schema}.audit_record order by seq asc limit 1)))::float8 as age`,
    );
    return Math.max(0, Number(result.rows[0]?.age ?? 0));
  }

  /** The newest stored checkpoint whose signature verifies; a forged one fails verification outright. */
  private async latestCheckpoint(): Promise<{ seq: number; headHash: string; source: 'stored'; forged?: boolean } | undefined> {
    const key = this.options.checkpointKey;
    if (!key) return undefined;
    const result = await this.knex().raw(
      `select chain_seq::text as seq, head_hash, key_id,
        to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at, signature
       from ${this.schema}.audit_checkpoint order by id desc limit 1`,
    );
    const row = result.rows[0] as Row | undefined;
    if (!row) return undefined;
    const expected = Buffer.from(this.sign(key, Number(row['seq']), String(row['head_hash']), String(row['created_at'])));
    const actual = Buffer.from(String(row['signature']));
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      return { seq: Number(row['seq']), headHash: String(row['head_hash']), source: 'stored', forged: true };
    }
    return { seq: Number(row['seq']), headHash: String(row['head_hash']), source: 'stored' };
  }

  private requireKey(): string {
    const key = this.options.checkpointKey;
    if (!key || key.length < 32) throw new AuditCheckpointUnavailableError('AUDIT_CHECKPOINT_KEY is not configured (at least 32 characters)');
    return key;
  }

  private sign(key: string, seq: number, headHash: string, createdAt: string): string {
    return createHmac('sha256', key).update(`${this.options.schema}\n${seq}\n${headHash}\n${createdAt}`).digest('base64url');
  }
}

function keyId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
