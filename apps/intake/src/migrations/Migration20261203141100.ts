import { Migration } from '@mikro-orm/migrations';

/** Audit records written in the business transaction and sealed into the chain after it (ADR 0011): chain_pos, subject_ids, a trigger that lets only the sealer link. */
export class Migration20261203141100 extends Migration {
  override async up(): Promise<void> {
    // Frozen output of auditSealingMigrationSql('intake') when this migration was written: a migration never changes with the helper.
    this.addSql(`alter table "intake".audit_record
      alter column prev_hash drop not null,
      alter column hash drop not null,
      add column subject_ids text[] not null default '{}',
      add column chain_pos bigint,
      add column gap jsonb,
      add column sealed_at timestamptz`);
    this.addSql(`alter table "intake".audit_record disable trigger audit_record_append_only`);
    this.addSql(`update "intake".audit_record r set chain_pos = ranked.pos from (select seq, row_number() over (order by seq) as pos from "intake".audit_record) ranked where r.seq = ranked.seq`);
    this.addSql(`alter table "intake".audit_record enable trigger audit_record_append_only`);
    this.addSql(`alter table "intake".audit_record add constraint audit_record_chain_pos_key unique (chain_pos)`);
    this.addSql(`alter table "intake".audit_record add constraint audit_record_sealed_together check (
      (chain_pos is null) = (hash is null) and (hash is null) = (prev_hash is null) and (chain_pos is not null or (gap is null and sealed_at is null)))`);
    this.addSql(`create index audit_record_unsealed_idx on "intake".audit_record (seq) where chain_pos is null`);
    this.addSql(`create index audit_record_subject_ids_idx on "intake".audit_record using gin (subject_ids)`);
    this.addSql(`alter table "intake".audit_checkpoint add column chain_pos bigint`);
    this.addSql(`create or replace function "intake".audit_record_seal_only() returns trigger language plpgsql as $$
      begin
        -- The sealer's one update: chain fields from null to a value, every other column unchanged.
        if tg_op = 'UPDATE' and old.chain_pos is null and old.prev_hash is null and old.hash is null and old.gap is null and old.sealed_at is null
           and new.chain_pos is not null and new.prev_hash is not null and new.hash is not null
           and (to_jsonb(new) - array['chain_pos', 'prev_hash', 'hash', 'gap', 'sealed_at']) = (to_jsonb(old) - array['chain_pos', 'prev_hash', 'hash', 'gap', 'sealed_at']) then
          return new;
        end if;
        raise exception 'audit trail is append-only: % on %.% refused', tg_op, tg_table_schema, tg_table_name
          using errcode = 'insufficient_privilege';
      end
    $$`);
    this.addSql(`drop trigger audit_record_append_only on "intake".audit_record`);
    this.addSql(`create trigger audit_record_append_only before update or delete on "intake".audit_record for each row execute function "intake".audit_record_seal_only()`);
  }
}
