import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { PersonDestroyed, type RetentionRecordType } from '@tsunagu/contracts';
import {
  DestructionBatchesUseCaseBase,
  HOLD_IN_FORCE as IN_FORCE,
  recordAuditSubjects,
  type DestructionDecider,
  type DestructionItem,
  type RetentionRule,
} from '@tsunagu/platform-audit';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { destroyRecord } from './destroy-records';
import { stillDue } from './list-due-records.usecase';
import { retentionRules } from './retention-rules';

const MEETING_CASES = `select (x->>'caseId')::uuid from "intake"."meeting" m, jsonb_array_elements(m.cases) x where m.id = ?::uuid`;

/**
 * Holds that stop destroying a record now: on the record, on its person, and for a person on any record of theirs; for
 * a meeting on a case on its agenda or that case's key person.
 */
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
  meeting: `select 1 from "intake"."legal_hold" h where ${IN_FORCE} and (
             (h.record_type = 'meeting' and h.record_id = ?::uuid)
             or (h.record_type = 'case' and h.record_id in (${MEETING_CASES}))
             or (h.record_type = 'person' and h.record_id in (select key_person_id from "intake"."multi_agency_case" where id in (${MEETING_CASES}))))`,
};

async function heldNow(em: EntityManager, item: DestructionItem, today: string): Promise<boolean> {
  const sql = HELD[item.recordType as RetentionRecordType];
  const ids = Array.from({ length: sql.split('?').length - 2 }, () => item.recordId);
  const rows = await em.getConnection().execute(sql, [today, ...ids], 'all', em.getTransactionContext());
  return rows.length > 0;
}

/**
 * Intake's part of approving a batch (the shell is platform-audit's): a record is kept when a legal hold came after
 * listing (`held`, listed again once the hold ends) or it is no longer due (new activity, a longer period: `not-due`);
 * a destroyed person is announced (person.destroyed) so outreach and matching erase their copies, and named on the
 * approval's audit record.
 */
@Injectable()
export class DestructionBatchesUseCase extends DestructionBatchesUseCaseBase<RetentionRecordType> {
  constructor(
    em: EntityManager,
    private readonly events: EventRecorder,
  ) {
    super(em, 'intake');
  }

  protected async decider(em: EntityManager): Promise<DestructionDecider> {
    const rules = await retentionRules(em);
    // The persons destroyed so far in this approval (their items are marked destroyed only when it commits).
    const persons: string[] = [];
    return {
      // Intake's tables hold intake's record types only.
      keep: async (item, today) => {
        if (await heldNow(em, item, today)) return 'held';
        const recordType = item.recordType as RetentionRecordType;
        return (await stillDue(em, recordType, item.recordId, today, rules.get(recordType) as RetentionRule)) ? null : 'not-due';
      },
      destroy: async (item, { batchId, approvedBy, now }) => {
        await destroyRecord(em, item.recordType as RetentionRecordType, item.recordId, item.action, persons);
        if (item.recordType !== 'person') return;
        persons.push(item.recordId);
        const { recordId: personId, action, ruleId, ruleVersion } = item;
        this.events.record(em, PersonDestroyed, personId, { personId, action, ruleId, ruleVersion, batchId, approvedBy, destroyedAt: now.toISOString() });
      },
      // The audit record of the approval names the people destroyed ("who saw this person" ends with their destruction).
      approved: (destroyed) => recordAuditSubjects(destroyed.filter((item) => item.recordType === 'person').map((item) => item.recordId)),
    };
  }
}
