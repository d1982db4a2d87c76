import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { listPage, type ListPage } from '@tsunagu/platform-persistence';
import { TargetAccess } from '../shared/target-access';
import type { ContactListQuery, ContactView } from './contact.dto';
import { contactView } from './contact.view';
import { OutreachContact } from './outreach-contact.entity';

@Injectable()
export class ListContactsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly access: TargetAccess,
  ) {}

  async execute(targetId: string, query: ContactListQuery): Promise<ListPage<ContactView>> {
    await this.access.findVisibleTarget(this.em, targetId);
    const page = paging(query, ['contactedAt', 'id'], '-contactedAt');
    const [items, total] = await this.em.findAndCount(OutreachContact, { targetId, result: query.result }, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map(contactView), total, page);
  }
}
