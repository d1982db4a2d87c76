import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { findOrFail, plainListOrKeyset, type KeysetPage, type ListPage } from '@tsunagu/platform-persistence';
import { searchPatterns } from '../shared/japanese-text';
import { CommunityResource } from './community-resource.entity';
import type { ResourceListQuery, ResourceView } from './resource.dto';
import { resourceView } from './resource.view';

export const RESOURCE_SORTABLE = ['name', 'kana', 'category', 'status', 'lastVerifiedOn', 'createdAt', 'updatedAt', 'id'] as const;
/** Sorts an `after` cursor can continue (never null, compared exactly). */
export const RESOURCE_KEYSET_SORTABLE = ['name', 'kana', 'category', 'status', 'id'] as const;

export interface ResourceFilter {
  district?: string;
  districts?: string[];
  category?: CommunityResource['category'];
  categories?: CommunityResource['category'][];
  insuranceScheme?: CommunityResource['insuranceScheme'];
  activity?: string;
  activities?: string[];
  eligibility?: CommunityResource['eligibility'];
  eligibilities?: CommunityResource['eligibility'][];
  status?: CommunityResource['status'];
  weekday?: string;
  weekdays?: string[];
  public?: boolean;
  organization?: string;
  q?: string;
}

/** One place that turns list filters into a query, shared by the HTTP list and the NATS search. */
export function resourceWhere(filter: ResourceFilter): FilterQuery<CommunityResource> {
  const and: FilterQuery<CommunityResource>[] = [];
  if (filter.district) and.push({ districtIds: { $contains: [filter.district] } });
  if (filter.districts?.length) and.push({ districtIds: { $overlap: filter.districts } });
  if (filter.category) and.push({ category: filter.category });
  if (filter.categories?.length) and.push({ category: { $in: filter.categories } });
  if (filter.insuranceScheme) and.push({ insuranceScheme: filter.insuranceScheme });
  if (filter.activity) and.push({ activities: { $contains: [filter.activity] } });
  if (filter.activities?.length) and.push({ activities: { $overlap: filter.activities } });
  if (filter.eligibility) and.push({ eligibility: filter.eligibility });
  if (filter.eligibilities?.length) and.push({ eligibility: { $in: filter.eligibilities } });
  if (filter.status) and.push({ status: filter.status });
  if (filter.weekday) and.push({ scheduleWeekdays: { $contains: [filter.weekday] } });
  if (filter.weekdays?.length) and.push({ scheduleWeekdays: { $overlap: filter.weekdays } });
  if (filter.public !== undefined) and.push({ public: filter.public });
  if (filter.organization) and.push({ organizationId: filter.organization });
  for (const pattern of searchPatterns(filter.q)) and.push({ searchText: { $like: pattern } });
  return and.length > 0 ? { $and: and } : {};
}

@Injectable()
export class ListResourcesUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: ResourceListQuery): Promise<ListPage<ResourceView> | KeysetPage<ResourceView>> {
    return plainListOrKeyset(this.em, CommunityResource, resourceWhere(query), query, () => paging(query, RESOURCE_SORTABLE), RESOURCE_KEYSET_SORTABLE, resourceView);
  }
}

@Injectable()
export class GetResourceUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string): Promise<ResourceView> {
    return resourceView(await findOrFail(this.em, CommunityResource, 'CommunityResource', id));
  }
}
