import { Entity, Index, Property, Unique, type EntityManager } from '@mikro-orm/core';
import type { DestructionBatchStatus, DestructionItemStatus, LegalHoldReason, RetentionAction } from '@tsunagu/contracts';
import { isCityStaff } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-http';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/*
 * Retention and destruction (DOMAIN §5.3, issue 19), the parts every service that destroys records of its own shares:
 * the rule, legal hold, batch and item tables (each service's migration creates them in its own schema, written out
 * there), the 年度末起算 due date, and who may decide. The record types, what "due" and "destroy" mean, and the codes'
 * labels stay with the service (intake: person, consultation, case; outreach: outreach-target).
 */

/**
 * One period of the city's 文書管理規程: records of a type are due for destruction `years` after the trigger, counted
 * from the end of the 年度 the trigger falls in (年度末起算). The optimistic-lock `version` is the rule's version: every
 * edit raises it, and the destruction log names the version a record was destroyed under.
 */
@Entity({ tableName: 'retention_rule' })
@TenantScoped()
@Unique({ properties: ['municipality', 'recordType'] })
export class RetentionRule extends TenantEntity {
  @Property({ type: 'string', length: 30 })
  recordType!: string;

  @Property({ type: 'string', length: 30 })
  trigger!: string;

  @Property({ type: 'integer' })
  years!: number;

  @Property({ type: 'string', length: 10 })
  action!: RetentionAction;

  /** Subject of the admin who last changed it (null for the seeded default). */
  @Property({ type: 'string', length: 200, nullable: true })
  changedBy: string | null = null;
}

/**
 * リーガルホールド: while in force (not released, `until` not passed) the record — and, on a person, every record of the
 * person — is never destroyed. Reason code only: the matter itself stays in the city's own files.
 */
@Entity({ tableName: 'legal_hold' })
@TenantScoped()
@Index({ name: 'legal_hold_record_idx', properties: ['municipality', 'recordType', 'recordId'] })
export class LegalHold extends TenantEntity {
  @Property({ type: 'string', length: 30 })
  recordType!: string;

  @Property({ type: 'uuid' })
  recordId!: string;

  @Property({ type: 'string', length: 30 })
  reason!: LegalHoldReason;

  @Property({ type: 'string', length: 200 })
  placedBy!: string;

  @Property({ type: 'datetime' })
  placedAt!: Date;

  /** The hold ends by itself after this day (null: until released). */
  @Property({ type: 'date', nullable: true })
  until: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  releasedAt: Date | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  releasedBy: string | null = null;
}

/** 廃棄予定一覧: what one run of the retention check found due, waiting for a city supervisor's approval. */
@Entity({ tableName: 'destruction_batch' })
@TenantScoped()
@Index({ properties: ['municipality', 'status', 'listedAt'] })
export class DestructionBatch extends TenantEntity {
  @Property({ type: 'datetime' })
  listedAt!: Date;

  @Property({ type: 'string', length: 20 })
  status: DestructionBatchStatus = 'pending-approval';

  @Property({ type: 'integer' })
  itemCount = 0;

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  decidedBy: string | null = null;
}

/**
 * One record of a batch. A record is listed once (each service's migration has a partial unique index keeping one live
 * item per record): a removed item is listed again only when its rule changes.
 */
@Entity({ tableName: 'destruction_item' })
@TenantScoped()
@Index({ properties: ['batchId'] })
@Index({ name: 'destruction_item_record_idx', properties: ['municipality', 'recordType', 'recordId'] })
export class DestructionItem extends TenantEntity {
  @Property({ type: 'uuid' })
  batchId!: string;

  @Property({ type: 'string', length: 30 })
  recordType!: string;

  @Property({ type: 'uuid' })
  recordId!: string;

  @Property({ type: 'uuid' })
  ruleId!: string;

  @Property({ type: 'integer' })
  ruleVersion!: number;

  @Property({ type: 'string', length: 10 })
  action!: RetentionAction;

  /** The trigger date and the first day the record could be destroyed. */
  @Property({ type: 'date' })
  triggeredOn!: string;

  @Property({ type: 'date' })
  dueOn!: string;

  @Property({ type: 'string', length: 20 })
  status: DestructionItemStatus = 'pending';
}

/** The retention tables, for a service's entity list. */
export const retentionEntities = [RetentionRule, LegalHold, DestructionBatch, DestructionItem];

/**
 * SQL for the first day after the period: `years` (the `?` it leaves) after the end of the 年度 (April–March) the date
 * expression falls in (年度末起算).
 */
export const dueOnSql = (date: string) =>
  `make_date(extract(year from ${date})::int - (case when extract(month from ${date}) < 4 then 1 else 0 end) + 1 + ?::int, 4, 1)`;

/** SQL condition on a legal hold aliased `h`: in force on the date given as its `?`. */
export const HOLD_IN_FORCE = `h.released_at is null and (h.until is null or h.until >= ?::date)`;

/**
 * Takes the municipality's retention advisory lock for the transaction (`scope` names the service's check), so two
 * replicas never list the same records at once; false when another holds it.
 */
export async function tryRetentionLock(em: EntityManager, scope: string, municipality: string): Promise<boolean> {
  const [lock] = await em
    .getConnection()
    .execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(hashtext(?), hashtext(?)) as locked`, [scope, municipality], 'all', em.getTransactionContext());
  return lock?.locked === true;
}

/** Destruction is the city's decision: a supervisor of the city, not of a contracted desk, and never a machine client. */
export function requireCitySupervisor(): string {
  const principal = TenantContext.principal();
  if (!principal || !isCityStaff(principal) || !principal.roles.includes('supervisor')) {
    throw new DomainException(DomainErrorCode.Forbidden, 'Only a supervisor of the city can approve or reject a destruction batch');
  }
  return principal.subject;
}

/** Legal holds are the city's: placed and released by its staff only. */
export function requireCityStaffForHold(): string {
  const principal = TenantContext.principal();
  if (!principal || !isCityStaff(principal)) throw new DomainException(DomainErrorCode.Forbidden, 'Only city staff place or release a legal hold');
  return principal.subject;
}
