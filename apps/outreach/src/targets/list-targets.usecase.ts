import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { paging } from '@tsunagu/platform-http';
import { listPlainRows, type ListPage } from '@tsunagu/platform-persistence';
import { TargetProtection } from '../people/target-protection';
import { TargetAccess } from '../shared/target-access';
import { OutreachTarget } from './outreach-target.entity';
import type { TargetListQuery, TargetView } from './target.dto';
import { targetView } from './target.view';

@Injectable()
export class ListTargetsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly protection: TargetProtection,
    private readonly access: TargetAccess,
  ) {}

  async execute(query: TargetListQuery): Promise<ListPage<TargetView>> {
    const page = paging(query, ['createdAt', 'updatedAt', 'discoveredOn', 'stage', 'riskLevel', 'lastContactAt', 'id'], '-createdAt');
    const and: FilterQuery<OutreachTarget>[] = [
      { stage: query.stage, riskLevel: query.riskLevel, districtId: query.districtId, assignedOrganizationId: query.assignedOrganizationId, personId: query.personId },
    ];
    // Object-level narrowing (OWASP API1): a desk lists only the targets assigned to it (or to the caller).
    and.push(this.access.targetFilter());
    if (query.mine) and.push({ assignedStaff: { $overlap: [TenantContext.principal()?.subject ?? '\u0000'] } });
    const canSee = this.protection.canSeeProtected();
    // Neither the district filter nor a search of place descriptions may reveal where a DV-protected person lives.
    if (query.districtId && !canSee) and.push({ addressProtected: false });
    if (query.q) {
      const location: FilterQuery<OutreachTarget> = { locationDescription: { $ilike: `%${escapeLike(query.q)}%` }, ...(canSee ? {} : { addressProtected: false }) };
      and.push({ $or: [location, { note: { $ilike: `%${escapeLike(query.q)}%` } }] });
    }
    return listPlainRows(this.em, OutreachTarget, { $and: and }, page, (target) => targetView(target, this.protection.masked(target)));
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

@Injectable()
export class GetTargetUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly protection: TargetProtection,
    private readonly access: TargetAccess,
  ) {}

  async execute(id: string): Promise<TargetView> {
    const target = await this.access.findVisibleTarget(this.em, id);
    return targetView(target, this.protection.masked(target));
  }
}
