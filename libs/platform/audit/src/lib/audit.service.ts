import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlConnection, Knex } from '@mikro-orm/postgresql';
import { TenantContext } from '@tsunagu/platform-context';
import { sendWithCommit } from '@tsunagu/platform-persistence';
import { createHmac, createHash, timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { auditHash, GENESIS_HASH, normaliseSubjectIds, type AuditEntry, type AuditRecord, type HashedFields, type SealGap } from './audit-record';
import { assertSchemaName } from './audit-migration';

export const AUDIT_OPTIONS = Symbol('AUDIT_OPTIONS');

export interface AuditOptions {
  /** Service name = PostgreSQL schema holding `audit_record`. */
  schema: string;
  /** HMAC key for checkpoints (AUDIT_CHECKPOINT_KEY); checkpoints are refused without it. */
  checkpointKey?: string;
  /** How often the sealer links new records (ms); 0 = only when asked (`AuditSealer.sealNow`). */
  sealIntervalMs?: number;
  /** How long a seq gap may stay open before the sealer passes over it as a rolled-back transaction (ms). */
  sealSettleMs?: number;
  /** Records older than this while unsealed mean the sealer is not working; gaps first seen later are not explained. */
  unsealedBoundSeconds?: number;
  /** Seconds between the sealer's signed checkpoints (0 = none on a schedule); one more is taken at shutdown. */
  checkpointIntervalSeconds?: number;
  /** Entities whose own id is a subject id when a write changes them (default Person, Household). */
  subjectEntities?: readonly string[];
  /** Entity properties holding subject ids, read from every entity a write changes (default personId, personIds, householdId, keyPersonId). */
  subjectProperties?: readonly string[];
}

export interface AuditRecordFilter {
  /** Only records of this municipality (and anonymous ones, which carry none). */
  municipality: string;
  actor?: string;
  resourceType?: string;
  resourceId?: string;
  /** Records whose request exposed this person or household. */
  subjectId?: string;
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
  chainPos: number | null;
  headHash: string;
  createdAt: string;
  keyId: string;
  signature: string;
}

export interface SeqGapReport {
  from: number;
  to: number;
  /** rolled-back: the sealer watched it settle; in-flight: younger than the bound, may still commit; unexplained: see reason. */
  status: 'rolled-back' | 'in-flight' | 'unexplained';
}

export interface ChainVerification {
  valid: boolean;
  /** Sealed records whose position, link and hash were recomputed. */
  checked: number;
  headSeq: number | null;
  headChainPos: number | null;
  headHash: string | null;
  firstInvalidSeq?: number;
  firstInvalidChainPos?: number;
  reason?: string;
  /** The checkpoint the chain was compared with (tail truncation is detectable up to it). */
  checkpoint?: { seq: number; headHash: string; source: 'stored' | 'supplied' };
  /** Records written but not yet linked by the sealer, and the age of the oldest (seconds). */
  unsealedCount: number;
  oldestUnsealedAgeSeconds: number | null;
  /** Sequence numbers without a record (first 100): a rollback burns one, so only unexplained gaps count against validity. */
  seqGaps: SeqGapReport[];
  /** Conditions an operator should look at that are not, by themselves, evidence of tampering. */
  warnings: string[];
}

export class AuditCheckpointUnavailableError extends Error {}

/** The columns of `audit_record`: what a request wrote. */
export const AUDIT_RECORD_COLUMNS = `seq::text as seq, id::text as id,
  to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at,
  actor, roles, agency, municipality, client, action, resource_type, resource_id, subject_ids, outcome,
  http_status::int as http_status, request_id, trace_id`;

/** A record with its seal, from `audit_record` joined with `audit_seal` using (seq) (ADR 0028). */
export const AUDIT_COLUMNS = `${AUDIT_RECORD_COLUMNS}, gap, chain_pos::text as chain_pos, prev_hash, hash,
  to_char(sealed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as sealed_at`;

type Row = Record<string, unknown>;

/** The record fields a service hands over, completed from the request context; the database adds `seq`. */
export type AuditFacts = Omit<HashedFields, 'seq' | 'subjectIds' | 'gap'> & { subjectIds: string[] };

export function auditRecordFromRow(row: Row): AuditRecord {
  const chainPos = row['chain_pos'];
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
    subjectIds: (row['subject_ids'] as string[] | null) ?? [],
    outcome: String(row['outcome']),
    httpStatus: row['http_status'] === null || row['http_status'] === undefined ? null : Number(row['http_status']),
    requestId: (row['request_id'] as string | null) ?? null,
    traceId: (row['trace_id'] as string | null) ?? null,
    gap: (row['gap'] as SealGap | null) ?? null,
    chainPos: chainPos === null || chainPos === undefined ? null : Number(chainPos),
    prevHash: (row['prev_hash'] as string | null) ?? null,
    hash: (row['hash'] as string | null) ?? null,
    sealedAt: (row['sealed_at'] as string | null) ?? null,
  };
}

