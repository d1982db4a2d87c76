import { Migration } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function assertSchemaName(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`invalid schema name ${schema}`);
  return schema;
}

/** Advisory-lock key text of a schema's audit chain (hashed with `hashtext` in SQL). */
export function auditLockKey(schema: string): string {
  return `tsunagu.audit:${schema}`;
}

/** Advisory-lock key text of the sealer leadership of a schema (held on one dedicated session). */
export function auditSealerLockKey(schema: string): string {
  return `tsunagu.audit-sealer:${schema}`;
}

/**
 * DDL of the append-only audit trail in `schema`: the hash-chained `audit_record`, signed
 * `audit_checkpoint`s, and triggers that refuse UPDATE, DELETE and TRUNCATE on both, for every role
 * including the owner (only someone who can disable triggers — a superuser or the owner with ALTER —
 * can tamper, and verification detects it). Add it to the service's first migration.
 */
export function auditMigrationSql(schema: string): string[] {
  const s = `"${assertSchemaName(schema)}"`;
  return [
    `create schema if not exists ${s}`,
    `create table ${s}.audit_record (
      seq bigserial primary key,
      id uuid not null unique,
      occurred_at timestamptz not null,
      actor text,
      roles text[] not null default '{}',
      agency text,
      municipality varchar(6),
      client boolean not null default false,
      action text not null check (action ~ '^[a-z][a-z-]*$'),
      resource_type text not null,
      resource_id text,
      outcome text not null check (outcome in ('success', 'denied', 'error')),
      http_status smallint,
      request_id text,
      trace_id text,
      prev_hash char(64) not null,
      hash char(64) not null unique
    )`,
    `create index audit_record_municipality_time_idx on ${s}.audit_record (municipality, occurred_at)`,
    `create index audit_record_actor_time_idx on ${s}.audit_record (actor, occurred_at)`,
    `create index audit_record_resource_idx on ${s}.audit_record (resource_type, resource_id, occurred_at)`,
    `create table ${s}.audit_checkpoint (
      id bigserial primary key,
      created_at timestamptz not null default now(),
      chain_seq bigint not null,
      head_hash char(64) not null,
      key_id text not null,
      signature text not null
    )`,
    `create or replace function ${s}.audit_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit trail is append-only: % on %.% refused', tg_op, tg_table_schema, tg_table_name
          using errcode = 'insufficient_privilege';
      end
    $$`,
    `create trigger audit_record_append_only before update or delete on ${s}.audit_record for each row execute function ${s}.audit_refuse_change()`,
    `create trigger audit_record_no_truncate before truncate on ${s}.audit_record for each statement execute function ${s}.audit_refuse_change()`,
    `create trigger audit_checkpoint_append_only before update or delete on ${s}.audit_checkpoint for each row execute function ${s}.audit_refuse_change()`,
    `create trigger audit_checkpoint_no_truncate before truncate on ${s}.audit_checkpoint for each statement execute function ${s}.audit_refuse_change()`,
    `revoke update, delete, truncate on ${s}.audit_record, ${s}.audit_checkpoint from public`,
  ];
}

/** Columns the sealer fills once (null → value) and nothing else may change (ADR 0011). */
export const AUDIT_SEALING_COLUMNS = ['chain_pos', 'prev_hash', 'hash', 'gap', 'sealed_at'] as const;

/**
 * DDL that moves an existing trail (created by `auditMigrationSql`) to records written in the business transaction
 * and sealed after it (ADR 0011): records are inserted unsealed (no chain lock), the sealer later assigns a dense
 * `chain_pos`, `prev_hash` and `hash`; `subject_ids` says whose data a request exposed. Existing rows were linked
 * in `seq` order under the chain lock, so they get `chain_pos` = their rank by `seq` (equal to `seq` unless an
 * append was rolled back and burned a number) and keep their hashes; `sealed_at` stays null on them, which is how
 * verification knows they predate the sealer's gap notes. Apply it once, in its own migration, after the first.
 */
