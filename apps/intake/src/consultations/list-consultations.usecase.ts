import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { listPage, paging, type ListPage, findOrFail } from '@tsunagu/platform-http';
import { searchPatterns } from '@tsunagu/util-japanese-text';
import { Consultation } from './consultation.entity';
import type { ConsultationListQuery, ConsultationView } from './consultation.dto';
import { consultationView } from './consultation.view';

@Injectable()
export class ListConsultationsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: ConsultationListQuery): Promise<ListPage<ConsultationView>> {
    const page = paging(query, ['receivedAt', 'receptionNo', 'urgency', 'status', 'createdAt', 'updatedAt', 'id'], '-receivedAt');
    const and: FilterQuery<Consultation>[] = [
      {
        status: query.status,
        receivingOrganizationId: query.receivingOrganizationId,
        fiscalYear: query.fiscalYear,
        personId: query.personId,
        householdId: query.householdId,
        urgency: query.urgency,
        primaryCategory: query.primaryCategory,
      },
    ];
    if (query.issueTag) and.push({ issueTags: { $contains: [query.issueTag] } });
    for (const pattern of searchPatterns(query.q)) and.push({ searchText: { $like: pattern } });
    const [items, total] = await this.em.findAndCount(Consultation, { $and: and }, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map(consultationView), total, page);
  }
}

@Injectable()
export class GetConsultationUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string): Promise<ConsultationView> {
    return consultationView(await findOrFail(this.em, Consultation, 'Consultation', id));
  }
}
