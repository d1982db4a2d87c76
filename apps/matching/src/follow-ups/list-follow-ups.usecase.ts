import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { listPage, type ListPage } from '@tsunagu/platform-persistence';
import type { FollowUpListQuery, FollowUpView } from './follow-up.dto';
import { FollowUp } from './follow-up.entity';
import { followUpView } from './follow-up.view';
import { MatchingAccess } from '../shared/matching-access';

@Injectable()
export class ListFollowUpsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly access: MatchingAccess,
  ) {}

  async execute(matchId: string, query: FollowUpListQuery): Promise<ListPage<FollowUpView>> {
    await this.access.findVisibleMatch(this.em, matchId);
    const page = paging(query, ['heldOn', 'createdAt', 'nextDueOn', 'id'], '-heldOn');
    const [items, total] = await this.em.findAndCount(FollowUp, { matchId }, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map(followUpView), total, page);
  }
}
