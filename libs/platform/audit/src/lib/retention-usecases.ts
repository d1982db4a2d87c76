import type { EntityManager } from '@mikro-orm/core';
import type { DestructionBatchStatus, DestructionItemStatus, LegalHoldReason, RetentionAction } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import type { ListQuery } from '@tsunagu/platform-http';
import { DomainException } from '@tsunagu/platform-errors';
import { findOrFail, type ListPage, assertVersion } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { v7 as uuidv7 } from 'uuid';
import { logDestruction } from './destruction-log';
import {
  decideDestructionBatch,
  forgetStoredResponses,
  DestructionBatch,
  destructionBatchShape,
  legalHoldShape,
  listDestructionBatches,
  listDestructionItems,
  listLegalHolds,
  pendingDestructionBatch,
  pendingDestructionItems,
  placeLegalHold,
  rejectDestructionBatch,
  releaseLegalHold,
  requireCitySupervisor,
  requireCityStaffForHold,
  type DestructionBatchShape,
  type DestructionItem,
  type DestructionItemShape,
  type LegalHoldShape,
  RetentionRule,
} from './retention';

/*
 * The use cases of retention every service with records of its own has — rules, holds, batches and their approval —
 * parameterised by what is the service's own: its record types and their default rules, whether a record exists, why a
 * listed record must stay at approval and what destroying one means.
 */

export interface RetentionRuleDefault<T extends string = string> {
  trigger: T;
  years: number;
  action: RetentionAction;
}

/**
 * The municipality's rules in `schema`, the defaults seeded on first use: `on conflict do nothing` on the
 * (municipality, record type) key, so two first requests at once seed one row each.
 */
export async function seededRetentionRules<R extends string>(em: EntityManager, schema: string, defaults: Record<R, RetentionRuleDefault>): Promise<Map<R, RetentionRule>> {
  const recordTypes = Object.keys(defaults) as R[];
  let rules = await em.find(RetentionRule, { recordType: { $in: recordTypes } });
  if (rules.length < recordTypes.length) {
    const municipality = TenantContext.requireMunicipality();
    for (const recordType of recordTypes) {
      const { trigger, years, action } = defaults[recordType];
      await em.getConnection().execute(
        `insert into "${schema}"."retention_rule" (id, municipality, record_type, "trigger", years, action) values (?, ?, ?, ?, ?, ?) on conflict (municipality, record_type) do nothing`,
        [uuidv7(), municipality, recordType, trigger, years, action],
        'run',
        em.getTransactionContext(),
      );
    }
    rules = await em.find(RetentionRule, { recordType: { $in: recordTypes } }, { refresh: true });
  }
  return new Map(rules.map((rule) => [rule.recordType as R, rule]));
}

export interface RetentionRuleShape<R extends string, T extends string> {
  id: string;
  recordType: R;
  trigger: T;
  years: number;
  action: RetentionAction;
  version: number;
  changedBy: string | null;
  updatedAt: string;
}

/** The rules of the service's record types, in their order (`recordTypes`); an admin changes one at a time. */
export abstract class RetentionRulesUseCaseBase<R extends string, T extends string> {
  constructor(
    protected readonly em: EntityManager,
    private readonly recordTypes: readonly R[],
  ) {}

  /** The municipality's rule per record type (seeded with the service's defaults). */
  protected abstract rules(em: EntityManager): Promise<Map<R, RetentionRule>>;

  async list(): Promise<RetentionRuleShape<R, T>[]> {
    return this.em.transactional(async (em) => {
      const rules = await this.rules(em);
      return this.recordTypes.map((type) => this.shape(rules.get(type) as RetentionRule));
    });
  }

  /** A new version of the rule: records already listed keep the version they were listed under. */
  async update(recordType: string, command: { years: number; action: RetentionAction }, expectedVersion: number): Promise<RetentionRuleShape<R, T>> {
    if (!(this.recordTypes as readonly string[]).includes(recordType)) throw DomainException.notFound('RetentionRule', recordType);
    return this.em.transactional(async (em) => {
      const rule = (await this.rules(em)).get(recordType as R) as RetentionRule;
      assertVersion(rule, expectedVersion, 'RetentionRule');
      rule.years = command.years;
      rule.action = command.action;
      rule.changedBy = TenantContext.principal()?.subject ?? null;
      await em.flush();
      return this.shape(rule);
    });
  }

  private shape(rule: RetentionRule): RetentionRuleShape<R, T> {
    const { id, years, action, version, changedBy } = rule;
    // The service's table holds its own record types and triggers only.
    return { id, recordType: rule.recordType as R, trigger: rule.trigger as T, years, action, version, changedBy, updatedAt: rule.updatedAt.toISOString() };
  }
}

export interface PlaceLegalHold<H extends string> {
  recordType: H;
  recordId: string;
  reason: LegalHoldReason;
  until?: string;
}

/** リーガルホールド: placed and released by city staff on a record the service holds, listed for auditors. */
export abstract class LegalHoldsUseCaseBase<H extends string> {
  constructor(protected readonly em: EntityManager) {}

  /** Whether the record a hold is placed on exists in the service (else 400 naming `recordId`). */
  protected abstract exists(em: EntityManager, recordType: H, recordId: string): Promise<boolean>;

  /** Called in the placing transaction, after the hold is written (e.g. to announce it). */
  protected placed?(em: EntityManager, hold: LegalHoldShape<H>): Promise<void> | void;

  /** Called in the releasing transaction. */
  protected released?(em: EntityManager, hold: LegalHoldShape<H>): Promise<void> | void;

