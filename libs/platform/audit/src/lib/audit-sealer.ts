import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Knex } from '@mikro-orm/postgresql';
import { TenantContext } from '@tsunagu/platform-context';
import { loggableError } from '@tsunagu/platform-observability';
import { SessionLock } from '@tsunagu/platform-persistence';
import { auditHash, GENESIS_HASH, type AuditRecord, type SealGap } from './audit-record';
import { auditSealerLockKey } from './audit-migration';
import { AUDIT_RECORD_COLUMNS, auditRecordFromRow, AuditService, hashedFieldsOf } from './audit.service';

/** Largest number of records linked in one sealing transaction. */
const SEAL_BATCH = 500;

/**
 * How long after noting a gap the sealer still looks in it for a late record (a transaction that held its number past
 * the settle delay and committed after all). A new leader looks in every gap ever noted once, so a record later still is
 * sealed at the next change of leader (a restart, a deploy) and meanwhile counts as unsealed in verification.
 */
const LATE_RECORD_WINDOW_SECONDS = 3600;

/** A gap the sealer passed over lately: a late record may still commit inside it. */
interface RecentGap {
  from: number;
  to: number;
  /** Epoch seconds when it was noted. */
  notedAt: number;
}

export interface SealResult {
  /** Whether this process holds the sealer leadership of the schema. */
  leader: boolean;
  sealed: number;
  /** Lowest seq the sealer is waiting for (a transaction that may still commit), if any. */
  waitingForSeq?: number;
}

interface OpenGap {
  from: number;
  firstSeenAt: number;
  /** pg_snapshot_xmax when first seen: once the oldest running transaction is newer, whoever held the number has ended. */
  xmax: bigint;
  /** Age of the record after the gap when the gap was first seen (seconds). */
  nextAgeSeconds: number;
}

