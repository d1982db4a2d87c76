import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { assertMatchesSchema, SearchResourcesRpc, type ResourceSearchRequest, type ResourceSearchResponse } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { listPlainRows } from '@tsunagu/platform-persistence';
import { CommunityResource } from './community-resource.entity';
import { resourceWhere } from './list-resources.usecase';

/**
 * `tsunagu.rpc.registry.resources.search` for matching: only resources that are public and running
 * (公開 + 実施中), with ids, codes, districts and schedule, of the caller's municipality: the TenantContext
 * RpcNatsServer opened from the request's `tsunagu-municipality` header (it refuses a request without one) — never
 * `request.municipality`; the tenant filter and row-level security keep the search to it.
 */
@Injectable()
export class SearchResourcesUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(request: ResourceSearchRequest): Promise<ResourceSearchResponse> {
    try {
      assertMatchesSchema(SearchResourcesRpc.subject, SearchResourcesRpc.request, request);
    } catch (error) {
      throw new DomainException(DomainErrorCode.ValidationFailed, (error as Error).message);
    }
    const em = this.em.fork();
    const where = resourceWhere({
      districts: request.districtIds,
      categories: request.categories,
      activities: request.activities,
      eligibilities: request.eligibilities,
      weekdays: request.weekdays,
      q: request.q,
      public: true,
      status: 'active',
    });
    const limit = request.limit ?? 50;
    const { items, total } = await listPlainRows(em, CommunityResource, where, { limit, offset: 0, page: 1, perPage: limit, orderBy: { name: 'asc', id: 'asc' } }, (resource) => ({
      id: resource.id,
      name: resource.name,
      organizationId: resource.organizationId,
      category: resource.category,
      insuranceScheme: resource.insuranceScheme,
      activities: [...resource.activities],
      eligibility: resource.eligibility,
      districtIds: [...resource.districtIds],
      schedule: {
        frequency: resource.scheduleFrequency,
        weekdays: [...resource.scheduleWeekdays],
        opensAt: resource.scheduleOpensAt,
        closesAt: resource.scheduleClosesAt,
      },
      capacity: resource.capacity,
      lastVerifiedOn: resource.lastVerifiedOn,
    }));
    return { total, items };
  }
}
