import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { RETENTION_RECORD_TYPES, type RetentionRecordType, type RetentionTrigger } from '@tsunagu/contracts';
import { legalHoldShape, listLegalHolds, placeLegalHold, releaseLegalHold, requireCityStaffForHold as requireCityStaff, type RetentionRule } from '@tsunagu/platform-audit';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { type ListPage, assertVersion } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { Consultation } from '../consultations/consultation.entity';
import { MultiAgencyCase } from '../cases/case.entity';
import { Person } from '../people/person.entity';
import type { LegalHoldListQuery, LegalHoldView, PlaceLegalHoldCommand, RetentionRuleView, UpdateRetentionRuleCommand } from './retention.dto';
import { retentionRules } from './retention-rules';

function ruleView(rule: RetentionRule): RetentionRuleView {
  const { id, recordType, trigger, years, action, version, changedBy } = rule;
  return { id, recordType: recordType as RetentionRecordType, trigger: trigger as RetentionTrigger, years, action, version, changedBy, updatedAt: rule.updatedAt.toISOString() };
}

const HELD_RECORDS: Record<RetentionRecordType, new () => object> = { person: Person, consultation: Consultation, case: MultiAgencyCase };

/** The municipality's retention periods (文書管理規程), seeded with the defaults and changed by an admin. */
@Injectable()
export class RetentionRulesUseCase {
  constructor(private readonly em: EntityManager) {}

  async list(): Promise<RetentionRuleView[]> {
    return this.em.transactional(async (em) => {
      const rules = await retentionRules(em);
      return RETENTION_RECORD_TYPES.map((type) => ruleView(rules.get(type) as RetentionRule));
    });
  }

  /** A new version of the rule: records already listed keep the version they were listed under. */
  async update(recordType: string, command: UpdateRetentionRuleCommand, expectedVersion: number): Promise<RetentionRuleView> {
    if (!(RETENTION_RECORD_TYPES as readonly string[]).includes(recordType)) throw DomainException.notFound('RetentionRule', recordType);
    return this.em.transactional(async (em) => {
      const rule = (await retentionRules(em)).get(recordType as RetentionRecordType) as RetentionRule;
      assertVersion(rule, expectedVersion, 'RetentionRule');
      rule.years = command.years;
      rule.action = command.action;
      rule.changedBy = TenantContext.principal()?.subject ?? null;
      await em.flush();
      return ruleView(rule);
    });
  }
}

/** リーガルホールド: placed and released by city supervisors and admins, listed for auditors. */
@Injectable()
export class LegalHoldsUseCase {
  constructor(private readonly em: EntityManager) {}

  list(query: LegalHoldListQuery): Promise<ListPage<LegalHoldView>> {
    return listLegalHolds<RetentionRecordType>(this.em, query, todayInJapan());
  }

  async place(command: PlaceLegalHoldCommand): Promise<LegalHoldView> {
    const placedBy = requireCityStaff();
    if (command.until !== undefined && command.until < todayInJapan()) throw DomainException.invalidField('until', 'the last day of the hold cannot be in the past');
    return this.em.transactional(async (em) => {
      if (!(await em.findOne(HELD_RECORDS[command.recordType], { id: command.recordId } as never))) throw DomainException.invalidField('recordId', `no ${command.recordType} with this id`);
      return legalHoldShape<RetentionRecordType>(await placeLegalHold(em, command, placedBy), todayInJapan());
    });
  }

  async release(id: string): Promise<LegalHoldView> {
    const releasedBy = requireCityStaff();
    return this.em.transactional(async (em) => legalHoldShape<RetentionRecordType>(await releaseLegalHold(em, id, releasedBy), todayInJapan()));
  }
}
