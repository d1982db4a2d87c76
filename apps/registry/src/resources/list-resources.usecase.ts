import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { findOrFail, plainListOrKeyset, SqlConditions, type KeysetPage, type ListPage, type SqlPredicate } from '@tsunagu/platform-persistence';
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

/**
 * One place that turns list filters into a query, shared by the HTTP list and the NATS search (matching asks it for
 * every need): conditions written as SQL, not a filter the query builder turns into SQL per request (ADR 0022).
 */
export function resourceWhere(filter: ResourceFilter): SqlConditions {
  const and: SqlPredicate[] = [];
  const condition = (sql: string, ...params: unknown[]) => and.push({ sql, params });
  if (filter.district) condition('$ALIAS.district_ids @> array[?]::text[]', filter.district);
  if (filter.districts?.length) condition('$ALIAS.district_ids && array[?]::text[]', filter.districts);
  if (filter.category) condition('$ALIAS.category = ?', filter.category);
  if (filter.categories?.length) condition('$ALIAS.category in (?)', filter.categories);
  if (filter.insuranceScheme) condition('$ALIAS.insurance_scheme = ?', filter.insuranceScheme);
  if (filter.activity) condition('$ALIAS.activities @> array[?]::text[]', filter.activity);
  if (filter.activities?.length) condition('$ALIAS.activities && array[?]::text[]', filter.activities);
  if (filter.eligibility) condition('$ALIAS.eligibility = ?', filter.eligibility);
  if (filter.eligibilities?.length) condition('$ALIAS.eligibility in (?)', filter.eligibilities);
  if (filter.status) condition('$ALIAS.status = ?', filter.status);
  if (filter.weekday) condition('$ALIAS.schedule_weekdays @> array[?]::text[]', filter.weekday);
  if (filter.weekdays?.length) condition('$ALIAS.schedule_weekdays && array[?]::text[]', filter.weekdays);
  if (filter.public !== undefined) condition('$ALIAS.public = ?', filter.public);
  if (filter.organization) condition('$ALIAS.organization_id = ?', filter.organization);
  for (const pattern of searchPatterns(filter.q)) condition('$ALIAS.search_text like ?', pattern);
  return new SqlConditions(and);
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
