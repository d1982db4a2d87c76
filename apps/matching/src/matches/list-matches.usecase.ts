import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { listPlainRows, type ListPage } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { FOLLOWED_UP } from './match-status';
import type { MatchListQuery, MatchView } from './match.dto';
import { Match } from './match.entity';
import { matchView } from './match.view';
import { MatchingAccess } from '../shared/matching-access';

@Injectable()
export class ListMatchesUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly access: MatchingAccess,
  ) {}

  async execute(query: MatchListQuery): Promise<ListPage<MatchView>> {
    const page = paging(query, ['proposedOn', 'startedOn', 'nextFollowUpDue', 'createdAt', 'updatedAt', 'status', 'id'], '-proposedOn');
    const and: FilterQuery<Match>[] = [
      { needId: query.needId, personId: query.personId, opportunityId: query.opportunityId, hostOrganizationId: query.hostOrganizationId, status: query.status },
    ];
    // Object-level narrowing (OWASP API1): beyond the city-wide roles, a desk lists the matches it hosts once the person agreed to share.
    and.push(this.access.matchFilter());
    if (query.followUpOverdue === true) and.push({ status: { $in: [...FOLLOWED_UP] }, nextFollowUpDue: { $lt: todayInJapan() } });
    return listPlainRows(this.em, Match, { $and: and }, page, matchView);
  }
}

@Injectable()
export class GetMatchUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly access: MatchingAccess,
  ) {}

  async execute(id: string): Promise<MatchView> {
    return matchView(await this.access.findVisibleMatch(this.em, id));
  }
}
