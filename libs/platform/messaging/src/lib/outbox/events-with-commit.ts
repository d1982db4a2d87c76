import type { EntityManager, EventManager, EventSubscriber, FlushEventArgs, MikroORM, TransactionEventArgs } from '@mikro-orm/core';
import { executeWithCommit, plainInsertStatement } from '@tsunagu/platform-persistence';
import { OutboxEvent } from './outbox-event.entity';
import { carriesEvents, eventsCommitted, rootTransaction, transactionCommitted } from './outbox-wake';

/**
 * A root transaction's first events ride with its COMMIT (ADR 0018, issue 14): one statement in the COMMIT's round
 * trip instead of a row in the unit of work's flush. Beyond this many, the unit of work writes the rest (a bulk import
 * records thousands in one transaction; one statement of them all would be megabytes of SQL held until the end).
 */
export const EVENTS_WITH_COMMIT_LIMIT = 25;

/** Events waiting for the COMMIT of their root transaction (a knex transaction object). */
const queued = new WeakMap<object, OutboxEvent[]>();
/** Whether an em's ORM sends queued events at commit (enableEventsWithCommit); a transaction's fork clones the manager. */
function enabledFor(events: EventManager): boolean {
  for (const subscriber of events.getSubscribers()) if (subscriber instanceof EventsWithCommitSubscriber) return true;
  return false;
}

/** Whether `transaction` is a root transaction, not a savepoint. */
function isRootTransaction(transaction: object): boolean {
  return rootTransaction(transaction) === transaction;
}

/**
 * Queues `row` for the COMMIT of `em`'s root transaction; false where it cannot (no transaction, a savepoint, an ORM
 * without the hook, the limit reached): the caller persists it in the unit of work instead.
 */
export function queueForCommit(em: EntityManager, row: OutboxEvent): boolean {
  const transaction = em.getTransactionContext<object>();
  if (!transaction || !isRootTransaction(transaction) || !enabledFor(em.getEventManager())) return false;
  const rows = queued.get(transaction) ?? [];
  if (rows.length >= EVENTS_WITH_COMMIT_LIMIT) return false;
  rows.push(row);
  queued.set(transaction, rows);
  return true;
}

/**
 * Sends the events queued for `transaction`'s COMMIT (with it where the connection can carry it, else at once); a
 * failing insert fails the commit. MikroORM's hook calls it for the transactions it commits; a transaction begun
 * outside MikroORM (a consumer's batch, ADR 0024) must call it before its COMMIT, or the events would be dropped.
 */
export async function sendEventsQueuedFor(em: EntityManager, transaction: object): Promise<void> {
  const rows = queued.get(transaction);
  if (!rows || rows.length === 0) return;
  queued.delete(transaction);
  const { sql, values } = plainInsertStatement(em, rows);
  await executeWithCommit(em, sql, values, transaction);
  carriesEvents(transaction);
}

/**
 * Sends a root transaction's queued events with its COMMIT (a failing insert fails the commit: nothing is written), and
 * wakes the process's relays once a transaction that wrote outbox rows has committed (ADR 0025) — rows written by the
 * unit of work's flush too: inside a transaction they commit with it, outside one the flush committed them.
 */
class EventsWithCommitSubscriber implements EventSubscriber {
  async beforeTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const transaction = args.transaction as object | undefined;
    if (transaction) await sendEventsQueuedFor(args.em, transaction);
  }

  afterTransactionCommit(args: TransactionEventArgs): void {
    transactionCommitted(args.transaction as object | undefined);
  }

  afterFlush(args: FlushEventArgs): void {
    if (!args.uow.getChangeSets().some((changeSet) => changeSet.entity instanceof OutboxEvent)) return;
    const transaction = args.em.getTransactionContext<object>();
    if (transaction) carriesEvents(transaction);
    else eventsCommitted();
  }
}

/** Lets EventRecorder send events with the COMMIT of this ORM's root transactions (MessagingModule does, once). */
export function enableEventsWithCommit(orm: MikroORM): void {
  const events = orm.em.getEventManager();
  if (!enabledFor(events)) events.registerSubscriber(new EventsWithCommitSubscriber());
}
