import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { CloudEvent } from '@tsunagu/contracts';
import { executeWithCommit, ridesWithCommit } from '@tsunagu/platform-persistence';
import { applyEvent, type SqlRunner } from './projector';
import { LIVE_SCHEMA } from './projection-schema';

/** Advisory lock key: handlers hold it shared, the rebuild's swap exclusively (see rebuild.ts). */
export const PROJECTION_LOCK_KEY = 0x7265706f; // "repo"

export function emRunner(em: EntityManager): SqlRunner {
  const run = async (sql: string, params: readonly unknown[]): Promise<number> => {
    const result = await em.getConnection().execute(sql, [...params], 'run', em.getTransactionContext());
    return (result as { affectedRows: number }).affectedRows;
  };
  return Object.assign(run, {
    atCommit: (sql: string, params: readonly unknown[]) => executeWithCommit(em, sql, params),
    ridesWithCommit: () => ridesWithCommit(em.getTransactionContext()),
  });
}

/** Applies a received event to the live projections inside the transport's inbox transaction. */
@Injectable()
export class ProjectEventUseCase {
  /**
   * Transactions (or savepoints) that hold the shared lock already: a batch's handlers share one transaction (ADR 0024)
   * and the lock lasts until its end, so the batch asks once. A savepoint is another context: its lock is asked for
   * again, since rolling the savepoint back releases what it took.
   */
  private readonly locked = new WeakSet<object>();

  async execute(subject: string, event: CloudEvent, ctx: { em: EntityManager }): Promise<void> {
    // Shared lock: many handlers run at once, but never while a rebuild swaps the tables underneath them.
    const transaction = ctx.em.getTransactionContext<object>();
    if (!transaction || !this.locked.has(transaction)) {
      await ctx.em.getConnection().execute('select pg_advisory_xact_lock_shared(?)', [PROJECTION_LOCK_KEY], 'all', transaction);
      if (transaction) this.locked.add(transaction);
    }
    await applyEvent(emRunner(ctx.em), LIVE_SCHEMA, subject, event);
  }
}
