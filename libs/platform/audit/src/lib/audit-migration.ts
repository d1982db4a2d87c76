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

/** A ready-made migration creating the audit trail, for services whose first migration is generated. */
export function auditMigration(schema: string, name = 'Migration00000000000000_audit'): MigrationObject {
  class AuditTrailMigration extends Migration {
    override async up(): Promise<void> {
      for (const statement of auditMigrationSql(schema)) this.addSql(statement);
    }
  }
  return { name, class: AuditTrailMigration };
}
