import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { listPage, paging, type ListPage, findOrFail } from '@tsunagu/platform-http';
import type { NeedListQuery, NeedView } from './need.dto';
import { NeedProtection } from '../people/need-protection';
import { needView } from './need.view';
import { ParticipationNeed } from './participation-need.entity';

@Injectable()
export class ListNeedsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly protection: NeedProtection,
  ) {}

  async execute(query: NeedListQuery): Promise<ListPage<NeedView>> {
    const page = paging(query, ['registeredOn', 'createdAt', 'updatedAt', 'status', 'id'], '-registeredOn');
    const where: FilterQuery<ParticipationNeed> = { personId: query.personId, status: query.status, homeDistrictId: query.homeDistrictId };
    // Nor may the district filter reveal where a DV-protected person lives.
    if (query.homeDistrictId && !this.protection.canSeeProtected()) where.addressProtected = false;
    const [items, total] = await this.em.findAndCount(ParticipationNeed, where, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map((need) => needView(need, this.protection.masked(need))), total, page);
  }
}

@Injectable()
export class GetNeedUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly protection: NeedProtection,
  ) {}

  async execute(id: string): Promise<NeedView> {
    const need = await findOrFail(this.em, ParticipationNeed, 'ParticipationNeed', id);
    return needView(need, this.protection.masked(need));
  }
}
