import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, type FilterQuery } from '@mikro-orm/core';
import { PersonDestroyed, type RetentionRecordType } from '@tsunagu/contracts';
import { logDestruction, recordAuditSubjects } from '@tsunagu/platform-audit';
import { isCityStaff } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException, findOrFail, listPage, paging, type ListPage } from '@tsunagu/platform-http';
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
import { DestructionBatch, DestructionItem, type RetentionRule } from './retention.entities';

function batchView(batch: DestructionBatch): DestructionBatchView {
  return {
    id: batch.id,
    listedAt: batch.listedAt.toISOString(),
    status: batch.status,
    itemCount: batch.itemCount,
    decidedAt: batch.decidedAt?.toISOString() ?? null,
    decidedBy: batch.decidedBy,
  };
}

function itemView(item: DestructionItem): DestructionItemView {
  const { id, batchId, recordType, recordId, ruleId, ruleVersion, action, triggeredOn, dueOn, status } = item;
  return { id, batchId, recordType, recordId, ruleId, ruleVersion, action, triggeredOn, dueOn, status };
}

const IN_FORCE = `h.released_at is null and (h.until is null or h.until >= ?::date)`;

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
  const sql = HELD[item.recordType];
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

  async list(query: DestructionBatchListQuery): Promise<ListPage<DestructionBatchView>> {
    const page = paging(query, ['listedAt', 'id'], '-listedAt');
    const where: FilterQuery<DestructionBatch> = query.status ? { status: query.status } : {};
    const [batches, total] = await this.em.findAndCount(DestructionBatch, where, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(batches.map(batchView), total, page);
  }

  async get(id: string): Promise<DestructionBatchView> {
    return batchView(await findOrFail(this.em, DestructionBatch, 'DestructionBatch', id));
  }

  async items(batchId: string, query: DestructionItemListQuery): Promise<ListPage<DestructionItemView>> {
    await findOrFail(this.em, DestructionBatch, 'DestructionBatch', batchId);
    const page = paging(query, ['dueOn', 'recordType', 'id'], 'dueOn');
    const where: FilterQuery<DestructionItem> = { batchId, ...(query.status ? { status: query.status } : {}) };
    const [items, total] = await this.em.findAndCount(DestructionItem, where, { limit: page.limit, offset: page.offset, orderBy: [page.orderBy, { id: 'asc' }] });
    return listPage(items.map(itemView), total, page);
  }

  async approve(id: string, command: ApproveDestructionCommand): Promise<DestructionBatchView> {
    const approver = requireCitySupervisor();
    return this.em.transactional(async (em) => {
      const batch = await this.pending(em, id);
      const items = await em.find(DestructionItem, { batchId: batch.id, status: 'pending' }, { orderBy: { id: 'asc' } });
      const remove = new Set(command.removeItemIds ?? []);
      const unknown = [...remove].find((itemId) => !items.some((item) => item.id === itemId));
      if (unknown) throw DomainException.invalidField('removeItemIds', `item ${unknown} is not a pending item of this batch`);
      const now = new Date();
      const today = todayInJapan(now);
      const destroyedPersons: string[] = [];
      const rules = await retentionRules(em);
      for (const item of items) {
        if (remove.has(item.id)) item.status = 'removed';
        else if (await heldNow(em, item, today)) item.status = 'held';
        else if (!(await stillDue(em, item.recordType, item.recordId, today, rules.get(item.recordType) as RetentionRule))) item.status = 'not-due';
        else {
          await destroyRecord(em, item.recordType, item.recordId, item.action);
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
      batch.status = 'approved';
      batch.decidedAt = now;
      batch.decidedBy = approver;
      await em.flush();
      // The audit record of the approval names the people destroyed ("who saw this person" ends with their destruction).
      recordAuditSubjects(destroyedPersons);
      return batchView(batch);
    });
  }

  /** Nothing in the batch is destroyed; its records are listed again only when their rule changes. */
  async reject(id: string): Promise<DestructionBatchView> {
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

  /** The batch, locked against a second decision at the same time. */
  private async pending(em: EntityManager, id: string): Promise<DestructionBatch> {
    const batch = await em.findOne(DestructionBatch, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!batch) throw DomainException.notFound('DestructionBatch', id);
    if (batch.status !== 'pending-approval') throw new DomainException(DomainErrorCode.Conflict, `Destruction batch ${id} was already decided (${batch.status})`);
    return batch;
  }
}

/** Destruction is the city's decision: a supervisor of the city, not of a contracted desk, and never a machine client. */
function requireCitySupervisor(): string {
  const principal = TenantContext.principal();
  if (!principal || !isCityStaff(principal) || !principal.roles.includes('supervisor')) {
    throw new DomainException(DomainErrorCode.Forbidden, 'Only a supervisor of the city can approve or reject a destruction batch');
  }
  return principal.subject;
}
