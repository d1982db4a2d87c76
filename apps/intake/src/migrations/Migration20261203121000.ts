import { Migration } from '@mikro-orm/migrations';

/**
 * A person recorded without saying how their identity was checked is 未確認 (unconfirmed), no longer 確認済. People
 * recorded before keep their level: whether staff checked them cannot be known now.
 */
export class Migration20261203121000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "intake"."person" alter column "identity_level" set default 'unconfirmed';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "intake"."person" alter column "identity_level" set default 'confirmed';`);
  }
}
