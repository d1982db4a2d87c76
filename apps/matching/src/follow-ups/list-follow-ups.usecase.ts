import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { listPage, paging, type ListPage } from '@tsunagu/platform-http';
import { findVisibleMatch } from '../matches/match-access';
import type { FollowUpListQuery, FollowUpView } from './follow-up.dto';
import { FollowUp } from './follow-up.entity';
import { followUpView } from './follow-up.view';

@Injectable()
export class ListFollowUpsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(matchId: string, query: FollowUpListQuery): Promise<ListPage<FollowUpView>> {
    await findVisibleMatch(this.em, matchId);
    const page = paging(query, ['heldOn', 'createdAt', 'nextDueOn', 'id'], '-heldOn');
    const [items, total] = await this.em.findAndCount(FollowUp, { matchId }, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map(followUpView), total, page);
  }
}
