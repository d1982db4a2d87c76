import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { listPage, type ListPage, findOrFail } from '@tsunagu/platform-persistence';
import type { OpportunityListQuery, OpportunityView } from './opportunity.dto';
import { Opportunity } from './opportunity.entity';
import { opportunityView } from './opportunity.view';

/** Opportunities are places and activities, not personal data: every role that works with them lists all. */
@Injectable()
export class ListOpportunitiesUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: OpportunityListQuery): Promise<ListPage<OpportunityView>> {
    const page = paging(query, ['title', 'createdAt', 'updatedAt', 'status', 'fee', 'id'], 'title');
    const and: FilterQuery<Opportunity>[] = [
      { status: query.status, source: query.source, districtId: query.districtId, hostId: query.hostId, resourceId: query.resourceId },
    ];
    if (query.purpose) and.push({ purposes: { $contains: [query.purpose] } });
    if (query.q) and.push({ $or: [{ title: { $ilike: `%${query.q}%` } }, { activityTags: { $contains: [query.q] } }] });
    const [items, total] = await this.em.findAndCount(Opportunity, { $and: and }, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map(opportunityView), total, page);
  }
}

@Injectable()
export class GetOpportunityUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string): Promise<OpportunityView> {
    return opportunityView(await findOrFail(this.em, Opportunity, 'Opportunity', id));
  }
}
