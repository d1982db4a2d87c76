import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import {
  OUTREACH_RETENTION_RECORD_TYPES,
  type OutreachLegalHoldRecordType,
  type OutreachRetentionRecordType,
  type OutreachRetentionTrigger,
} from '@tsunagu/contracts';
import { LegalHoldsUseCaseBase, RetentionRulesUseCaseBase, type RetentionRule } from '@tsunagu/platform-audit';
import { PersonMirror } from '../people/intake-people.entity';
import { OutreachTarget } from '../targets/outreach-target.entity';
import { targetRetentionRule } from './due-targets';

/** The municipality's retention period for targets (文書管理規程), seeded with the default and changed by an admin. */
@Injectable()
export class OutreachRetentionRuleUseCase extends RetentionRulesUseCaseBase<OutreachRetentionRecordType, OutreachRetentionTrigger> {
  constructor(em: EntityManager) {
    super(em, OUTREACH_RETENTION_RECORD_TYPES);
  }

  protected async rules(em: EntityManager): Promise<Map<OutreachRetentionRecordType, RetentionRule>> {
    return new Map([[OUTREACH_RETENTION_RECORD_TYPES[0], await targetRetentionRule(em)]]);
  }
}

/** リーガルホールド on targets or on every target of a person: placed and released by city staff, listed for auditors. */
@Injectable()
export class OutreachLegalHoldsUseCase extends LegalHoldsUseCaseBase<OutreachLegalHoldRecordType> {
  constructor(em: EntityManager) {
    super(em);
  }

  protected async exists(em: EntityManager, recordType: OutreachLegalHoldRecordType, recordId: string): Promise<boolean> {
    const count =
      recordType === 'person'
        ? (await em.count(PersonMirror, { personId: recordId })) + (await em.count(OutreachTarget, { personId: recordId }))
        : await em.count(OutreachTarget, { id: recordId });
    return count > 0;
  }
}
