import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { OutreachLegalHoldRecordType, OutreachRetentionRecordType, OutreachRetentionTrigger } from '@tsunagu/contracts';
import { legalHoldShape, listLegalHolds, placeLegalHold, releaseLegalHold, requireCityStaffForHold, type RetentionRule } from '@tsunagu/platform-audit';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { type ListPage, assertVersion } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { PersonMirror } from '../people/intake-people.entity';
import { OutreachTarget } from '../targets/outreach-target.entity';
import { targetRetentionRule } from './due-targets';
import type { OutreachLegalHoldListQuery, OutreachLegalHoldView, OutreachRetentionRuleView, PlaceOutreachLegalHoldCommand, UpdateOutreachRetentionRuleCommand } from './retention.dto';

function ruleView(rule: RetentionRule): OutreachRetentionRuleView {
  const { id, years, action, version, changedBy } = rule;
  // Outreach's table holds outreach's record type and trigger only.
  return { id, recordType: rule.recordType as OutreachRetentionRecordType, trigger: rule.trigger as OutreachRetentionTrigger, years, action, version, changedBy, updatedAt: rule.updatedAt.toISOString() };
}

/** The municipality's retention period for targets (文書管理規程), seeded with the default and changed by an admin. */
@Injectable()
export class OutreachRetentionRuleUseCase {
  constructor(private readonly em: EntityManager) {}

  async list(): Promise<OutreachRetentionRuleView[]> {
    return this.em.transactional(async (em) => [ruleView(await targetRetentionRule(em))]);
  }

  /** A new version of the rule: targets already listed keep the version they were listed under. */
  async update(recordType: string, command: UpdateOutreachRetentionRuleCommand, expectedVersion: number): Promise<OutreachRetentionRuleView> {
    return this.em.transactional(async (em) => {
      const rule = await targetRetentionRule(em);
      if (recordType !== rule.recordType) throw DomainException.notFound('RetentionRule', recordType);
      assertVersion(rule, expectedVersion, 'RetentionRule');
      rule.years = command.years;
      rule.action = command.action;
      rule.changedBy = TenantContext.principal()?.subject ?? null;
      await em.flush();
      return ruleView(rule);
    });
  }
}

/** リーガルホールド on targets or on every target of a person: placed and released by city staff, listed for auditors. */
@Injectable()
export class OutreachLegalHoldsUseCase {
  constructor(private readonly em: EntityManager) {}

  list(query: OutreachLegalHoldListQuery): Promise<ListPage<OutreachLegalHoldView>> {
    return listLegalHolds<OutreachLegalHoldRecordType>(this.em, query, todayInJapan());
  }

  async place(command: PlaceOutreachLegalHoldCommand): Promise<OutreachLegalHoldView> {
    const placedBy = requireCityStaffForHold();
    if (command.until !== undefined && command.until < todayInJapan()) throw DomainException.invalidField('until', 'the last day of the hold cannot be in the past');
    return this.em.transactional(async (em) => {
      const exists =
        command.recordType === 'person'
          ? (await em.count(PersonMirror, { personId: command.recordId })) + (await em.count(OutreachTarget, { personId: command.recordId }))
          : await em.count(OutreachTarget, { id: command.recordId });
      if (exists === 0) throw DomainException.invalidField('recordId', `no ${command.recordType} with this id`);
      return legalHoldShape<OutreachLegalHoldRecordType>(await placeLegalHold(em, command, placedBy), todayInJapan());
    });
  }

  async release(id: string): Promise<OutreachLegalHoldView> {
    const releasedBy = requireCityStaffForHold();
    return this.em.transactional(async (em) => legalHoldShape<OutreachLegalHoldRecordType>(await releaseLegalHold(em, id, releasedBy), todayInJapan()));
  }
}
