import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { listPlainRows, type ListPage } from '@tsunagu/platform-persistence';
import { searchPatterns } from '@tsunagu/util-japanese-text';
import { PersonVisibility } from '../access/person-visibility';
import { Consultation } from './consultation.entity';
import type { ConsultationListQuery, ConsultationView } from './consultation.dto';
import { ConsultationDisclosure } from './consultation-access';

@Injectable()
export class ListConsultationsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
    private readonly disclosure: ConsultationDisclosure,
  ) {}

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
      this.people.consultationFilter(),
    ];
    if (query.issueTag) and.push({ issueTags: { $contains: [query.issueTag] } });
    for (const pattern of searchPatterns(query.q)) and.push({ searchText: { $like: pattern } });
    const rows = await listPlainRows(this.em, Consultation, { $and: and }, page, (consultation) => consultation);
    return { ...rows, items: await this.disclosure.views(this.em, rows.items) };
  }
}

@Injectable()
export class GetConsultationUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
    private readonly disclosure: ConsultationDisclosure,
  ) {}

  async execute(id: string): Promise<ConsultationView> {
    const [view] = await this.disclosure.views(this.em, [await this.people.findVisible(this.em, Consultation, 'Consultation', id, this.people.consultationFilter())]);
    return view;
  }
}