export function auditSealingMigrationSql(schema: string): string[] {
  const s = `"${assertSchemaName(schema)}"`;
  const sealing = AUDIT_SEALING_COLUMNS.map((column) => `'${column}'`).join(', ');
  return [
    `alter table ${s}.audit_record
      alter column prev_hash drop not null,
      alter column hash drop not null,
      add column subject_ids text[] not null default '{}',
      add column chain_pos bigint,
      add column gap jsonb,
      add column sealed_at timestamptz`,
    // The backfill is the one change the owner makes to existing rows; the append-only trigger is off only inside this transaction.
    `alter table ${s}.audit_record disable trigger audit_record_append_only`,
    `update ${s}.audit_record r set chain_pos = ranked.pos from (select seq, row_number() over (order by seq) as pos from ${s}.audit_record) ranked where r.seq = ranked.seq`,
    `alter table ${s}.audit_record enable trigger audit_record_append_only`,
    `alter table ${s}.audit_record add constraint audit_record_chain_pos_key unique (chain_pos)`,
    `alter table ${s}.audit_record add constraint audit_record_sealed_together check (
      (chain_pos is null) = (hash is null) and (hash is null) = (prev_hash is null) and (chain_pos is not null or (gap is null and sealed_at is null)))`,
    `create index audit_record_unsealed_idx on ${s}.audit_record (seq) where chain_pos is null`,
    `create index audit_record_subject_ids_idx on ${s}.audit_record using gin (subject_ids)`,
    `alter table ${s}.audit_checkpoint add column chain_pos bigint`,
    `create or replace function ${s}.audit_record_seal_only() returns trigger language plpgsql as $$
      begin
        -- The sealer's one update: chain fields from null to a value, every other column unchanged.
        if tg_op = 'UPDATE' and old.chain_pos is null and old.prev_hash is null and old.hash is null and old.gap is null and old.sealed_at is null
           and new.chain_pos is not null and new.prev_hash is not null and new.hash is not null
           and (to_jsonb(new) - array[${sealing}]) = (to_jsonb(old) - array[${sealing}]) then
          return new;
        end if;
        raise exception 'audit trail is append-only: % on %.% refused', tg_op, tg_table_schema, tg_table_name
          using errcode = 'insufficient_privilege';
      end
    $$`,
    `drop trigger audit_record_append_only on ${s}.audit_record`,
    `create trigger audit_record_append_only before update or delete on ${s}.audit_record for each row execute function ${s}.audit_record_seal_only()`,
  ];
}

/**
 * DDL that moves the seals out of `audit_record` into `audit_seal` (ADR 0028, amends ADR 0011): one narrow row per
 * sealed record (seq, chain_pos, prev_hash, hash, gap, sealed_at), inserted by the sealer. Sealing updated each record in
 * place — a second tuple with entries in every index of the record (chain_pos and hash are indexed, so never a heap-only
 * update) and a dead tuple for vacuum, 39–48 µs a record against 6.5 µs for this insert. The existing seals are copied
 * as they are (`sealed_at` stays null on records chained before the sealer); `audit_record` loses its chain columns and
 * goes back to refusing every UPDATE; `audit_seal` is append-only the same way. Apply it once, in its own migration,
 * after `auditSealingMigrationSql`.
 */
export function auditSealTableMigrationSql(schema: string): string[] {
  const s = `"${assertSchemaName(schema)}"`;
  return [
    `create table ${s}.audit_seal (
      seq bigint primary key,
      chain_pos bigint not null unique,
      prev_hash char(64) not null,
      hash char(64) not null unique,
      gap jsonb,
      sealed_at timestamptz
    )`,
    // The sealer looks for late records (committed after their number was passed over) in the gaps it noted lately.
    `create index audit_seal_gap_idx on ${s}.audit_seal (sealed_at) where gap is not null`,
    `insert into ${s}.audit_seal (seq, chain_pos, prev_hash, hash, gap, sealed_at)
      select seq, chain_pos, prev_hash, hash, gap, sealed_at from ${s}.audit_record where chain_pos is not null`,
    `create trigger audit_seal_append_only before update or delete on ${s}.audit_seal for each row execute function ${s}.audit_refuse_change()`,
    `create trigger audit_seal_no_truncate before truncate on ${s}.audit_seal for each statement execute function ${s}.audit_refuse_change()`,
    `revoke update, delete, truncate on ${s}.audit_seal from public`,
    `drop trigger audit_record_append_only on ${s}.audit_record`,
    `drop index ${s}.audit_record_unsealed_idx`,
    `alter table ${s}.audit_record
      drop constraint audit_record_sealed_together,
      drop constraint audit_record_chain_pos_key,
      drop constraint audit_record_hash_key,
      drop column chain_pos,
      drop column prev_hash,
      drop column hash,
      drop column gap,
      drop column sealed_at`,
    `drop function ${s}.audit_record_seal_only()`,
    `create trigger audit_record_append_only before update or delete on ${s}.audit_record for each row execute function ${s}.audit_refuse_change()`,
  ];
}

/** A ready-made migration moving the seals into their own table (ADR 0028), for a service's migration list. */
export function auditSealTableMigration(schema: string, name: string): MigrationObject {
  class AuditSealTableMigration extends Migration {
    override async up(): Promise<void> {
      for (const statement of auditSealTableMigrationSql(schema)) this.addSql(statement);
    }
  }
  return { name, class: AuditSealTableMigration };
}

/** A ready-made migration sealing the trail after the business transaction (ADR 0011), for a service's migration list. */
export function auditSealingMigration(schema: string, name: string): MigrationObject {
  class AuditSealingMigration extends Migration {
    override async up(): Promise<void> {
      for (const statement of auditSealingMigrationSql(schema)) this.addSql(statement);
    }
  }
  return { name, class: AuditSealingMigration };
}

/** A ready-made migration creating the audit trail, for services whose first migration is generated. */
export function auditMigration(schema: string, name = 'Migration00000000000000_audit'): MigrationObject {
  class AuditTrailMigration extends Migration {
    override async up(): Promise<void> {
      for (const statement of auditMigrationSql(schema)) this.addSql(statement);
    }
  }
  return { name, class: AuditTrailMigration };
}
