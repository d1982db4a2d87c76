import { Migration } from '@mikro-orm/migrations';

/** The append-only audit trail (platform-audit): every report read, export and settings or indicator change. */
export class Migration20261128120000 extends Migration {
  override async up(): Promise<void> {
    // Frozen output of auditMigrationSql('reporting') when this migration was written: a migration never changes with the helper.
    this.addSql(`create schema if not exists "reporting"`);
    this.addSql(`create table "reporting".audit_record (
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
    )`);
    this.addSql(`create index audit_record_municipality_time_idx on "reporting".audit_record (municipality, occurred_at)`);
    this.addSql(`create index audit_record_actor_time_idx on "reporting".audit_record (actor, occurred_at)`);
    this.addSql(`create index audit_record_resource_idx on "reporting".audit_record (resource_type, resource_id, occurred_at)`);
    this.addSql(`create table "reporting".audit_checkpoint (
      id bigserial primary key,
      created_at timestamptz not null default now(),
      chain_seq bigint not null,
      head_hash char(64) not null,
      key_id text not null,
      signature text not null
    )`);
    this.addSql(`create or replace function "reporting".audit_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit trail is append-only: % on %.% refused', tg_op, tg_table_schema, tg_table_name
          using errcode = 'insufficient_privilege';
      end
    $$`);
    this.addSql(`create trigger audit_record_append_only before update or delete on "reporting".audit_record for each row execute function "reporting".audit_refuse_change()`);
    this.addSql(`create trigger audit_record_no_truncate before truncate on "reporting".audit_record for each statement execute function "reporting".audit_refuse_change()`);
    this.addSql(`create trigger audit_checkpoint_append_only before update or delete on "reporting".audit_checkpoint for each row execute function "reporting".audit_refuse_change()`);
    this.addSql(`create trigger audit_checkpoint_no_truncate before truncate on "reporting".audit_checkpoint for each statement execute function "reporting".audit_refuse_change()`);
    this.addSql(`revoke update, delete, truncate on "reporting".audit_record, "reporting".audit_checkpoint from public`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reporting"."audit_checkpoint" cascade;`);
    this.addSql(`drop table if exists "reporting"."audit_record" cascade;`);
    this.addSql(`drop function if exists "reporting"."audit_refuse_change"();`);
  }
}
