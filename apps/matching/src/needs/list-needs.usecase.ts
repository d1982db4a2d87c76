import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { listPlainRows, type ListPage } from '@tsunagu/platform-persistence';
import type { NeedListQuery, NeedView } from './need.dto';
import { NeedProtection } from '../people/need-protection';
import { needView } from './need.view';
import { ParticipationNeed } from './participation-need.entity';
import { MatchingAccess } from '../shared/matching-access';

@Injectable()
export class ListNeedsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly protection: NeedProtection,
    private readonly access: MatchingAccess,
  ) {}

  async execute(query: NeedListQuery): Promise<ListPage<NeedView>> {
    const page = paging(query, ['registeredOn', 'createdAt', 'updatedAt', 'status', 'id'], '-registeredOn');
    const where: FilterQuery<ParticipationNeed> = { personId: query.personId, status: query.status, homeDistrictId: query.homeDistrictId };
    // Nor may the district filter reveal where a DV-protected person lives.
    if (query.homeDistrictId && !this.protection.canSeeProtected()) where.addressProtected = false;
    // Object-level narrowing (OWASP API1): beyond the city-wide roles, a desk lists the needs it has a relationship with.
    return listPlainRows(this.em, ParticipationNeed, { $and: [where, await this.access.needFilter(this.em)] }, page, (need) => needView(need, this.protection.masked(need)));
  }
}

@Injectable()
export class GetNeedUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly protection: NeedProtection,
    private readonly access: MatchingAccess,
  ) {}

  async execute(id: string): Promise<NeedView> {
    const need = await this.access.findVisibleNeed(this.em, id);
    return needView(need, this.protection.masked(need));
  }
}
