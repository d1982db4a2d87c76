import { AsyncResource } from 'node:async_hooks';

/**
 * How a relay hears of the outbox rows its own process commits (ADR 0025). A transaction that writes outbox rows is
 * marked (its root: the rows commit with it), and when it has committed, the relays of the process are woken — in
 * memory, after the COMMIT returned. This replaced a NOTIFY per transaction: PostgreSQL serialises the commits of every
 * transaction that notified (one lock for the whole cluster, held through the commit's WAL flush), which measured a
 * third of the commits per second and twice the CPU per commit. Rows another process commits (a replica that died
 * before its relay published them, a command-line job) are found by the relays' poll.
 */

/** The relays of this process (their `wake`). */
const relays = new Set<() => void>();
/** Root transactions (knex's transaction objects) that carry outbox rows and have not committed yet. */
const carrying = new WeakSet<object>();

/**
 * Registers a relay's wake; returns the function that unregisters it. The wake runs in the async context it was
 * registered in (the relay's start), not in the request whose commit calls it: a relay's round would otherwise run in
 * that request's context — its municipality, its logger's request fields, its trace as parent of the relay's statements
 * — and keep the request's objects alive for as long as the rounds that follow it.
 */
export function wakeOnEventsCommitted(wake: () => void): () => void {
  const bound = AsyncResource.bind(wake);
  relays.add(bound);
  return () => relays.delete(bound);
}

/** Wakes the relays of this process: outbox rows were committed just now. */
export function eventsCommitted(): void {
  for (const wake of relays) wake();
}

/** Marks the root of `transaction` (a savepoint's rows commit with it) as carrying outbox rows. */
export function carriesEvents(transaction: object): void {
  carrying.add(rootTransaction(transaction));
}

/** Called once `transaction` has committed: wakes the relays when it carried outbox rows. */
export function transactionCommitted(transaction: object | undefined): void {
  if (transaction && carrying.delete(transaction)) eventsCommitted();
}

/** The transaction a MikroORM savepoint belongs to: MikroORM marks a nested transaction with a symbol naming its parent. */
export function rootTransaction(transaction: object): object {
  let current = transaction as Record<symbol, unknown>;
  for (;;) {
    const parent = Object.getOwnPropertySymbols(current).find((symbol) => symbol.description === 'parentTransaction');
    const next = parent === undefined ? undefined : current[parent];
    // knex's transaction is a function (it builds queries when called).
    if (!next || (typeof next !== 'object' && typeof next !== 'function')) return current;
    current = next as Record<symbol, unknown>;
  }
}
