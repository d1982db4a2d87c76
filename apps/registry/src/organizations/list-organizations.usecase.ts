import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { findOrFail, plainListOrKeyset, type KeysetPage, type ListPage } from '@tsunagu/platform-persistence';
import { searchPatterns } from '../shared/japanese-text';
import { Organization } from './organization.entity';
import type { OrganizationListQuery, OrganizationView } from './organization.dto';
import { organizationView } from './organization.view';

@Injectable()
export class ListOrganizationsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: OrganizationListQuery): Promise<ListPage<OrganizationView> | KeysetPage<OrganizationView>> {
    const and: FilterQuery<Organization>[] = [];
    if (query.type) and.push({ type: query.type });
    if (query.field) and.push({ fields: { $contains: [query.field] } });
    if (query.jusouRole) and.push({ jusouRoles: { $contains: [query.jusouRole] } });
    if (query.district) and.push({ districtIds: { $contains: [query.district] } });
    if (query.archived !== undefined) and.push({ archived: query.archived });
    for (const pattern of searchPatterns(query.q)) and.push({ searchText: { $like: pattern } });
    const page = () => paging(query, ['name', 'kana', 'type', 'createdAt', 'updatedAt', 'id'], 'kana');
    return plainListOrKeyset(this.em, Organization, and.length ? { $and: and } : {}, query, page, ['name', 'kana', 'type', 'id'], organizationView);
  }
}

@Injectable()
export class GetOrganizationUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string): Promise<OrganizationView> {
    return organizationView(await findOrFail(this.em, Organization, 'Organization', id));
  }
}
