import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { paging } from '@tsunagu/platform-http';
import { listPlainRows, type ListPage } from '@tsunagu/platform-persistence';
import { searchPatterns } from '@tsunagu/util-japanese-text';
import { PersonVisibility } from '../access/person-visibility';
import { MultiAgencyCase } from './case.entity';
import type { CaseListQuery, CaseView } from './case.dto';
import { caseView, findVisibleCase } from './case.view';

const involving = (organizationId: string): FilterQuery<MultiAgencyCase> => ({
  $or: [{ coordinatorOrganizationId: organizationId }, { leadOrganizationId: organizationId }, { memberOrganizationIds: { $contains: [organizationId] } }],
});

@Injectable()
export class ListCasesUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
  ) {}

  async execute(query: CaseListQuery): Promise<ListPage<CaseView>> {
    const page = paging(query, ['caseNo', 'status', 'createdAt', 'updatedAt', 'id'], '-createdAt');
    const and: FilterQuery<MultiAgencyCase>[] = [{ status: query.status, track: query.track, householdId: query.householdId }];
    if (query.organizationId) and.push(involving(query.organizationId));
    const principal = TenantContext.principal();
    and.push(this.people.caseFilter());
    if (query.mine !== undefined) {
      const me = principal?.subject ?? '';
      and.push(query.mine ? { coordinatorStaff: me } : { coordinatorStaff: { $ne: me } });
    }
    for (const pattern of searchPatterns(query.q)) and.push({ caseNo: { $ilike: pattern } });
    return listPlainRows(this.em, MultiAgencyCase, { $and: and }, page, caseView);
  }
}

@Injectable()
export class GetCaseUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
  ) {}

  async execute(id: string): Promise<CaseView> {
    return caseView(await findVisibleCase(this.em, id, this.people));
  }
}
