import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { dateInJapan } from '@tsunagu/util-japanese-calendar';
import { TargetProtection } from '../people/target-protection';
import { TargetAccess } from '../shared/target-access';
import { WatchPlan, type Watcher } from './watch-plan.entity';
import { nextDueOf, staffSubjectsOf } from './watch-plan.sync';
import type { SetWatchPlanCommand, WatchPlanView } from './watch.dto';

export function watchPlanView(plan: WatchPlan, masked: boolean): WatchPlanView {
  return {
    id: plan.id,
    targetId: plan.targetId,
    cadenceDays: plan.cadenceDays,
    watchers: plan.watchers.map((watcher) => ({ ...watcher })),
    active: plan.active,
    startedOn: plan.startedOn,
    nextDueOn: plan.nextDueOn,
    districtId: masked ? null : plan.districtId,
    addressMasked: masked && plan.districtId !== null,
    assignedOrganizationId: plan.assignedOrganizationId,
    version: plan.version,
  };
}

/** Sets (creates or replaces) the target's watch plan: one plan per target. */
@Injectable()
export class SetWatchPlanUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly protection: TargetProtection,
    private readonly access: TargetAccess,
  ) {}

  async execute(targetId: string, command: SetWatchPlanCommand): Promise<WatchPlanView> {
    command.watchers.forEach((watcher, index) => {
      if (watcher.kind === 'staff' && !watcher.subject) throw DomainException.invalidField(`watchers.${index}.subject`, 'name the staff member (login) for a staff watcher');
      if (watcher.kind !== 'staff' && !watcher.name) throw DomainException.invalidField(`watchers.${index}.name`, 'name the 民生委員 or volunteer');
    });
    return this.em.transactional(async (em) => {
      const target = await this.access.findVisibleTarget(em, targetId);
      if (target.stage === 'closed') throw new DomainException(DomainErrorCode.Conflict, 'The outreach has ended (終結): no watching is planned for it', { errors: { targetId: 'target is closed' } });
      const plan = (await em.findOne(WatchPlan, { targetId })) ?? new WatchPlan();
      plan.targetId = target.id;
      plan.cadenceDays = command.cadenceDays;
      plan.watchers = command.watchers.map((watcher): Watcher => ({ kind: watcher.kind, subject: watcher.subject ?? null, name: watcher.name ?? null }));
      plan.active = command.active ?? true;
      plan.startedOn = command.startedOn ?? plan.startedOn ?? dateInJapan(new Date());
      plan.nextDueOn = nextDueOf(plan, target.lastContactAt);
      plan.overdueNotifiedFor = null;
      plan.districtId = target.districtId;
      plan.assignedOrganizationId = target.assignedOrganizationId;
      plan.staffSubjects = staffSubjectsOf(plan.watchers, target);
      em.persist(plan);
      await em.flush();
      return watchPlanView(plan, this.protection.masked(target));
    });
  }
}

@Injectable()
export class GetWatchPlanUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly protection: TargetProtection,
    private readonly access: TargetAccess,
  ) {}

  async execute(targetId: string): Promise<WatchPlanView> {
    const target = await this.access.findVisibleTarget(this.em, targetId);
    const plan = await this.em.findOne(WatchPlan, { targetId });
    if (!plan) throw DomainException.notFound('WatchPlan', targetId);
    return watchPlanView(plan, this.protection.masked(target));
  }
}
