import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, type FilterQuery } from '@mikro-orm/core';
import { OutreachTargetDestroyed, type OutreachRetentionRecordType } from '@tsunagu/contracts';
import { DestructionBatch, DestructionItem, logDestruction, requireCitySupervisor } from '@tsunagu/platform-audit';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException, findOrFail, listPage, paging, type ListPage } from '@tsunagu/platform-http';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { OutreachEvents } from '../shared/outreach-events';
import { destroyTargets } from './destroy-targets';
import { dueTargets, TARGET_HELD, targetRetentionRule } from './due-targets';
import type {
  ApproveOutreachDestructionCommand,
  OutreachDestructionBatchListQuery,
  OutreachDestructionBatchView,
  OutreachDestructionItemListQuery,
  OutreachDestructionItemView,
} from './retention.dto';

function batchView(batch: DestructionBatch): OutreachDestructionBatchView {
  const { id, status, itemCount, decidedBy } = batch;
  return { id, listedAt: batch.listedAt.toISOString(), status, itemCount, decidedAt: batch.decidedAt?.toISOString() ?? null, decidedBy };
}

function itemView(item: DestructionItem): OutreachDestructionItemView {
  const { id, batchId, recordId, ruleId, ruleVersion, action, triggeredOn, dueOn, status } = item;
  return { id, batchId, recordType: item.recordType as OutreachRetentionRecordType, recordId, ruleId, ruleVersion, action, triggeredOn, dueOn, status };
}

/**
 * A city supervisor approves a batch of targets (intake's rules of approval: never a contracted desk's supervisor),
 * taking out the items that must stay. Each remaining target is destroyed as its rule says unless a legal hold came
 * after listing (`held`) or it is no longer due (a new contact, a longer period: `not-due`) — all in one transaction,
 * each destruction logged (ids and codes) and announced (outreach.target.destroyed).
 */
@Injectable()
export class OutreachDestructionBatchesUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: OutreachEvents,
  ) {}

  async list(query: OutreachDestructionBatchListQuery): Promise<ListPage<OutreachDestructionBatchView>> {
    const page = paging(query, ['listedAt', 'id'], '-listedAt');
    const where: FilterQuery<DestructionBatch> = query.status ? { status: query.status } : {};
    const [batches, total] = await this.em.findAndCount(DestructionBatch, where, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(batches.map(batchView), total, page);
  }

  async get(id: string): Promise<OutreachDestructionBatchView> {
    return batchView(await findOrFail(this.em, DestructionBatch, 'DestructionBatch', id));
  }

  async items(batchId: string, query: OutreachDestructionItemListQuery): Promise<ListPage<OutreachDestructionItemView>> {
    await findOrFail(this.em, DestructionBatch, 'DestructionBatch', batchId);
    const page = paging(query, ['dueOn', 'recordType', 'id'], 'dueOn');
    const where: FilterQuery<DestructionItem> = { batchId, ...(query.status ? { status: query.status } : {}) };
    const [items, total] = await this.em.findAndCount(DestructionItem, where, { limit: page.limit, offset: page.offset, orderBy: [page.orderBy, { id: 'asc' }] });
    return listPage(items.map(itemView), total, page);
  }

  async approve(id: string, command: ApproveOutreachDestructionCommand): Promise<OutreachDestructionBatchView> {
    const approver = requireCitySupervisor();
    return this.em.transactional(async (em) => {
      const batch = await this.pending(em, id);
      const items = await em.find(DestructionItem, { batchId: batch.id, status: 'pending' }, { orderBy: { id: 'asc' } });
      const remove = new Set(command.removeItemIds ?? []);
      const unknown = [...remove].find((itemId) => !items.some((item) => item.id === itemId));
      if (unknown) throw DomainException.invalidField('removeItemIds', `item ${unknown} is not a pending item of this batch`);
      const now = new Date();
      const today = todayInJapan(now);
      const rule = await targetRetentionRule(em);
      for (const item of items) {
        if (remove.has(item.id)) item.status = 'removed';
        else if (await this.held(em, item.recordId, today)) item.status = 'held';
        else if ((await dueTargets(em, today, rule, { sql: 'and t.id = ?::uuid', params: [item.recordId] })).length === 0) item.status = 'not-due';
        else {
          await destroyTargets(em, [item.recordId], item.action);
          item.status = 'destroyed';
          const entry = { action: item.action, ruleId: item.ruleId, ruleVersion: item.ruleVersion, batchId: batch.id, approvedBy: approver };
          logDestruction(em, [{ ...entry, recordType: item.recordType, recordId: item.recordId, destroyedAt: now }]);
          await this.events.record(em, OutreachTargetDestroyed, item.recordId, { ...entry, targetId: item.recordId, destroyedAt: now.toISOString() });
        }
      }
      batch.status = 'approved';
      batch.decidedAt = now;
      batch.decidedBy = approver;
      await em.flush();
      return batchView(batch);
    });
  }

  /** Nothing in the batch is destroyed; its targets are listed again only when the rule changes. */
  async reject(id: string): Promise<OutreachDestructionBatchView> {
    const decider = requireCitySupervisor();
    return this.em.transactional(async (em) => {
      const batch = await this.pending(em, id);
      await em.nativeUpdate(DestructionItem, { batchId: batch.id, status: 'pending' }, { status: 'removed' });
      batch.status = 'rejected';
      batch.decidedAt = new Date();
      batch.decidedBy = decider;
      await em.flush();
      return batchView(batch);
    });
  }

  private async held(em: EntityManager, targetId: string, today: string): Promise<boolean> {
    const sql = `select 1 from "outreach"."outreach_target" t where t.id = ?::uuid and ${TARGET_HELD}`;
    const rows = await em.getConnection().execute(sql, [targetId, TenantContext.requireMunicipality(), today], 'all', em.getTransactionContext());
    return rows.length > 0;
  }

  /** The batch, locked against a second decision at the same time. */
  private async pending(em: EntityManager, id: string): Promise<DestructionBatch> {
    const batch = await em.findOne(DestructionBatch, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!batch) throw DomainException.notFound('DestructionBatch', id);
    if (batch.status !== 'pending-approval') throw new DomainException(DomainErrorCode.Conflict, `Destruction batch ${id} was already decided (${batch.status})`);
    return batch;
  }
}
