import type { MatchOpportunity } from '@tsunagu/matching-engine';
import type { Host } from '../hosts/host.entity';
import { cleanWords, uniqueSlots } from '../shared/slot.dto';
import type { OpportunityTerms, OpportunityView } from './opportunity.dto';
import type { Opportunity } from './opportunity.entity';

export function opportunityView(opportunity: Opportunity): OpportunityView {
  return {
    id: opportunity.id,
    source: opportunity.source,
    resourceId: opportunity.resourceId,
    resourceCategory: opportunity.resourceCategory,
    hostId: opportunity.hostId,
    organizationId: opportunity.organizationId,
    title: opportunity.title,
    activityType: opportunity.activityType,
    purposes: [...opportunity.purposes],
    activityTags: [...opportunity.activityTags],
    sessions: opportunity.sessions.map((slot) => ({ ...slot })),
    capacity: opportunity.capacity,
    seatsLeft: opportunity.seatsLeft,
    districtId: opportunity.districtId,
    location: opportunity.location,
    fee: opportunity.fee,
    volunteerInsurance: opportunity.volunteerInsurance,
    accommodations: [...opportunity.accommodations],
    physicalLoad: opportunity.physicalLoad,
    groupSize: opportunity.groupSize,
    status: opportunity.status,
    version: opportunity.version,
  };
}

export function applyOpportunityTerms(opportunity: Opportunity, terms: Partial<OpportunityTerms>): void {
  if (terms.title !== undefined) opportunity.title = terms.title;
  if (terms.activityType !== undefined) opportunity.activityType = terms.activityType;
  if (terms.purposes !== undefined) opportunity.purposes = [...terms.purposes];
  if (terms.activityTags !== undefined) opportunity.activityTags = cleanWords(terms.activityTags);
  if (terms.sessions !== undefined) opportunity.sessions = uniqueSlots(terms.sessions);
  if (terms.capacity !== undefined) opportunity.capacity = terms.capacity;
  if (terms.seatsLeft !== undefined) opportunity.seatsLeft = terms.seatsLeft;
  if (terms.districtId !== undefined) opportunity.districtId = terms.districtId;
  if (terms.location !== undefined) opportunity.location = terms.location;
  if (terms.fee !== undefined) opportunity.fee = terms.fee;
  if (terms.volunteerInsurance !== undefined) opportunity.volunteerInsurance = terms.volunteerInsurance;
  if (terms.accommodations !== undefined) opportunity.accommodations = [...terms.accommodations];
  if (terms.physicalLoad !== undefined) opportunity.physicalLoad = terms.physicalLoad;
  if (terms.groupSize !== undefined) opportunity.groupSize = terms.groupSize;
}

/** A host whose agreement is 休止 or 解除 takes nobody in, whatever its menus say. */
export function hostTakesPeople(host: Host | undefined): boolean {
  return host === undefined || host.agreementStatus === 'registered' || host.agreementStatus === 'signed';
}

/** The opportunity as the engine ranks it: host terms (accepted purposes, accommodations) folded in. */
export function engineOpportunity(opportunity: Opportunity, host: Host | undefined): MatchOpportunity {
  const accommodations = host && host.accommodations.length > 0 ? [...new Set([...opportunity.accommodations, ...host.accommodations])] : opportunity.accommodations;
  return {
    id: opportunity.id,
    active: opportunity.status === 'published' && hostTakesPeople(host),
    purposes: opportunity.purposes,
    hostAccepts: host ? host.accepts : null,
    activityTags: opportunity.activityTags,
    sessions: opportunity.sessions,
    seatsLeft: opportunity.seatsLeft,
    districtId: opportunity.districtId,
    fee: opportunity.fee,
    accommodations,
    physicalLoad: opportunity.physicalLoad,
    groupSize: opportunity.groupSize,
  };
}
