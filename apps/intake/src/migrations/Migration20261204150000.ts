import { Migration } from '@mikro-orm/migrations';

/** A referral whose consent was withdrawn with nothing else covering the receiving organisation (it can no longer be accepted). */
export class Migration20261204150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "intake"."referral" add column "consent_lapsed_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "intake"."referral" drop column "consent_lapsed_at";`);
  }
}
