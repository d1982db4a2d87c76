import { defineEvent, type JsonSchema } from '../lib/event-contract';
import {
  COUNCIL_STATUSES,
  INSURANCE_SCHEMES,
  ORGANIZATION_TYPES,
  RESOURCE_CATEGORIES,
  RESOURCE_STATUSES,
  type CoordinatorLayer,
  type CouncilLayer,
  type CouncilStatus,
  type InsuranceScheme,
  type OrganizationType,
  type ResourceCategory,
  type ResourceStatus,
} from './codes';

/*
 * Events the registry publishes (ARCHITECTURE §2). Payloads carry ids and codes only: a resource's
 * name or a coordinator's display name never travels on the bus; consumers ask the API when they need them.
 * The one exception is a district's short name and reading — public place names that label reports.
 */

const SERVICE = 'registry';
const uuid = { type: 'string', format: 'uuid' } as const;
const uuids = { type: 'array', items: uuid } as const;
const date = { type: 'string', format: 'date' } as const;

function object(properties: Record<string, JsonSchema>, required: string[]): JsonSchema {
  return { type: 'object', additionalProperties: false, properties, required };
}

export interface ResourceEventData {
  resourceId: string;
  status: ResourceStatus;
  category: ResourceCategory;
  insuranceScheme: InsuranceScheme;
  districtIds: string[];
  organizationId: string | null;
  public: boolean;
  lastVerifiedOn: string | null;
}

const resourceSchema = object(
  {
    resourceId: uuid,
    status: { enum: [...RESOURCE_STATUSES] },
    category: { enum: [...RESOURCE_CATEGORIES] },
    insuranceScheme: { enum: [...INSURANCE_SCHEMES] },
    districtIds: uuids,
    organizationId: { anyOf: [uuid, { type: 'null' }] },
    public: { type: 'boolean' },
    lastVerifiedOn: { anyOf: [date, { type: 'null' }] },
  },
  ['resourceId', 'status', 'category', 'insuranceScheme', 'districtIds', 'organizationId', 'public', 'lastVerifiedOn'],
);

function resourceEvent(event: string, summary: string) {
  return defineEvent<ResourceEventData>({ service: SERVICE, aggregate: 'resource', event, summary, schema: resourceSchema });
}

export const ResourceRegistered = resourceEvent('registered', 'A community resource (地域資源) was registered.');
export const ResourceUpdated = resourceEvent('updated', 'A community resource was edited.');
export const ResourcePublished = resourceEvent('published', 'A resource started running (準備中 → 実施中) and is listed publicly.');
export const ResourceSuspended = resourceEvent('suspended', 'A resource paused (実施中 → 休止).');
export const ResourceResumed = resourceEvent('resumed', 'A paused resource runs again (休止 → 実施中).');
export const ResourceRetired = resourceEvent('retired', 'A resource ended for good (→ 廃止).');
export const ResourceVerified = resourceEvent('verified', 'Staff confirmed a resource is still accurate (lastVerifiedOn).');

export interface DistrictEventData {
  districtId: string;
  sortOrder: number;
  isIsland: boolean;
  /**
   * 地区名 (e.g. 香南) and its reading in katakana: public place names, not personal data, so reports can
   * label districts. Optional because events recorded before they were added carry neither.
   */
  shortName?: string;
  kana?: string;
}
const districtSchema = object(
  { districtId: uuid, sortOrder: { type: 'integer' }, isIsland: { type: 'boolean' }, shortName: { type: 'string', maxLength: 100 }, kana: { type: 'string', maxLength: 200 } },
  ['districtId', 'sortOrder', 'isIsland'],
);
export const DistrictRegistered = defineEvent<DistrictEventData>({
  service: SERVICE,
  aggregate: 'district',
  event: 'registered',
  summary: 'A district (地域コミュニティ協議会区域) was registered.',
  schema: districtSchema,
});
export const DistrictUpdated = defineEvent<DistrictEventData>({
  service: SERVICE,
  aggregate: 'district',
  event: 'updated',
  summary: 'A district was edited.',
  schema: districtSchema,
});

