import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { LegalHoldPlaced, LegalHoldReleased, RETENTION_RECORD_TYPES, type HeldPersonRecordType, type RetentionRecordType, type RetentionTrigger } from '@tsunagu/contracts';
import { LegalHoldsUseCaseBase, RetentionRulesUseCaseBase, type LegalHoldShape, type RetentionRule } from '@tsunagu/platform-audit';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { Consultation } from '../consultations/consultation.entity';
import { MultiAgencyCase } from '../cases/case.entity';
import { Meeting } from '../meetings/meeting.entity';
import { Person } from '../people/person.entity';
import { retentionRules } from './retention-rules';

const HELD_RECORDS: Record<RetentionRecordType, new () => object> = { person: Person, consultation: Consultation, case: MultiAgencyCase, meeting: Meeting };

/** The municipality's retention periods (文書管理規程), seeded with the defaults and changed by an admin. */
@Injectable()
export class RetentionRulesUseCase extends RetentionRulesUseCaseBase<RetentionRecordType, RetentionTrigger> {
  constructor(em: EntityManager) {
    super(em, RETENTION_RECORD_TYPES);
  }

  protected rules(em: EntityManager): Promise<Map<RetentionRecordType, RetentionRule>> {
    return retentionRules(em);
  }
}

/** The person a hold holds: the person, the consultation's person or the case's key person (as the destruction's check). */
async function heldPerson(em: EntityManager, recordType: HeldPersonRecordType, recordId: string): Promise<string | null> {
  if (recordType === 'person') return recordId;
  if (recordType === 'consultation') return (await em.findOne(Consultation, { id: recordId }, { fields: ['personId'] }))?.personId ?? null;
  return (await em.findOne(MultiAgencyCase, { id: recordId }, { fields: ['keyPersonId'] }))?.keyPersonId ?? null;
}

/**
 * リーガルホールド on a person, consultation, case or meeting: placed and released by city supervisors and admins, listed for
 * auditors, and announced by the person it holds (legal-hold.placed/released, ids and codes) so outreach destroys none
 * of the person's targets while it is in force (ADR 0019).
 */
@Injectable()
export class LegalHoldsUseCase extends LegalHoldsUseCaseBase<RetentionRecordType> {
  constructor(
    em: EntityManager,
    private readonly events: EventRecorder,
  ) {
    super(em);
  }

  protected async exists(em: EntityManager, recordType: RetentionRecordType, recordId: string): Promise<boolean> {
    return (await em.findOne(HELD_RECORDS[recordType], { id: recordId } as never)) !== null;
  }

  protected override async placed(em: EntityManager, hold: LegalHoldShape<RetentionRecordType>): Promise<void> {
    const { id: holdId, recordType, recordId, reason, until, placedAt } = hold;
    // A meeting, or a consultation without a person, holds no one elsewhere: nothing to announce.
    if (recordType === 'meeting') return;
    const personId = await heldPerson(em, recordType, recordId);
    if (!personId) return;
    this.events.record(em, LegalHoldPlaced, holdId, { holdId, recordType, recordId, personId, reason, until, placedAt });
  }

  protected override released(em: EntityManager, hold: LegalHoldShape<RetentionRecordType>): void {
    this.events.record(em, LegalHoldReleased, hold.id, { holdId: hold.id, releasedAt: hold.releasedAt as string });
  }
}
