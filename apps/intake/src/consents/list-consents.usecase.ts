import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { listPage, type ListPage } from '@tsunagu/platform-persistence';
import { PersonVisibility } from '../access/person-visibility';
import { Consent } from './consent.entity';
import type { ConsentListQuery, ConsentView } from './consent.dto';
import { consentView } from './consent.view';

@Injectable()
export class ListConsentsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
  ) {}

  async execute(query: ConsentListQuery): Promise<ListPage<ConsentView>> {
    const page = paging(query, ['obtainedAt', 'createdAt', 'status', 'scope', 'id'], '-obtainedAt');
    const where: FilterQuery<Consent> = { $and: [{ personId: query.personId, status: query.status, scope: query.scope }, this.people.filter('person_id')] };
    const [items, total] = await this.em.findAndCount(Consent, where, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map(consentView), total, page);
  }
}

@Injectable()
export class GetConsentUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
  ) {}

  async execute(id: string): Promise<ConsentView> {
    return consentView(await this.people.findVisible(this.em, Consent, 'Consent', id, this.people.filter('person_id')));
  }
}
