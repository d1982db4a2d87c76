import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { paging } from '@tsunagu/platform-http';
import { listPlainRows, plainRows, type ListPage, type PlainRow } from '@tsunagu/platform-persistence';
import { dateInJapan, daysBetween } from '@tsunagu/util-japanese-calendar';
import { TargetProtection } from '../people/target-protection';
import { TargetAccess } from '../shared/target-access';
import { OutreachTarget } from '../targets/outreach-target.entity';
import { WatchPlan } from './watch-plan.entity';
import type { OverdueQuery, OverdueVisitView } from './watch.dto';

/**
 * Overdue visits (見守り期限切れ): active plans whose next visit is before today, oldest first. Reads the plan
 * table alone through its (municipality, district, next_due_on) partial index, then the page's targets by id.
 */
@Injectable()
export class ListOverdueVisitsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly protection: TargetProtection,
    private readonly access: TargetAccess,
  ) {}

  async execute(query: OverdueQuery, now = new Date()): Promise<ListPage<OverdueVisitView>> {
    const page = paging(query, ['nextDueOn', 'id'], 'nextDueOn');
    const asOf = query.asOf ?? dateInJapan(now);
    const and: FilterQuery<WatchPlan>[] = [{ active: true, nextDueOn: { $lt: asOf }, districtId: query.districtId, assignedOrganizationId: query.assignedOrganizationId }];
    const scope = this.access.visibleTargets();
    if (!scope.all) {
      const assigned: FilterQuery<WatchPlan> = { staffSubjects: { $overlap: [scope.staffSubject] } };
      and.push(scope.organizationId ? { $or: [{ assignedOrganizationId: scope.organizationId }, assigned] } : assigned);
    }
    if (query.mine) and.push({ staffSubjects: { $overlap: [TenantContext.principal()?.subject ?? '\u0000'] } });
    // Nor may the district filter reveal where a DV-protected person lives.
    if (query.districtId && !this.protection.canSeeProtected()) and.push({ targetId: { $nin: [...(await this.protection.protectedTargetIds(this.em))] } });
    const plans = await listPlainRows(this.em, WatchPlan, { $and: and }, page, (plan) => plan);
    const targetIds = plans.items.map((plan) => plan.targetId);
    const targets = new Map((targetIds.length ? await plainRows(this.em, OutreachTarget, { id: { $in: targetIds } }) : []).map((target) => [target.id, target]));
    const items = plans.items.map((plan): OverdueVisitView => {
      // Every plan belongs to a target of the same municipality (created through it).
      const target = targets.get(plan.targetId) as PlainRow<OutreachTarget>;
      const masked = this.protection.masked(target);
      return {
        watchPlanId: plan.id,
        targetId: plan.targetId,
        identity: target.identity,
        personId: target.personId,
        nextDueOn: plan.nextDueOn,
        daysOverdue: daysBetween(plan.nextDueOn, asOf),
        cadenceDays: plan.cadenceDays,
        districtId: masked ? null : plan.districtId,
        assignedOrganizationId: plan.assignedOrganizationId,
        watchers: plan.watchers.map((watcher) => ({ ...watcher })),
        riskLevel: target.riskLevel,
        stage: target.stage,
        locationDescription: masked ? null : target.locationDescription,
        addressMasked: masked && (plan.districtId !== null || target.locationDescription !== null),
      };
    });
    return { ...plans, items };
  }
}
