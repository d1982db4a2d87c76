import { InboxEntry } from './outbox/inbox-entry.entity';
import { OutboxEvent } from './outbox/outbox-event.entity';

/** Entities a service adds to its ServicePersistence.entities to publish and consume events. */
export const messagingEntities = [OutboxEvent, InboxEntry];

function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`Invalid schema name for messaging: ${schema}`);
}

/** LISTEN/NOTIFY channel the outbox trigger of `schema` notifies after each insert. */
export function outboxChannel(schema: string): string {
  assertSchemaName(schema);
  return `tsunagu_outbox_${schema}`;
}

/**
 * SQL a service appends to the migration that creates outbox_event (MikroORM cannot generate it):
 * a statement-level AFTER INSERT trigger that wakes the relay through pg_notify when the transaction commits,
 * and partial indexes for the relay's "due" scan and the retention purge.
 *
 *   for (const sql of messagingMigrationSql('registry')) this.addSql(sql);
 */
export function messagingMigrationSql(schema: string): string[] {
  const table = `"${schema}".outbox_event`;
  const channel = outboxChannel(schema);
  return [
    `create index if not exists outbox_event_due_idx on ${table} (next_attempt_at, id) where published_at is null;`,
    `create index if not exists outbox_event_published_at_idx on ${table} (published_at) where published_at is not null;`,
    `create or replace function "${schema}".outbox_event_notify() returns trigger language plpgsql as $$ begin perform pg_notify('${channel}', ''); return null; end $$;`,
    `drop trigger if exists outbox_event_notify on ${table};`,
    `create trigger outbox_event_notify after insert on ${table} for each statement execute function "${schema}".outbox_event_notify();`,
  ];
}
