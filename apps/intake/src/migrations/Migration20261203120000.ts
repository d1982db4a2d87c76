import { Migration } from '@mikro-orm/migrations';

/** A declined (不受理) or failed (不調) referral records why as a code (issue 15); referrals closed before keep none. */
export class Migration20261203120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "intake"."referral" add column "reason_code" varchar(30) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "intake"."referral" drop column if exists "reason_code";`);
  }
}
