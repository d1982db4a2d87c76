import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { RESOURCE_ACTIVITY_LABELS, SearchResourcesRpc, type ResourceSearchHit, type TimeSlot } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { RpcClient } from '@tsunagu/platform-messaging';
import { assertVersion } from '@tsunagu/platform-persistence';
import { uniqueSlots } from '../shared/slot.dto';
import type { OpportunityView } from './opportunity.dto';
import { Opportunity } from './opportunity.entity';
import { opportunityView } from './opportunity.view';
import { resourceTitle } from './resource-terms';
import { findWritableOpportunity } from './update-opportunity.usecase';

/** 午前 before 12:00, 午後 before 17:00, else 夜間 — the slot a registry opening time falls in. */
export function slotOfTime(opensAt: string): TimeSlot {
  const hour = Number(opensAt.slice(0, 2));
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
}

/**
 * Copies the public details events do not carry — the resource's name, weekdays and opening time, capacity and
 * activities — from the registry (request-reply `tsunagu.rpc.registry.resources.search`). Only what staff have not
 * set yet is filled in: a title still equal to the category title, empty sessions, no capacity; activity labels
 * are added to the tags. Asked by staff per opportunity, outside any event handler, so a registry that is down
 * answers 503 here and never holds up the consumers.
 */
@Injectable()
export class RefreshFromRegistryUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly rpc: RpcClient,
  ) {}

  async execute(id: string, expectedVersion: number | undefined): Promise<OpportunityView> {
    const before = await findWritableOpportunity(this.em, id);
    if (before.source !== 'registry-resource' || !before.resourceId) {
      throw new DomainException(DomainErrorCode.Conflict, 'Only an opportunity copied from a registry resource can be refreshed from the registry');
    }
    // The registry searches this request's municipality: RpcClient sends it from the TenantContext, never the payload (ADR 0015).
    const found = await this.rpc.call(SearchResourcesRpc, {
      ...(before.districtId ? { districtIds: [before.districtId] } : {}),
      ...(before.resourceCategory ? { categories: [before.resourceCategory] } : {}),
      limit: 100,
    });
    const hit = found.items.find((item) => item.id === before.resourceId);
    if (!hit) throw new DomainException(DomainErrorCode.Conflict, 'The registry does not list this resource as published (実施中・公開) now');
    return this.em.transactional(async (em) => {
      const opportunity = await findWritableOpportunity(em, id);
      assertVersion(opportunity, expectedVersion, 'Opportunity');
      applyRegistryDetails(opportunity, hit);
      await em.flush();
      return opportunityView(opportunity);
    });
  }
}

export function applyRegistryDetails(opportunity: Opportunity, hit: ResourceSearchHit): void {
  if (opportunity.resourceCategory === null || opportunity.title === resourceTitle(opportunity.resourceCategory)) opportunity.title = hit.name.slice(0, 200);
  if (opportunity.sessions.length === 0 && hit.schedule.opensAt && hit.schedule.weekdays.length > 0) {
    const slot = slotOfTime(hit.schedule.opensAt);
    opportunity.sessions = uniqueSlots(hit.schedule.weekdays.map((weekday) => ({ weekday, slot })));
  }
  if (opportunity.capacity === null && hit.capacity !== null) {
    opportunity.capacity = hit.capacity;
    opportunity.seatsLeft ??= hit.capacity;
  }
  opportunity.activityTags = [...new Set([...opportunity.activityTags, ...hit.activities.filter((activity) => activity !== 'other').map((activity) => RESOURCE_ACTIVITY_LABELS[activity])])].slice(0, 20);
}