/**
 * Links committed audit records into the hash chain, one active sealer per schema (ADR 0011). Every replica runs
 * one; leadership is a session advisory lock (SessionLock) held on a connection of its own, so it passes to another
 * replica as soon as the leader's session ends. The leader seals in `seq` order on that same
 * session, inserting a seal per record into `audit_seal` (ADR 0028) with a dense `chain_pos`, `prev_hash` and `hash`;
 * a seq without a visible record stops it until the
 * number has settled (its transaction ended — `pg_snapshot_xmin` moved past it — or the settle delay passed), then it
 * notes the gap in the next seal. A record that commits after its number was passed over is sealed late, never lost.
 * It also signs checkpoints on a schedule and at shutdown.
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditSealer');
  private readonly lock: SessionLock;
  /** Highest seq below which every number is sealed or passed over. */
  private frontier?: number;
  private gap?: OpenGap;
  /** Gaps noted within LATE_RECORD_WINDOW_SECONDS, by this leader or (read at its start) by the one before. */
  private recentGaps: RecentGap[] = [];
  private timer?: NodeJS.Timeout;
  private checkpointTimer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();
  private lastCheckpointHash?: string;
  private stopped = false;

  constructor(private readonly audit: AuditService) {
    this.lock = new SessionLock(() => audit.knex(), auditSealerLockKey(audit.schema));
  }

  onApplicationBootstrap(): void {
    const interval = this.audit.options.sealIntervalMs ?? 1000;
    if (interval > 0) {
      this.timer = setInterval(() => void this.sealNow().catch((error) => this.logger.warn({ error: loggableError(error) }, 'audit sealing pass failed; retrying')), interval);
      this.timer.unref();
    }
    const seconds = this.audit.options.checkpointIntervalSeconds ?? 600;
    if (seconds > 0 && this.audit.canCheckpoint()) {
      this.checkpointTimer = setInterval(() => void this.checkpointNow().catch((error) => this.logger.warn({ error: loggableError(error) }, 'scheduled audit checkpoint failed')), seconds * 1000);
      this.checkpointTimer.unref();
    }
  }

  /** Stops the schedule, seals what is committed, signs a last checkpoint and gives up the leadership. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.checkpointTimer);
    try {
      if (this.lock.held) {
        await this.sealNow();
        if (this.audit.canCheckpoint()) await this.checkpointNow();
      }
    } catch (error) {
      this.logger.warn({ error: loggableError(error) }, 'final audit sealing at shutdown failed');
    } finally {
      this.stopped = true;
      await this.exclusive(() => this.resign());
    }
  }

  /** The backend pid of the leader session (tests and diagnostics), if this process leads. */
  leaderPid(): number | undefined {
    return this.lock.pid;
  }

  /** One sealing pass: tries to become leader if it is not, then links what has settled. */
  sealNow(): Promise<SealResult> {
    return this.exclusive(() =>
      TenantContext.runAsSystem(undefined, async () => {
        if (this.stopped) return { leader: false, sealed: 0 };
        if (!this.lock.held && !(await this.lead())) return { leader: false, sealed: 0 };
        try {
          let total = 0;
          let lookedAgain = false;
          for (;;) {
            const { sealed, waitingForSeq, newGap } = await this.pass();
            total += sealed;
            if (sealed === SEAL_BATCH) continue;
            // A gap seen for the first time has usually settled by the next snapshot (its transaction just ended).
            if (newGap && !lookedAgain) {
              lookedAgain = true;
              continue;
            }
            return { leader: true, sealed: total, ...(waitingForSeq !== undefined ? { waitingForSeq } : {}) };
          }
        } catch (error) {
          // A failed session (the database restarted, the connection was killed) may have lost the lock: start over.
          await this.resign();
          throw error;
        }
      }),
    );
  }

  /** Signs the sealed head when this process leads and the head moved since the last checkpoint. */
  async checkpointNow(): Promise<boolean> {
    if (!this.lock.held || !this.audit.canCheckpoint()) return false;
    const head = await TenantContext.runAsSystem(undefined, () =>
      this.audit.knex().raw(`select hash from ${this.audit.seals} order by audit_seal.chain_pos desc limit 1`),
    );
    if (!head.rows[0] || head.rows[0].hash === this.lastCheckpointHash) return false;
    const checkpoint = await this.audit.checkpoint().catch((error: unknown) => {
      if (error instanceof Error && /nothing to checkpoint/.test(error.message)) return undefined;
      throw error;
    });
    if (!checkpoint) return false;
    this.lastCheckpointHash = checkpoint.headHash;
    return true;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.running.then(work, work);
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Tries the sealer lock; a new leader starts from what the chain says. */
  private async lead(): Promise<boolean> {
    if (!(await this.lock.tryAcquire())) return false;
    this.frontier = undefined;
    this.gap = undefined;
    this.recentGaps = [];
    this.logger.log(`audit sealer of ${this.audit.schema} leads (session ${this.lock.pid})`);
    return true;
  }

  /** Gives up the leadership (and closes the session, which would release the lock anyway). */
  private resign(): Promise<void> {
    return this.lock.release();
  }

  /** Seals up to one batch in one transaction on the leader session. */
  private pass(): Promise<{ sealed: number; waitingForSeq?: number; newGap?: boolean }> {
    const connection = this.lock.connection;
    const table = `"${this.audit.schema}".audit_record`;
    const seals = this.audit.seals;
    const settleMs = this.audit.options.sealSettleMs ?? 5000;
    const boundSeconds = this.audit.options.unsealedBoundSeconds ?? 60;
    return this.audit.knex().transaction(
      async (trx: Knex.Transaction) => {
        const head = await trx.raw(`select chain_pos::text as chain_pos, hash from ${seals} order by audit_seal.chain_pos desc limit 1`);
        let chainPos = head.rows[0] ? Number(head.rows[0].chain_pos) : 0;
        let prevHash: string = head.rows[0]?.hash ?? GENESIS_HASH;
        // Every record above the frontier is unsealed; below it, only late ones, inside gaps the sealer passed over: a new
        // leader looks in every gap ever noted (and keeps the recent ones), then in the gaps noted within the window.
        let late;
        if (this.frontier === undefined) {
          const sealed = await trx.raw(`select coalesce(max(seq), 0)::text as seq from ${seals}`);
          this.frontier = Number(sealed.rows[0].seq);
          const recent = await trx.raw(
            `select (gap->>'from')::bigint::text as "from", (gap->>'to')::bigint::text as "to", extract(epoch from sealed_at)::float8 as noted_at
               from ${seals} where gap is not null and sealed_at > now() - ? * interval '1 second'`,
            [LATE_RECORD_WINDOW_SECONDS],
          );
          this.recentGaps = (recent.rows as { from: string; to: string; noted_at: number }[]).map((row) => ({ from: Number(row.from), to: Number(row.to), notedAt: Number(row.noted_at) }));
          // Per noted gap, its first record without a seal (index probes, whatever the planner knows of the tables).
          late = await trx.raw(
            `select min(late.seq)::text as seq from ${seals} g
               cross join lateral (select r.seq from ${table} r where r.seq between (g.gap->>'from')::bigint and (g.gap->>'to')::bigint
                                     and not exists (select 1 from ${seals} s where s.seq = r.seq) order by r.seq limit 1) late
              where g.gap is not null`,
          );
        } else {
          const since = Date.now() / 1000 - LATE_RECORD_WINDOW_SECONDS;
          this.recentGaps = this.recentGaps.filter((gap) => gap.notedAt > since);
          if (this.recentGaps.length > 0) {
            late = await trx.raw(
              `select min(r.seq)::text as seq from ${table} r
                where (${this.recentGaps.map(() => 'r.seq between ? and ?').join(' or ')}) and not exists (select 1 from ${seals} s where s.seq = r.seq)`,
              this.recentGaps.flatMap((gap) => [gap.from, gap.to]),
            );
          }
        }
        const lateFrom = late?.rows[0]?.seq === null || late?.rows[0]?.seq === undefined ? undefined : Number(late.rows[0].seq);
        const result = await trx.raw(
          `select ${AUDIT_RECORD_COLUMNS}, extract(epoch from (clock_timestamp() - occurred_at))::float8 as age_seconds
           from ${table} where seq > ?${lateFrom === undefined ? '' : ` or (seq >= ? and not exists (select 1 from ${seals} s where s.seq = audit_record.seq))`}
           order by audit_record.seq limit ?`,
          [this.frontier, ...(lateFrom === undefined ? [] : [lateFrom]), SEAL_BATCH],
        );
        // Taken after the rows: whoever holds a number below a visible record had its xid before this snapshot.
        const snapshot = await trx.raw('select pg_snapshot_xmin(pg_current_snapshot())::text as xmin, pg_snapshot_xmax(pg_current_snapshot())::text as xmax');
        const xmin = BigInt(snapshot.rows[0].xmin);
        const xmax = BigInt(snapshot.rows[0].xmax);
        const updates: { seq: number; chainPos: number; prevHash: string; hash: string; gap: SealGap | null }[] = [];
        let waitingForSeq: number | undefined;
        let newGap = false;
        let frontier = this.frontier;
        for (const row of result.rows as Record<string, unknown>[]) {
          const record: AuditRecord = auditRecordFromRow(row);
          let gap: SealGap | null = null;
          if (record.seq > frontier + 1) {
            const from = frontier + 1;
            if (this.gap?.from !== from) {
              this.gap = { from, firstSeenAt: Date.now(), xmax, nextAgeSeconds: Number(row['age_seconds']) };
              newGap = true;
            }
            const settled = xmin >= this.gap.xmax || Date.now() - this.gap.firstSeenAt >= settleMs;
            if (!settled) {
              waitingForSeq = from;
              break;
            }
            gap = { from: String(from), to: String(record.seq - 1), explained: this.gap.nextAgeSeconds <= boundSeconds };
            this.recentGaps.push({ from, to: record.seq - 1, notedAt: Date.now() / 1000 });
            this.gap = undefined;
          }
          chainPos += 1;
          const hash = auditHash(prevHash, hashedFieldsOf({ ...record, gap }));
          updates.push({ seq: record.seq, chainPos, prevHash, hash, gap });
          prevHash = hash;
          // A late record (its number was passed over earlier) is linked where it arrives and leaves the frontier alone.
          frontier = Math.max(frontier, record.seq);
        }
        if (updates.length > 0) {
          const values = updates.map(() => '(?::bigint, ?::bigint, ?, ?, ?::jsonb, now())').join(', ');
          const inserted = await trx.raw(
            `insert into ${seals} (seq, chain_pos, prev_hash, hash, gap, sealed_at) values ${values} on conflict do nothing`,
            updates.flatMap((update) => [update.seq, update.chainPos, update.prevHash, update.hash, update.gap ? JSON.stringify(update.gap) : null]),
          );
          if (inserted.rowCount !== updates.length) throw new Error(`audit sealing raced: ${inserted.rowCount} of ${updates.length} records linked; rolled back`);
        }
        this.frontier = frontier;
        return { sealed: updates.length, newGap, ...(waitingForSeq !== undefined ? { waitingForSeq } : {}) };
      },
      { connection } as Knex.TransactionConfig,
    );
  }
}
