import { InboxEntry } from './outbox/inbox-entry.entity';
import { OutboxEvent } from './outbox/outbox-event.entity';

/** Entities a service adds to its ServicePersistence.entities to publish and consume events. */
export const messagingEntities = [OutboxEvent, InboxEntry];

function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`Invalid schema name for messaging: ${schema}`);
}

/**
 * Share of each outbox page that inserts fill. The relay's lease (claimed_until, on no index) is written by an update of
 * every row it claims and renews; with room left on the row's own page PostgreSQL writes it as a heap-only tuple (HOT):
 * no new entry in the primary key and the due index, and nothing for vacuum to clean from them. Packed pages (the
 * default, 100) sent every lease to another page with new index entries: a claim 36.7 µs per event against
 * 26–28 µs at 50 (docs/performance.md, § "The relay's claim").
 */
export const OUTBOX_FILLFACTOR = 50;

/**
 * SQL a service appends to the migration that creates outbox_event (MikroORM cannot generate it): partial indexes for
 * the relay's "due" scan and the retention purge, and room on each page for the relay's lease (OUTBOX_FILLFACTOR). No
 * trigger: a relay hears of its own process's commits in memory (ADR 0025).
 *
 *   for (const sql of messagingMigrationSql('registry')) this.addSql(sql);
 */
export function messagingMigrationSql(schema: string): string[] {
  assertSchemaName(schema);
  const table = `"${schema}".outbox_event`;
  return [
    `create index if not exists outbox_event_due_idx on ${table} (next_attempt_at, id) where published_at is null;`,
    `create index if not exists outbox_event_published_at_idx on ${table} (published_at) where published_at is not null;`,
    ...outboxFillfactorSql(schema),
  ];
}

/**
 * SQL that leaves room on outbox pages for the relay's lease (OUTBOX_FILLFACTOR), for one migration per service after
 * the one that created outbox_event. Pages written before keep their rows; new rows go to pages filled to the factor.
 */
export function outboxFillfactorSql(schema: string): string[] {
  assertSchemaName(schema);
  return [`alter table "${schema}".outbox_event set (fillfactor = ${OUTBOX_FILLFACTOR});`];
}

/**
 * SQL that removes the NOTIFY trigger earlier migrations created on outbox_event (ADR 0025: every transaction that
 * notified serialised PostgreSQL's commits). For one migration per service, after the one that created it.
 */
export function dropOutboxNotifySql(schema: string): string[] {
  assertSchemaName(schema);
  return [`drop trigger if exists outbox_event_notify on "${schema}".outbox_event;`, `drop function if exists "${schema}".outbox_event_notify();`];
}