export interface OrganizationEventData {
  organizationId: string;
  type: OrganizationType;
  districtIds: string[];
}
const organizationSchema = object({ organizationId: uuid, type: { enum: [...ORGANIZATION_TYPES] }, districtIds: uuids }, [
  'organizationId',
  'type',
  'districtIds',
]);
export const OrganizationRegistered = defineEvent<OrganizationEventData>({
  service: SERVICE,
  aggregate: 'organization',
  event: 'registered',
  summary: 'An organisation (支援関係機関 or community group) was registered.',
  schema: organizationSchema,
});
export const OrganizationUpdated = defineEvent<OrganizationEventData>({
  service: SERVICE,
  aggregate: 'organization',
  event: 'updated',
  summary: 'An organisation was edited.',
  schema: organizationSchema,
});

export interface CoordinatorAssignedData {
  coordinatorId: string;
  layer: CoordinatorLayer;
  districtIds: string[];
  employerOrganizationId: string | null;
  assignedFrom: string;
  assignedTo: string | null;
}
export const CoordinatorAssigned = defineEvent<CoordinatorAssignedData>({
  service: SERVICE,
  aggregate: 'coordinator',
  event: 'assigned',
  summary: 'A 生活支援コーディネーター was assigned (layer, districts, period).',
  schema: object(
    {
      coordinatorId: uuid,
      layer: { enum: [1, 2, 3] },
      districtIds: uuids,
      employerOrganizationId: { anyOf: [uuid, { type: 'null' }] },
      assignedFrom: date,
      assignedTo: { anyOf: [date, { type: 'null' }] },
    },
    ['coordinatorId', 'layer', 'districtIds', 'employerOrganizationId', 'assignedFrom', 'assignedTo'],
  ),
});

export interface CouncilEstablishedData {
  councilId: string;
  layer: CouncilLayer;
  districtId: string | null;
  status: CouncilStatus;
  establishedOn: string | null;
}
export const CouncilEstablished = defineEvent<CouncilEstablishedData>({
  service: SERVICE,
  aggregate: 'council',
  event: 'established',
  summary: 'A 協議体 (layer 1, or a layer-2 地域福祉ネットワーク会議) was registered.',
  schema: object(
    {
      councilId: uuid,
      layer: { enum: [1, 2] },
      districtId: { anyOf: [uuid, { type: 'null' }] },
      status: { enum: [...COUNCIL_STATUSES] },
      establishedOn: { anyOf: [date, { type: 'null' }] },
    },
    ['councilId', 'layer', 'districtId', 'status', 'establishedOn'],
  ),
});

export interface CouncilMeetingHeldData {
  councilId: string;
  meetingId: string;
  districtId: string | null;
  heldOn: string;
  participantsCount: number | null;
}
export const CouncilMeetingHeld = defineEvent<CouncilMeetingHeldData>({
  service: SERVICE,
  aggregate: 'council',
  event: 'meeting-held',
  summary: 'A council meeting was recorded (date and head count only; minutes stay in the registry).',
  schema: object(
    {
      councilId: uuid,
      meetingId: uuid,
      districtId: { anyOf: [uuid, { type: 'null' }] },
      heldOn: date,
      participantsCount: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] },
    },
    ['councilId', 'meetingId', 'districtId', 'heldOn', 'participantsCount'],
  ),
});

/** Every registry event contract (for the AsyncAPI document and contract tests). */
export const REGISTRY_EVENTS = [
  ResourceRegistered,
  ResourceUpdated,
  ResourcePublished,
  ResourceSuspended,
  ResourceResumed,
  ResourceRetired,
  ResourceVerified,
  DistrictRegistered,
  DistrictUpdated,
  OrganizationRegistered,
  OrganizationUpdated,
  CoordinatorAssigned,
  CouncilEstablished,
  CouncilMeetingHeld,
] as const;
