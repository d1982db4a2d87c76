import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { PersonDestroyed, type RetentionRecordType } from '@tsunagu/contracts';
import {
  decideDestructionBatch,
  DestructionBatch,
  destructionBatchShape,
  HOLD_IN_FORCE as IN_FORCE,
  listDestructionBatches,
  listDestructionItems,
  logDestruction,
  pendingDestructionBatch,
  pendingDestructionItems,
  recordAuditSubjects,
  rejectDestructionBatch,
  requireCitySupervisor,
  type DestructionItem,
  type RetentionRule,
} from '@tsunagu/platform-audit';
import { findOrFail, type ListPage } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { destroyRecord } from './destroy-records';
import { stillDue } from './list-due-records.usecase';
import { retentionRules } from './retention-rules';
import type {
  ApproveDestructionCommand,
  DestructionBatchListQuery,
  DestructionBatchView,
  DestructionItemListQuery,
  DestructionItemView,
} from './retention.dto';

/** Holds that stop destroying a record now: on the record, on its person, and for a person on any record of theirs. */
const HELD: Record<RetentionRecordType, string> = {
  person: `select 1 from "intake"."legal_hold" h where ${IN_FORCE} and (
             (h.record_type = 'person' and h.record_id = ?::uuid)
             or (h.record_type = 'consultation' and h.record_id in (select id from "intake"."consultation" where person_id = ?::uuid))
             or (h.record_type = 'case' and h.record_id in (select id from "intake"."multi_agency_case" where key_person_id = ?::uuid)))`,
  consultation: `select 1 from "intake"."legal_hold" h where ${IN_FORCE} and (
             (h.record_type = 'consultation' and h.record_id = ?::uuid)
             or (h.record_type = 'person' and h.record_id = (select person_id from "intake"."consultation" where id = ?::uuid)))`,
  case: `select 1 from "intake"."legal_hold" h where ${IN_FORCE} and (
             (h.record_type = 'case' and h.record_id = ?::uuid)
             or (h.record_type = 'person' and h.record_id = (select key_person_id from "intake"."multi_agency_case" where id = ?::uuid)))`,
};

async function heldNow(em: EntityManager, item: DestructionItem, today: string): Promise<boolean> {
  const sql = HELD[item.recordType as RetentionRecordType];
  const ids = Array.from({ length: sql.split('?').length - 2 }, () => item.recordId);
  const rows = await em.getConnection().execute(sql, [today, ...ids], 'all', em.getTransactionContext());
  return rows.length > 0;
}

/**
 * A city supervisor (never a contracted desk's: destruction is the city's act under its 文書管理規程) approves a batch,
 * taking out the items that must stay. Each remaining record is destroyed as its rule says, unless a legal hold came
 * after listing (the item is marked held and listed again once the hold ends) or it is no longer due (new activity, a
 * longer period: `not-due`, listed again when due); each destruction is logged and, for a
 * person, announced (person.destroyed) so outreach and matching erase their copies.
 */
@Injectable()
export class DestructionBatchesUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  list(query: DestructionBatchListQuery): Promise<ListPage<DestructionBatchView>> {
    return listDestructionBatches(this.em, query);
  }

  async get(id: string): Promise<DestructionBatchView> {
    return destructionBatchShape(await findOrFail(this.em, DestructionBatch, 'DestructionBatch', id));
  }

  items(batchId: string, query: DestructionItemListQuery): Promise<ListPage<DestructionItemView>> {
    return listDestructionItems<RetentionRecordType>(this.em, batchId, query);
  }

  async approve(id: string, command: ApproveDestructionCommand): Promise<DestructionBatchView> {
    const approver = requireCitySupervisor();
    return this.em.transactional(async (em) => {
      const batch = await pendingDestructionBatch(em, id);
      const { items, remove } = await pendingDestructionItems(em, batch.id, command.removeItemIds);
      const now = new Date();
      const today = todayInJapan(now);
      const destroyedPersons: string[] = [];
      const rules = await retentionRules(em);
      for (const item of items) {
        // Intake's tables hold intake's record types only.
        const recordType = item.recordType as RetentionRecordType;
        if (remove.has(item.id)) item.status = 'removed';
        else if (await heldNow(em, item, today)) item.status = 'held';
        else if (!(await stillDue(em, recordType, item.recordId, today, rules.get(recordType) as RetentionRule))) item.status = 'not-due';
        else {
          await destroyRecord(em, recordType, item.recordId, item.action);
          item.status = 'destroyed';
          logDestruction(em, [
            { recordType: item.recordType, recordId: item.recordId, action: item.action, ruleId: item.ruleId, ruleVersion: item.ruleVersion, batchId: batch.id, approvedBy: approver, destroyedAt: now },
          ]);
          if (item.recordType === 'person') {
            destroyedPersons.push(item.recordId);
            this.events.record(em, PersonDestroyed, item.recordId, {
              personId: item.recordId,
              action: item.action,
              ruleId: item.ruleId,
              ruleVersion: item.ruleVersion,
              batchId: batch.id,
              approvedBy: approver,
              destroyedAt: now.toISOString(),
            });
          }
        }
      }
      decideDestructionBatch(batch, 'approved', approver, now);
      await em.flush();
      // The audit record of the approval names the people destroyed ("who saw this person" ends with their destruction).
      recordAuditSubjects(destroyedPersons);
      return destructionBatchShape(batch);
    });
  }

  /** Nothing in the batch is destroyed; its records are listed again only when their rule changes. */
  reject(id: string): Promise<DestructionBatchView> {
    return rejectDestructionBatch(this.em, id, requireCitySupervisor());
  }
}
