import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { OutreachLegalHoldRecordType, OutreachRetentionRecordType, OutreachRetentionTrigger } from '@tsunagu/contracts';
import { LegalHold, requireCityStaffForHold, type RetentionRule } from '@tsunagu/platform-audit';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException, listPage, paging, type ListPage } from '@tsunagu/platform-http';
import { assertVersion } from '@tsunagu/platform-persistence';
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

function holdView(hold: LegalHold, today = todayInJapan()): OutreachLegalHoldView {
  return {
    id: hold.id,
    recordType: hold.recordType as OutreachLegalHoldRecordType,
    recordId: hold.recordId,
    reason: hold.reason,
    placedBy: hold.placedBy,
    placedAt: hold.placedAt.toISOString(),
    until: hold.until,
    releasedAt: hold.releasedAt?.toISOString() ?? null,
    releasedBy: hold.releasedBy,
    active: hold.releasedAt === null && (hold.until === null || hold.until >= today),
  };
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

  async list(query: OutreachLegalHoldListQuery): Promise<ListPage<OutreachLegalHoldView>> {
    const page = paging(query, ['placedAt', 'id'], '-placedAt');
    const today = todayInJapan();
    const inForce: FilterQuery<LegalHold> = { releasedAt: null, $or: [{ until: null }, { until: { $gte: today } }] };
    const ended: FilterQuery<LegalHold> = { $or: [{ releasedAt: { $ne: null } }, { until: { $lt: today } }] };
    const where: FilterQuery<LegalHold> = {
      ...(query.recordType ? { recordType: query.recordType } : {}),
      ...(query.recordId ? { recordId: query.recordId } : {}),
      ...(query.active === undefined ? {} : query.active ? inForce : ended),
    };
    const [holds, total] = await this.em.findAndCount(LegalHold, where, { limit: page.limit, offset: page.offset, orderBy: [page.orderBy, { id: 'asc' }] });
    return listPage(holds.map((hold) => holdView(hold, today)), total, page);
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
      const hold = Object.assign(new LegalHold(), { recordType: command.recordType, recordId: command.recordId, reason: command.reason, placedBy, placedAt: new Date(), until: command.until ?? null });
      em.persist(hold);
      await em.flush();
      return holdView(hold);
    });
  }

  async release(id: string): Promise<OutreachLegalHoldView> {
    const releasedBy = requireCityStaffForHold();
    return this.em.transactional(async (em) => {
      const hold = await em.findOne(LegalHold, { id });
      if (!hold) throw DomainException.notFound('LegalHold', id);
      if (hold.releasedAt) throw new DomainException(DomainErrorCode.Conflict, `Legal hold ${id} was already released`);
      hold.releasedAt = new Date();
      hold.releasedBy = releasedBy;
      await em.flush();
      return holdView(hold);
    });
  }
}
