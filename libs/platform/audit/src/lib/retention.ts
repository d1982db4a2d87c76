import { Entity, Index, LockMode, Property, Unique, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { DestructionBatchStatus, DestructionItemStatus, LegalHoldReason, RetentionAction } from '@tsunagu/contracts';
import { isCityStaff } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { paging, type ListQuery } from '@tsunagu/platform-http';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { findOrFail, listPage, pgArray, type ListPage, TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

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

/**
 * Stored responses of idempotent POSTs (platform-http's `idempotency_key` in the service's schema) hold whatever the
 * response held — a person's name, a note — and are deleted only when their subject sends another key. On destruction
 * the ones naming a destroyed record go, and with them every expired one (of no use to a retry any more).
 */
export async function forgetStoredResponses(em: EntityManager, schema: string, recordIds: readonly string[]): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const naming = recordIds.map((id) => `%${id}%`);
  await em
    .getConnection()
    .execute(
      `delete from "${schema}"."idempotency_key" where created_at < now() - interval '24 hours' or response::text like any (?::text[])`,
      [pgArray(naming)],
      'run',
      em.getTransactionContext(),
    );
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

/*
 * The operations on holds and batches that do not depend on what a record is: each service's use cases call these with
 * its own EntityManager and narrow `recordType` to its own codes (its tables hold nothing else).
 */

export interface LegalHoldShape<R extends string> {
  id: string;
  recordType: R;
  recordId: string;
  reason: LegalHoldReason;
  placedBy: string;
  placedAt: string;
  until: string | null;
  releasedAt: string | null;
  releasedBy: string | null;
  /** In force today (not released, `until` not passed). */
  active: boolean;
}

export function legalHoldShape<R extends string>(hold: LegalHold, today: string): LegalHoldShape<R> {
  const { id, recordId, reason, placedBy, until, releasedBy } = hold;
  const active = hold.releasedAt === null && (hold.until === null || hold.until >= today);
  return { id, recordType: hold.recordType as R, recordId, reason, placedBy, placedAt: hold.placedAt.toISOString(), until, releasedAt: hold.releasedAt?.toISOString() ?? null, releasedBy, active };
}

/** Holds, newest first, by record and by whether they are in force on `today`. */
export async function listLegalHolds<R extends string>(
  em: EntityManager,
  query: ListQuery & { recordType?: R; recordId?: string; active?: boolean },
  today: string,
): Promise<ListPage<LegalHoldShape<R>>> {
  const page = paging(query, ['placedAt', 'id'], '-placedAt');
  const inForce: FilterQuery<LegalHold> = { releasedAt: null, $or: [{ until: null }, { until: { $gte: today } }] };
  const ended: FilterQuery<LegalHold> = { $or: [{ releasedAt: { $ne: null } }, { until: { $lt: today } }] };
  const where: FilterQuery<LegalHold> = {
    ...(query.recordType ? { recordType: query.recordType } : {}),
    ...(query.recordId ? { recordId: query.recordId } : {}),
    ...(query.active === undefined ? {} : query.active ? inForce : ended),
  };
  const [holds, total] = await em.findAndCount(LegalHold, where, { limit: page.limit, offset: page.offset, orderBy: [page.orderBy, { id: 'asc' }] });
  return listPage(holds.map((hold) => legalHoldShape<R>(hold, today)), total, page);
}

/** Places a hold on a record the caller checked exists (city staff only; `until` not in the past). */
export async function placeLegalHold(em: EntityManager, hold: { recordType: string; recordId: string; reason: LegalHoldReason; until?: string }, placedBy: string): Promise<LegalHold> {
  const placed = Object.assign(new LegalHold(), { recordType: hold.recordType, recordId: hold.recordId, reason: hold.reason, placedBy, placedAt: new Date(), until: hold.until ?? null });
  em.persist(placed);
  await em.flush();
  return placed;
}

/** Releases a hold (解除); 404 when unknown, 409 when already released. */
export async function releaseLegalHold(em: EntityManager, id: string, releasedBy: string): Promise<LegalHold> {
  const hold = await em.findOne(LegalHold, { id });
  if (!hold) throw DomainException.notFound('LegalHold', id);
  if (hold.releasedAt) throw new DomainException(DomainErrorCode.Conflict, `Legal hold ${id} was already released`);
  hold.releasedAt = new Date();
  hold.releasedBy = releasedBy;
  await em.flush();
  return hold;
}

export interface DestructionBatchShape {
  id: string;
  listedAt: string;
  status: DestructionBatchStatus;
  itemCount: number;
  decidedAt: string | null;
  decidedBy: string | null;
}

export function destructionBatchShape(batch: DestructionBatch): DestructionBatchShape {
  const { id, status, itemCount, decidedBy } = batch;
  return { id, listedAt: batch.listedAt.toISOString(), status, itemCount, decidedAt: batch.decidedAt?.toISOString() ?? null, decidedBy };
}

export interface DestructionItemShape<R extends string> {
  id: string;
  batchId: string;
  recordType: R;
  recordId: string;
  ruleId: string;
  ruleVersion: number;
  action: RetentionAction;
  triggeredOn: string;
  dueOn: string;
  status: DestructionItemStatus;
}

export function destructionItemShape<R extends string>(item: DestructionItem): DestructionItemShape<R> {
  const { id, batchId, recordId, ruleId, ruleVersion, action, triggeredOn, dueOn, status } = item;
  return { id, batchId, recordType: item.recordType as R, recordId, ruleId, ruleVersion, action, triggeredOn, dueOn, status };
}

/** Batches, newest first, optionally of one status. */
export async function listDestructionBatches(em: EntityManager, query: ListQuery & { status?: DestructionBatchStatus }): Promise<ListPage<DestructionBatchShape>> {
  const page = paging(query, ['listedAt', 'id'], '-listedAt');
  const where: FilterQuery<DestructionBatch> = query.status ? { status: query.status } : {};
  const [batches, total] = await em.findAndCount(DestructionBatch, where, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
  return listPage(batches.map(destructionBatchShape), total, page);
}

/** The items of a batch (404 for an unknown batch), by due date. */
export async function listDestructionItems<R extends string>(
  em: EntityManager,
  batchId: string,
  query: ListQuery & { status?: DestructionItemStatus },
): Promise<ListPage<DestructionItemShape<R>>> {
  await findOrFail(em, DestructionBatch, 'DestructionBatch', batchId);
  const page = paging(query, ['dueOn', 'recordType', 'id'], 'dueOn');
  const where: FilterQuery<DestructionItem> = { batchId, ...(query.status ? { status: query.status } : {}) };
  const [items, total] = await em.findAndCount(DestructionItem, where, { limit: page.limit, offset: page.offset, orderBy: [page.orderBy, { id: 'asc' }] });
  return listPage(items.map((item) => destructionItemShape<R>(item)), total, page);
}

/** The batch still waiting for a decision, locked against a second decision at the same time (404, 409). */
export async function pendingDestructionBatch(em: EntityManager, id: string): Promise<DestructionBatch> {
  const batch = await em.findOne(DestructionBatch, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!batch) throw DomainException.notFound('DestructionBatch', id);
  if (batch.status !== 'pending-approval') throw new DomainException(DomainErrorCode.Conflict, `Destruction batch ${id} was already decided (${batch.status})`);
  return batch;
}

/** The pending items of a batch, checked against the approver's `removeItemIds` (400 naming the field for a stranger). */
export async function pendingDestructionItems(em: EntityManager, batchId: string, removeItemIds: readonly string[] = []): Promise<{ items: DestructionItem[]; remove: Set<string> }> {
  const items = await em.find(DestructionItem, { batchId, status: 'pending' }, { orderBy: { id: 'asc' } });
  const remove = new Set(removeItemIds);
  const unknown = [...remove].find((itemId) => !items.some((item) => item.id === itemId));
  if (unknown) throw DomainException.invalidField('removeItemIds', `item ${unknown} is not a pending item of this batch`);
  return { items, remove };
}

/** Records the decision on a batch (its items' statuses set by the caller). */
export function decideDestructionBatch(batch: DestructionBatch, status: 'approved' | 'rejected', decidedBy: string, at = new Date()): void {
  batch.status = status;
  batch.decidedAt = at;
  batch.decidedBy = decidedBy;
}

/** Rejects a pending batch: nothing is destroyed, its items are `removed` (listed again only under a new rule version). */
export async function rejectDestructionBatch(em: EntityManager, id: string, decidedBy: string): Promise<DestructionBatchShape> {
  return em.transactional(async (tx) => {
    const batch = await pendingDestructionBatch(tx, id);
    await tx.nativeUpdate(DestructionItem, { batchId: batch.id, status: 'pending' }, { status: 'removed' });
    decideDestructionBatch(batch, 'rejected', decidedBy);
    await tx.flush();
    return destructionBatchShape(batch);
  });
}
