import { Migration } from '@mikro-orm/migrations';

/** Room on outbox pages for the relay's lease: its updates stay on the row's page (HOT), adding no index entries. */
export class Migration20261210100000 extends Migration {
  override async up(): Promise<void> {
    // Frozen output of outboxFillfactorSql('intake') when this migration was written: a migration never changes with the helper.
    this.addSql(`alter table "intake".outbox_event set (fillfactor = 50);`);
  }
}
