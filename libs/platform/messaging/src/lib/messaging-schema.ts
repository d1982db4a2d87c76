import { InboxEntry } from './outbox/inbox-entry.entity';
import { OutboxEvent } from './outbox/outbox-event.entity';

/** Entities a service adds to its ServicePersistence.entities to publish and consume events. */
export const messagingEntities = [OutboxEvent, InboxEntry];

function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`Invalid schema name for messaging: ${schema}`);
}

/**
 * SQL a service appends to the migration that creates outbox_event (MikroORM cannot generate it): partial indexes for
 * the relay's "due" scan and the retention purge. No trigger: a relay hears of its own process's commits in memory
 * (ADR 0025).
 *
 *   for (const sql of messagingMigrationSql('registry')) this.addSql(sql);
 */
export function messagingMigrationSql(schema: string): string[] {
  assertSchemaName(schema);
  const table = `"${schema}".outbox_event`;
  return [
    `create index if not exists outbox_event_due_idx on ${table} (next_attempt_at, id) where published_at is null;`,
    `create index if not exists outbox_event_published_at_idx on ${table} (published_at) where published_at is not null;`,
  ];
}

/**
 * SQL that removes the NOTIFY trigger earlier migrations created on outbox_event (ADR 0025: every transaction that
 * notified serialised PostgreSQL's commits). For one migration per service, after the one that created it.
 */
export function dropOutboxNotifySql(schema: string): string[] {
  assertSchemaName(schema);
  return [`drop trigger if exists outbox_event_notify on "${schema}".outbox_event;`, `drop function if exists "${schema}".outbox_event_notify();`];
}
