import { Migration } from '@mikro-orm/migrations';

/** The outbox's NOTIFY trigger goes (ADR 0025): the relay hears of its own process's commits in memory. */
export class Migration20261208100000 extends Migration {
  override async up(): Promise<void> {
    // Frozen output of dropOutboxNotifySql('outreach') when this migration was written: a migration never changes with the helper.
    this.addSql(`drop trigger if exists outbox_event_notify on "outreach".outbox_event;`);
    this.addSql(`drop function if exists "outreach".outbox_event_notify();`);
  }
}
