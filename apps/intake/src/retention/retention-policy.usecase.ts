import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { RETENTION_RECORD_TYPES, type RetentionRecordType, type RetentionTrigger } from '@tsunagu/contracts';
import { LegalHoldsUseCaseBase, RetentionRulesUseCaseBase, type RetentionRule } from '@tsunagu/platform-audit';
import { Consultation } from '../consultations/consultation.entity';
import { MultiAgencyCase } from '../cases/case.entity';
import { Person } from '../people/person.entity';
import { retentionRules } from './retention-rules';

const HELD_RECORDS: Record<RetentionRecordType, new () => object> = { person: Person, consultation: Consultation, case: MultiAgencyCase };

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

/** リーガルホールド on a person, consultation or case: placed and released by city supervisors and admins, listed for auditors. */
@Injectable()
export class LegalHoldsUseCase extends LegalHoldsUseCaseBase<RetentionRecordType> {
  constructor(em: EntityManager) {
    super(em);
  }

  protected async exists(em: EntityManager, recordType: RetentionRecordType, recordId: string): Promise<boolean> {
    return (await em.findOne(HELD_RECORDS[recordType], { id: recordId } as never)) !== null;
  }
}
