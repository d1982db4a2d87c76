import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { recordFilterOf } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { listPage, paging, type ListPage } from '@tsunagu/platform-http';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { findVisibleMatch } from './match-access';
import { FOLLOWED_UP } from './match-status';
import type { MatchListQuery, MatchView } from './match.dto';
import { Match } from './match.entity';
import { matchView } from './match.view';

@Injectable()
export class ListMatchesUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: MatchListQuery): Promise<ListPage<MatchView>> {
    const page = paging(query, ['proposedOn', 'startedOn', 'nextFollowUpDue', 'createdAt', 'updatedAt', 'status', 'id'], '-proposedOn');
    const and: FilterQuery<Match>[] = [
      { needId: query.needId, personId: query.personId, opportunityId: query.opportunityId, hostOrganizationId: query.hostOrganizationId, status: query.status },
    ];
    const principal = TenantContext.principal();
    const scope = principal ? recordFilterOf(principal) : { scope: 'municipality' as const };
    // Object-level narrowing (OWASP API1): a host organisation lists only its matches the person agreed to share.
    if (scope.scope === 'agency') and.push({ hostOrganizationId: scope.agency, status: { $ne: 'proposed' } });
    if (query.followUpOverdue === true) and.push({ status: { $in: [...FOLLOWED_UP] }, nextFollowUpDue: { $lt: todayInJapan() } });
    const [items, total] = await this.em.findAndCount(Match, { $and: and }, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map(matchView), total, page);
  }
}

@Injectable()
export class GetMatchUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string): Promise<MatchView> {
    return matchView(await findVisibleMatch(this.em, id));
  }
}