  list(query: ListQuery & { recordType?: H; recordId?: string; active?: boolean }): Promise<ListPage<LegalHoldShape<H>>> {
    return listLegalHolds<H>(this.em, query, todayInJapan());
  }

  async place(command: PlaceLegalHold<H>): Promise<LegalHoldShape<H>> {
    const placedBy = requireCityStaffForHold();
    if (command.until !== undefined && command.until < todayInJapan()) throw DomainException.invalidField('until', 'the last day of the hold cannot be in the past');
    return this.em.transactional(async (em) => {
      if (!(await this.exists(em, command.recordType, command.recordId))) throw DomainException.invalidField('recordId', `no ${command.recordType} with this id`);
      const hold = legalHoldShape<H>(await placeLegalHold(em, command, placedBy), todayInJapan());
      await this.placed?.(em, hold);
      await em.flush();
      return hold;
    });
  }

  async release(id: string): Promise<LegalHoldShape<H>> {
    const releasedBy = requireCityStaffForHold();
    return this.em.transactional(async (em) => {
      const hold = legalHoldShape<H>(await releaseLegalHold(em, id, releasedBy), todayInJapan());
      await this.released?.(em, hold);
      await em.flush();
      return hold;
    });
  }
}

/** What the approval of a batch needs from the service, opened once per approval in its transaction. */
export interface DestructionDecider {
  /** Why a listed record must stay now: a legal hold placed since listing (`held`), or no longer due (`not-due`); null to destroy it. */
  keep(item: DestructionItem, today: string): Promise<'held' | 'not-due' | null>;
  /** Destroys the record as `item.action` says and announces it (outbox); the shell logs it. */
  destroy(item: DestructionItem, approval: { batchId: string; approvedBy: string; now: Date }): Promise<void>;
  /** After the batch is flushed, before commit (e.g. to name the persons destroyed on the approval's audit record). */
  approved?(destroyed: DestructionItem[]): void;
}

/**
 * 廃棄承認: a city supervisor (never a contracted desk's: destruction is the city's act under its 文書管理規程) approves a
 * batch, taking out the items that must stay (`removeItemIds`). Each remaining record is destroyed unless the service
 * keeps it (`held`: listed again once the hold ends; `not-due`: listed again when due), each destruction logged — all
 * in one transaction, a batch destroyed whole or not at all, with the stored responses naming them (in `schema`).
 * Returns the batch and the items destroyed.
 */
export async function approveDestructionBatch(
  em: EntityManager,
  id: string,
  removeItemIds: readonly string[] | undefined,
  approvedBy: string,
  open: (em: EntityManager) => Promise<DestructionDecider>,
  schema: string,
): Promise<{ batch: DestructionBatchShape; destroyed: DestructionItem[] }> {
  return em.transactional(async (tx) => {
    const batch = await pendingDestructionBatch(tx, id);
    const { items, remove } = await pendingDestructionItems(tx, batch.id, removeItemIds);
    const now = new Date();
    const today = todayInJapan(now);
    const decider = await open(tx);
    const destroyed: DestructionItem[] = [];
    for (const item of items) {
      const kept = remove.has(item.id) ? 'removed' : await decider.keep(item, today);
      if (kept) {
        item.status = kept;
        continue;
      }
      await decider.destroy(item, { batchId: batch.id, approvedBy, now });
      item.status = 'destroyed';
      destroyed.push(item);
      const { recordType, recordId, action, ruleId, ruleVersion } = item;
      logDestruction(tx, [{ recordType, recordId, action, ruleId, ruleVersion, batchId: batch.id, approvedBy, destroyedAt: now }]);
    }
    if (destroyed.length > 0) await forgetStoredResponses(tx, schema, destroyed.map((item) => item.recordId));
    decideDestructionBatch(batch, 'approved', approvedBy, now);
    await tx.flush();
    decider.approved?.(destroyed);
    return { batch: destructionBatchShape(batch), destroyed };
  });
}

/** The batches of a service: listed, read, approved (with the service's `decider`) or rejected by a city supervisor. */
export abstract class DestructionBatchesUseCaseBase<R extends string> {
  /** `schema`: the service's, where its idempotency keys are kept. */
  constructor(
    protected readonly em: EntityManager,
    private readonly schema: string,
  ) {}

  /** The service's part of an approval, in its transaction. */
  protected abstract decider(em: EntityManager): Promise<DestructionDecider>;

  list(query: ListQuery & { status?: DestructionBatchStatus }): Promise<ListPage<DestructionBatchShape>> {
    return listDestructionBatches(this.em, query);
  }

  async get(id: string): Promise<DestructionBatchShape> {
    return destructionBatchShape(await findOrFail(this.em, DestructionBatch, 'DestructionBatch', id));
  }

  items(batchId: string, query: ListQuery & { status?: DestructionItemStatus }): Promise<ListPage<DestructionItemShape<R>>> {
    return listDestructionItems<R>(this.em, batchId, query);
  }

  async approve(id: string, command: { removeItemIds?: string[] }): Promise<DestructionBatchShape> {
    const approver = requireCitySupervisor();
    return (await approveDestructionBatch(this.em, id, command.removeItemIds, approver, (em) => this.decider(em), this.schema)).batch;
  }

  /** Nothing in the batch is destroyed; its records are listed again only when their rule changes. */
  reject(id: string): Promise<DestructionBatchShape> {
    return rejectDestructionBatch(this.em, id, requireCitySupervisor());
  }
}
