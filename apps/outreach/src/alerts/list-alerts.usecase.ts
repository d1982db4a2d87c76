import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { INACTIVITY_ALERT_STATUSES, type InactivityAlertStatus } from '@tsunagu/contracts';
import { EnumQuery, ListQuery, paging, UuidQuery } from '@tsunagu/platform-http';
import { listPage, type ListPage } from '@tsunagu/platform-persistence';
import { TargetProtection } from '../people/target-protection';
import { TargetAccess } from '../shared/target-access';
import { OutreachTarget } from '../targets/outreach-target.entity';
import { alertView, type AlertView } from './alert.view';
import { InactivityAlert } from './inactivity-alert.entity';

export class AlertListQuery extends ListQuery {
  @EnumQuery(INACTIVITY_ALERT_STATUSES, 'Status (default: all).')
  status?: InactivityAlertStatus;

  @UuidQuery('District.')
  districtId?: string;

  @UuidQuery('Target.')
  targetId?: string;

  @UuidQuery('Assigned organisation.')
  assignedOrganizationId?: string;
}

@Injectable()
export class ListAlertsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly protection: TargetProtection,
    private readonly access: TargetAccess,
  ) {}

  async execute(query: AlertListQuery): Promise<ListPage<AlertView>> {
    const page = paging(query, ['raisedAt', 'clearedAt', 'id'], '-raisedAt');
    const and: FilterQuery<InactivityAlert>[] = [{ status: query.status, districtId: query.districtId, targetId: query.targetId, assignedOrganizationId: query.assignedOrganizationId }];
    const scope = this.access.visibleTargets();
    if (!scope.all) {
      const mine = await this.em.find(OutreachTarget, { assignedStaff: { $overlap: [scope.staffSubject] } }, { fields: ['id'] });
      const assigned: FilterQuery<InactivityAlert> = { targetId: { $in: mine.map((target) => target.id) } };
      and.push(scope.organizationId ? { $or: [{ assignedOrganizationId: scope.organizationId }, assigned] } : assigned);
    }
    const protectedTargets = await this.protection.protectedTargetIds(this.em);
    const canSee = this.protection.canSeeProtected();
    // Nor may the district filter reveal where a DV-protected person lives.
    if (query.districtId && !canSee) and.push({ targetId: { $nin: [...protectedTargets] } });
    const [items, total] = await this.em.findAndCount(InactivityAlert, { $and: and }, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    const targets = new Map((await this.em.find(OutreachTarget, { id: { $in: items.map((alert) => alert.targetId) } }, { fields: ['id', 'identity', 'personId'] })).map((target) => [target.id, target]));
    // Every alert belongs to a target of the same municipality (raised for it).
    return listPage(items.map((alert) => alertView(alert, targets.get(alert.targetId) as OutreachTarget, !canSee && protectedTargets.has(alert.targetId))), total, page);
  }
}
