import { Migration } from '@mikro-orm/migrations';

/** Seals in a table of their own (ADR 0028): sealing inserts a narrow row instead of updating the record in place. */
export class Migration20261211100000 extends Migration {
  override async up(): Promise<void> {
    // Frozen output of auditSealTableMigrationSql('registry') when this migration was written: a migration never changes with the helper.
    this.addSql(`create table "registry".audit_seal (
      seq bigint primary key,
      chain_pos bigint not null unique,
      prev_hash char(64) not null,
      hash char(64) not null unique,
      gap jsonb,
      sealed_at timestamptz
    );`);
    this.addSql(`create index audit_seal_gap_idx on "registry".audit_seal (sealed_at) where gap is not null;`);
    this.addSql(`insert into "registry".audit_seal (seq, chain_pos, prev_hash, hash, gap, sealed_at)
      select seq, chain_pos, prev_hash, hash, gap, sealed_at from "registry".audit_record where chain_pos is not null;`);
    this.addSql(`create trigger audit_seal_append_only before update or delete on "registry".audit_seal for each row execute function "registry".audit_refuse_change();`);
    this.addSql(`create trigger audit_seal_no_truncate before truncate on "registry".audit_seal for each statement execute function "registry".audit_refuse_change();`);
    this.addSql(`revoke update, delete, truncate on "registry".audit_seal from public;`);
    this.addSql(`drop trigger audit_record_append_only on "registry".audit_record;`);
    this.addSql(`drop index "registry".audit_record_unsealed_idx;`);
    this.addSql(`alter table "registry".audit_record
      drop constraint audit_record_sealed_together,
      drop constraint audit_record_chain_pos_key,
      drop constraint audit_record_hash_key,
      drop column chain_pos,
      drop column prev_hash,
      drop column hash,
      drop column gap,
      drop column sealed_at;`);
    this.addSql(`drop function "registry".audit_record_seal_only();`);
    this.addSql(`create trigger audit_record_append_only before update or delete on "registry".audit_record for each row execute function "registry".audit_refuse_change();`);
  }
}
