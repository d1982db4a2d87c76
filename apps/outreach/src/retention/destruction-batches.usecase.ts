import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { OutreachTargetDestroyed, type OutreachRetentionRecordType } from '@tsunagu/contracts';
import {
  decideDestructionBatch,
  DestructionBatch,
  destructionBatchShape,
  listDestructionBatches,
  listDestructionItems,
  logDestruction,
  pendingDestructionBatch,
  pendingDestructionItems,
  rejectDestructionBatch,
  requireCitySupervisor,
} from '@tsunagu/platform-audit';
import { TenantContext } from '@tsunagu/platform-context';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { findOrFail, type ListPage } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { destroyTargets } from './destroy-targets';
import { dueTargets, TARGET_HELD, targetRetentionRule } from './due-targets';
import type {
  ApproveOutreachDestructionCommand,
  OutreachDestructionBatchListQuery,
  OutreachDestructionBatchView,
  OutreachDestructionItemListQuery,
  OutreachDestructionItemView,
} from './retention.dto';

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
    private readonly events: EventRecorder,
  ) {}

  list(query: OutreachDestructionBatchListQuery): Promise<ListPage<OutreachDestructionBatchView>> {
    return listDestructionBatches(this.em, query);
  }

  async get(id: string): Promise<OutreachDestructionBatchView> {
    return destructionBatchShape(await findOrFail(this.em, DestructionBatch, 'DestructionBatch', id));
  }

  items(batchId: string, query: OutreachDestructionItemListQuery): Promise<ListPage<OutreachDestructionItemView>> {
    return listDestructionItems<OutreachRetentionRecordType>(this.em, batchId, query);
  }

  async approve(id: string, command: ApproveOutreachDestructionCommand): Promise<OutreachDestructionBatchView> {
    const approver = requireCitySupervisor();
    return this.em.transactional(async (em) => {
      const batch = await pendingDestructionBatch(em, id);
      const { items, remove } = await pendingDestructionItems(em, batch.id, command.removeItemIds);
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
          this.events.record(em, OutreachTargetDestroyed, item.recordId, { ...entry, targetId: item.recordId, destroyedAt: now.toISOString() });
        }
      }
      decideDestructionBatch(batch, 'approved', approver, now);
      await em.flush();
      return destructionBatchShape(batch);
    });
  }

  /** Nothing in the batch is destroyed; its targets are listed again only when the rule changes. */
  reject(id: string): Promise<OutreachDestructionBatchView> {
    return rejectDestructionBatch(this.em, id, requireCitySupervisor());
  }

  private async held(em: EntityManager, targetId: string, today: string): Promise<boolean> {
    const sql = `select 1 from "outreach"."outreach_target" t where t.id = ?::uuid and ${TARGET_HELD}`;
    const rows = await em.getConnection().execute(sql, [targetId, TenantContext.requireMunicipality(), today], 'all', em.getTransactionContext());
    return rows.length > 0;
  }
}
