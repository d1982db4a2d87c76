import type { ResourceEventData } from '@tsunagu/contracts';
import type { PlainRow } from '@tsunagu/platform-persistence';
import type { CommunityResource } from './community-resource.entity';
import type { ResourceView } from './resource.dto';

/** Built from an entity or from a plain row of a list (same properties). */
export function resourceView(resource: PlainRow<CommunityResource>): ResourceView {
  return {
    id: resource.id,
    name: resource.name,
    kana: resource.kana,
    description: resource.description,
    organizationId: resource.organizationId,
    districtIds: [...resource.districtIds],
    category: resource.category,
    insuranceScheme: resource.insuranceScheme,
    activities: [...resource.activities],
    eligibility: resource.eligibility,
    schedule: {
      frequency: resource.scheduleFrequency,
      weekdays: [...resource.scheduleWeekdays],
      opensAt: resource.scheduleOpensAt,
      closesAt: resource.scheduleClosesAt,
      note: resource.scheduleNote,
    },
    capacity: resource.capacity,
    fee: resource.fee,
    contact: resource.contact,
    public: resource.public,
    status: resource.status,
    lastVerifiedOn: resource.lastVerifiedOn,
    version: resource.version,
    createdAt: resource.createdAt.toISOString(),
    updatedAt: resource.updatedAt.toISOString(),
  };
}

/** Ids and codes only: what travels on the bus. */
export function resourceEventData(resource: CommunityResource): ResourceEventData {
  return {
    resourceId: resource.id,
    status: resource.status,
    category: resource.category,
    insuranceScheme: resource.insuranceScheme,
    districtIds: [...resource.districtIds],
    organizationId: resource.organizationId,
    public: resource.public,
    lastVerifiedOn: resource.lastVerifiedOn,
  };
}