export function hashedFieldsOf(record: AuditRecord): HashedFields {
  const { prevHash: _prev, hash: _hash, chainPos: _pos, sealedAt: _sealed, ...fields } = record;
  return fields;
}

// Qualified: the select list re-aliases seq and occurred_at as text, and a bare ORDER BY name would sort those.
const ORDER_COLUMNS: Record<string, string> = { seq: 'audit_record.seq', occurredAt: 'audit_record.occurred_at' };

const INSERT_COLUMNS =
  '(id, occurred_at, actor, roles, agency, municipality, client, action, resource_type, resource_id, subject_ids, outcome, http_status, request_id, trace_id)';
const INSERT_VALUES = '(?, ?::timestamptz, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?)';
/** The values of INSERT_VALUES, in its order. */
const insertValues = (facts: AuditFacts) => [
  facts.id,
  facts.occurredAt,
  facts.actor,
  facts.roles,
  facts.agency,
  facts.municipality,
  facts.client,
  facts.action,
  facts.resourceType,
  facts.resourceId,
  facts.subjectIds,
  facts.outcome,
  facts.httpStatus,
  facts.requestId,
  facts.traceId,
];

/** PostgreSQL refused a row for what it holds (SQLSTATE class 22 data exception, 23 integrity constraint), not for its own state. */
function refusedForItsValues(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

/** Most records one grouped insert carries (15 parameters each). */
const GROUP_LIMIT = 100;

interface WaitingRecord {
  facts: AuditFacts;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The records of one municipality waiting for the insert on its way (`sending`) to return. */
interface RecordGroup {
  waiting: WaitingRecord[];
  sending: boolean;
}

/**
 * The append-only, hash-chained audit trail of one service (RELIABILITY §3.6, ADR 0011). Records are inserted
 * without any lock — a write's in its business transaction, a read's before its response — and take their order
 * from the `seq` sequence; `AuditSealer` links them into the chain afterwards. Verification recomputes every link.
 */
@Injectable()
export class AuditService {
  readonly schema: string;
  private readonly table: string;
  /** The seals of this schema's records (ADR 0028). */
  readonly seals: string;
  /** Records with their seals, for the selects of AUDIT_COLUMNS (`audit_record` keeps its name for ORDER BY). */
  private readonly sealedRecords: string;
  private readonly groups = new Map<string, RecordGroup>();

  constructor(
    private readonly orm: MikroORM,
    @Inject(AUDIT_OPTIONS) readonly options: AuditOptions,
  ) {
    this.schema = assertSchemaName(options.schema);
    this.table = `"${this.schema}".audit_record`;
    this.seals = `"${this.schema}".audit_seal`;
    this.sealedRecords = `${this.table} left join ${this.seals} using (seq)`;
  }

  knex(): Knex {
    return (this.orm.em.getConnection() as AbstractSqlConnection).getKnex();
  }

  /** Completes an entry with the caller and request of the current context. */
  facts(entry: AuditEntry): AuditFacts {
    const context = TenantContext.current();
    const principal = context?.principal;
    return {
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
      subjectIds: normaliseSubjectIds(entry.subjectIds ?? []),
      outcome: entry.outcome,
      httpStatus: entry.httpStatus ?? null,
      requestId: entry.requestId !== undefined ? entry.requestId : (context?.requestId ?? null),
      traceId: entry.traceId ?? null,
    };
  }

  /**
   * Inserts one record now, in its own statement and without a lock (reads, refusals, work outside HTTP). Pass
   * `executor` (a transaction) to insert it with a change instead: then it commits or rolls back with the change.
   */
  async record(entry: AuditEntry, executor?: Knex | Knex.Transaction): Promise<AuditRecord> {
    return this.insert(this.facts(entry), executor);
  }

  async insert(facts: AuditFacts, executor?: Knex | Knex.Transaction): Promise<AuditRecord> {
    // A record of nobody's municipality (an anonymous refusal) is written as system work: under row-level security its
    // RETURNING row would be invisible to a session without a municipality, which PostgreSQL refuses (ADR 0012).
    if (!executor && facts.municipality === null) return TenantContext.runAsSystem(undefined, async () => await this.insertWith(facts, this.knex()), TenantContext.requestId());
    return this.insertWith(facts, executor ?? this.knex());
  }

  /**
   * The record of a write, sent in the same round trip as the COMMIT of the business transaction `transaction` (ADR
   * 0011; issue 14): nothing reads its seq back. False where the connection cannot carry it (then `insert` it).
   */
  insertWithCommit(facts: AuditFacts, transaction: Knex.Transaction): Promise<boolean> {
    return sendWithCommit(transaction, `insert into ${this.table} ${INSERT_COLUMNS} values ${INSERT_VALUES}`, insertValues(facts));
  }

  /**
   * Inserts a record nothing reads back (a read's, a list's, a refusal's, a failed write's) together with the records
   * other requests hand over meanwhile: while one insert of a municipality is on its way, the records that arrive wait
   * and then go in one multi-row insert (group commit, ADR 0021). Settles once this record is committed, or with the
   * error that kept it out: the caller withholds its response until then, as with an insert of its own. Nothing waits
   * when no insert is on its way, so a quiet service sends each record at once.
   */
  insertGrouped(facts: AuditFacts): Promise<void> {
    const municipality = facts.municipality ?? '';
    let group = this.groups.get(municipality);
    if (!group) {
      group = { waiting: [], sending: false };
      this.groups.set(municipality, group);
    }
    const inserted = new Promise<void>((resolve, reject) => group.waiting.push({ facts, resolve, reject }));
    if (!group.sending) void this.sendGroup(municipality, group);
    return inserted;
  }

  private async sendGroup(municipality: string, group: RecordGroup): Promise<void> {
    group.sending = true;
    try {
      while (group.waiting.length > 0) {
        const batch = group.waiting.splice(0, GROUP_LIMIT);
        // Under the batch's own municipality (row-level security checks every row against it), not the first caller's request.
        await TenantContext.run({ requestId: 'audit-group', municipality: municipality || undefined }, () => this.insertBatch(batch));
      }
    } finally {
      group.sending = false;
    }
  }

  private async insertBatch(batch: WaitingRecord[]): Promise<void> {
    try {
      await this.insertRows(batch.map((waiting) => waiting.facts));
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      if (batch.length === 1 || !refusedForItsValues(error)) {
        // The database or the connection failed: every record of the group was kept out alike.
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      // A row PostgreSQL refused (a constraint, a value) must not withhold the others' responses: each goes again on its own.
      await Promise.all(
        batch.map(async (waiting) => {
          try {
            await this.insertRows([waiting.facts]);
            waiting.resolve();
          } catch (single) {
            waiting.reject(single);
          }
        }),
      );
    }
  }

  /** One multi-row insert without RETURNING (so a record of no municipality needs no system session to be read back). */
  private async insertRows(rows: AuditFacts[]): Promise<void> {
    await this.knex().raw(`insert into ${this.table} ${INSERT_COLUMNS} values ${rows.map(() => INSERT_VALUES).join(', ')}`, rows.flatMap(insertValues));
  }

  private async insertWith(facts: AuditFacts, executor: Knex | Knex.Transaction): Promise<AuditRecord> {
    const result = await executor.raw(`insert into ${this.table} ${INSERT_COLUMNS} values ${INSERT_VALUES} returning seq::text as seq`, insertValues(facts));
    return { ...facts, seq: Number(result.rows[0].seq), gap: null, chainPos: null, prevHash: null, hash: null, sealedAt: null };
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
    // Containment, so the GIN index on subject_ids answers it.
    add('subject_ids @> array[?]::text[]', filter.subjectId);
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
      knex.raw(`select ${AUDIT_COLUMNS} from ${this.sealedRecords} where ${clause} order by ${order || 'audit_record.seq desc'} limit ? offset ?`, [
        ...params,
        page.limit,
        page.offset,
      ]),
      knex.raw(`select count(*)::int as total from ${this.table} where ${clause}`, params),
    ]);
    return { items: (rows.rows as Row[]).map(auditRecordFromRow), total: Number(count.rows[0].total) };
  }

  /**
   * Recomputes the sealed chain in chain_pos order — positions dense from 1, every link, every hash — then compares
   * it with the latest checkpoint (or one held outside the system), which exposes a truncated or rewritten tail,
   * and accounts for every seq: a number without a record is fine when the sealer noted it as a rollback it watched
   * settle, or when it is younger than the unsealed bound; otherwise records were removed before they were sealed.
   */
  async verify(external?: { seq: number; headHash: string }): Promise<ChainVerification> {
    return TenantContext.runAsSystem(undefined, () =>
      // One snapshot for the whole walk, so records the sealer links meanwhile do not shift under it.
      this.knex().transaction(async (trx) => this.verifyIn(trx, external), { isolationLevel: 'repeatable read', readOnly: true }),
    );
  }

  private async verifyIn(trx: Knex.Transaction, external?: { seq: number; headHash: string }): Promise<ChainVerification> {
    const boundSeconds = this.options.unsealedBoundSeconds ?? 60;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    let lastPos = 0;
    let head: AuditRecord | undefined;
    let legacyMaxSeq = 0;
    const seqs: number[] = [];
    const notedGaps: { from: number; to: number; explained: boolean }[] = [];
    const seen = new Map<number, AuditRecord>();
    const checkpoint = external ? { ...external, source: 'supplied' as const } : await this.latestCheckpoint(trx);
    let failure: { seq: number; pos?: number; reason: string } | undefined;
    const fail = (seq: number, reason: string, pos?: number) => {
      if (!failure) failure = { seq, reason, ...(pos !== undefined ? { pos } : {}) };
    };
    const batch = 1000;
    for (;;) {
      const result = await trx.raw(`select ${AUDIT_COLUMNS} from ${this.seals} join ${this.table} using (seq) where chain_pos > ? order by audit_seal.chain_pos limit ?`, [lastPos, batch]);
      const rows = (result.rows as Row[]).map(auditRecordFromRow);
      for (const record of rows) {
        const pos = record.chainPos as number;
        checked += 1;
        if (pos !== lastPos + 1) {
          fail(
            record.seq,
            lastPos === 0
              ? 'the chain does not start at position 1: earlier records were removed'
              : `the link to the previous record is broken: a record was deleted, inserted or reordered (chain position ${lastPos + 1} is missing)`,
            pos,
          );
        }
        if (record.prevHash !== prevHash) {
          fail(
            record.seq,
            checked === 1
              ? 'the chain does not start at the genesis hash: earlier records were removed'
              : 'the link to the previous record is broken: a record was deleted, inserted or reordered',
            pos,
          );
        }
        if (auditHash(record.prevHash ?? '', hashedFieldsOf(record)) !== record.hash) fail(record.seq, 'the record was changed after it was written', pos);
        if (record.sealedAt === null) legacyMaxSeq = Math.max(legacyMaxSeq, record.seq);
        if (record.gap) notedGaps.push({ from: Number(record.gap.from), to: Number(record.gap.to), explained: record.gap.explained });
        if (checkpoint && record.seq === checkpoint.seq) seen.set(record.seq, record);
        seqs.push(record.seq);
        prevHash = record.hash ?? '';
        lastPos = pos;
        head = record;
      }
      if (rows.length < batch) break;
    }
    if (checkpoint && 'forged' in checkpoint && checkpoint.forged) {
      fail(checkpoint.seq, 'the latest checkpoint is not signed with the checkpoint key: it was forged or altered');
    }
    if (checkpoint) {
      const atCheckpoint = seen.get(checkpoint.seq);
      if (atCheckpoint === undefined) fail(checkpoint.seq, `record ${checkpoint.seq} of the checkpoint is missing: the tail was truncated`);
      else if (atCheckpoint.hash !== checkpoint.headHash) fail(checkpoint.seq, `record ${checkpoint.seq} differs from the checkpoint: the chain was rewritten`);
    }

    const unsealed = await trx.raw(
      `select r.seq::text as seq, extract(epoch from (clock_timestamp() - r.occurred_at))::float8 as age from ${this.table} r
        where not exists (select 1 from ${this.seals} s where s.seq = r.seq) order by r.seq`,
    );
    const unsealedRows = (unsealed.rows as { seq: string; age: number }[]).map((row) => ({ seq: Number(row.seq), age: Number(row.age) }));
    const ageOfUnsealed = new Map(unsealedRows.map((row) => [row.seq, row.age]));
    for (const row of unsealedRows) seqs.push(row.seq);
    const oldest = unsealedRows.reduce<number | null>((max, row) => (max === null || row.age > max ? row.age : max), null);
    const warnings: string[] = [];
    if (oldest !== null && oldest > boundSeconds) {
      warnings.push(`${unsealedRows.filter((row) => row.age > boundSeconds).length} records are unsealed for longer than ${boundSeconds} s: no sealer is running`);
    }

    const seqGaps: SeqGapReport[] = [];
    seqs.sort((a, b) => a - b);
    for (let index = 1; index < seqs.length; index += 1) {
      let from = seqs[index - 1] + 1;
      const to = seqs[index] - 1;
      if (from > to || to <= legacyMaxSeq) continue;
      from = Math.max(from, legacyMaxSeq + 1);
      const noted = notedGaps.find((gap) => gap.from <= from && gap.to >= to);
      const nextAge = ageOfUnsealed.get(seqs[index]);
      const status: SeqGapReport['status'] = noted?.explained ? 'rolled-back' : !noted && nextAge !== undefined && nextAge <= boundSeconds ? 'in-flight' : 'unexplained';
      if (status === 'unexplained') {
        fail(
          from,
          noted
            ? `seq ${from}–${to} were first seen after the unsealed bound of ${boundSeconds} s: records may have been deleted before they were sealed (or no sealer ran for that long)`
            : `seq ${from}–${to} have no record and no sealer note: records were deleted before they were sealed`,
        );
      }
      if (seqGaps.length < 100) seqGaps.push({ from, to, status });
    }

    return {
      valid: !failure,
      checked,
      headSeq: head?.seq ?? null,
      headChainPos: head?.chainPos ?? null,
      headHash: head?.hash ?? null,
      ...(failure ? { firstInvalidSeq: failure.seq, ...(failure.pos !== undefined ? { firstInvalidChainPos: failure.pos } : {}), reason: failure.reason } : {}),
      ...(checkpoint ? { checkpoint: { seq: checkpoint.seq, headHash: checkpoint.headHash, source: checkpoint.source } } : {}),
      unsealedCount: unsealedRows.length,
      oldestUnsealedAgeSeconds: oldest === null ? null : Math.round(oldest * 10) / 10,
      seqGaps,
      warnings,
    };
  }

  /**
   * Signs the sealed head (seq, hash) and stores it. Copy the returned checkpoint to a separate system
   * (docs/security/audit.md): it is what makes a truncated tail detectable.
   */
  async checkpoint(): Promise<AuditCheckpoint> {
    const key = this.requireKey();
    return TenantContext.runAsSystem(undefined, async () => {
      const knex = this.knex();
      const head = await knex.raw(`select seq::text as seq, chain_pos::text as chain_pos, hash from ${this.seals} order by audit_seal.chain_pos desc limit 1`);
      if (!head.rows[0]) throw new AuditCheckpointUnavailableError('the audit trail has no sealed record yet; there is nothing to checkpoint');
      const seq = Number(head.rows[0].seq);
      const chainPos = Number(head.rows[0].chain_pos);
      const headHash = String(head.rows[0].hash);
      const createdAt = new Date().toISOString();
      const signature = this.sign(key, seq, headHash, createdAt);
      await knex.raw(`insert into "${this.schema}".audit_checkpoint (created_at, chain_seq, chain_pos, head_hash, key_id, signature) values (?::timestamptz, ?, ?, ?, ?, ?)`, [
        createdAt,
        seq,
        chainPos,
        headHash,
        keyId(key),
        signature,
      ]);
      return { seq, chainPos, headHash, createdAt, keyId: keyId(key), signature };
    });
  }

  /**
   * How long the oldest audit record not covered by the latest stored checkpoint has waited (unsealed, or sealed after
   * it); 0 when every record is covered. The sealer checkpoints every AUDIT_CHECKPOINT_INTERVAL_SECONDS when the chain
   * moved, so this stays small while a sealer runs with the key, and grows when none does. Read by /metrics.
   */
  async checkpointAgeSeconds(): Promise<number> {
    return TenantContext.runAsSystem(undefined, async () => {
      // Records after the checkpoint's head (unsealed, or sealed after it) and records sealed after it out of seq order.
      const result = await this.knex().raw(
        `with checkpoint as (select c.chain_seq as seq, coalesce(c.chain_pos, c.chain_seq) as pos from "${this.schema}".audit_checkpoint c order by c.id desc limit 1)
         select extract(epoch from now() - min(occurred_at))::float8 as age from (
           select r.occurred_at from ${this.table} r where r.seq > coalesce((select seq from checkpoint), 0)
           union all
           select r.occurred_at from ${this.seals} s join ${this.table} r using (seq) where s.chain_pos > coalesce((select pos from checkpoint), 0)
         ) uncovered`,
      );
      return Math.max(0, Number(result.rows[0]?.age ?? 0));
    });
  }

  /** The newest stored checkpoint whose signature verifies; a forged one fails verification outright. */
  private async latestCheckpoint(executor: Knex | Knex.Transaction): Promise<{ seq: number; headHash: string; source: 'stored'; forged?: boolean } | undefined> {
    const key = this.options.checkpointKey;
    if (!key) return undefined;
    const result = await executor.raw(
      `select chain_seq::text as seq, head_hash, key_id,
        to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at, signature
       from "${this.schema}".audit_checkpoint order by id desc limit 1`,
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
    return createHmac('sha256', key).update(`${this.schema}\n${seq}\n${headHash}\n${createdAt}`).digest('base64url');
  }

  /** Whether checkpoints can be signed (a key of at least 32 characters is configured). */
  canCheckpoint(): boolean {
    return (this.options.checkpointKey?.length ?? 0) >= 32;
  }
}

function keyId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
