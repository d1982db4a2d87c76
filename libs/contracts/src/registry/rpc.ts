import { defineRpc, type JsonSchema } from '../lib/event-contract';
import {
  RESOURCE_ACTIVITIES,
  RESOURCE_CATEGORIES,
  RESOURCE_ELIGIBILITIES,
  INSURANCE_SCHEMES,
  SCHEDULE_FREQUENCIES,
  WEEKDAYS,
  type InsuranceScheme,
  type ResourceActivity,
  type ResourceCategory,
  type ResourceEligibility,
  type ScheduleFrequency,
  type Weekday,
} from './codes';

export interface ResourceSearchRequest {
  /**
   * Ignored; accepted so callers built before ADR 0015 stay valid. The registry searches the caller's municipality,
   * from the `tsunagu-municipality` header RpcClient sets from the caller's context, never one named in the payload.
   * @deprecated
   */
  municipality?: string;
  districtIds?: string[];
  categories?: ResourceCategory[];
  activities?: ResourceActivity[];
  eligibilities?: ResourceEligibility[];
  /** Any of these days. */
  weekdays?: Weekday[];
  /** Japanese text, normalised like the HTTP `q`. */
  q?: string;
  limit?: number;
}

export interface ResourceSchedule {
  frequency: ScheduleFrequency | null;
  weekdays: Weekday[];
  opensAt: string | null;
  closesAt: string | null;
}

export interface ResourceSearchHit {
  id: string;
  name: string;
  organizationId: string | null;
  category: ResourceCategory;
  insuranceScheme: InsuranceScheme;
  activities: ResourceActivity[];
  eligibility: ResourceEligibility;
  districtIds: string[];
  schedule: ResourceSchedule;
  capacity: number | null;
  lastVerifiedOn: string | null;
}

export interface ResourceSearchResponse {
  items: ResourceSearchHit[];
  total: number;
}

const uuid = { type: 'string', format: 'uuid' } as const;
const enumArray = (values: readonly (string | number)[]): JsonSchema => ({ type: 'array', items: { enum: [...values] } });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

/**
 * Published (public, 実施中) resources of the caller's municipality (the `tsunagu-municipality` header) matching the
 * filters, for matching's 参加支援 suggestions.
 * Ids, codes, districts and the schedule only — matching copies what it needs.
 */
export const SearchResourcesRpc = defineRpc<ResourceSearchRequest, ResourceSearchResponse>({
  service: 'registry',
  operation: 'resources.search',
  summary: 'Search published community resources by district, category, activity, eligibility, weekday and text.',
  request: {
    type: 'object',
    additionalProperties: false,
    properties: {
      municipality: {
        type: 'string',
        pattern: '^[0-9]{6}$',
        deprecated: true,
        description: "Ignored: the registry searches the caller's municipality (the tsunagu-municipality header), never this one.",
      },
      districtIds: { type: 'array', items: uuid },
      categories: enumArray(RESOURCE_CATEGORIES),
      activities: enumArray(RESOURCE_ACTIVITIES),
      eligibilities: enumArray(RESOURCE_ELIGIBILITIES),
      weekdays: enumArray(WEEKDAYS),
      q: { type: 'string', maxLength: 200 },
      limit: { type: 'integer', minimum: 1, maximum: 100 },
    },
  },
  response: {
    type: 'object',
    additionalProperties: false,
    required: ['items', 'total'],
    properties: {
      total: { type: 'integer', minimum: 0 },
      items: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: [
            'id',
            'name',
            'organizationId',
            'category',
            'insuranceScheme',
            'activities',
            'eligibility',
            'districtIds',
            'schedule',
            'capacity',
            'lastVerifiedOn',
          ],
          properties: {
            id: uuid,
            name: { type: 'string' },
            organizationId: nullable(uuid),
            category: { enum: [...RESOURCE_CATEGORIES] },
            insuranceScheme: { enum: [...INSURANCE_SCHEMES] },
            activities: enumArray(RESOURCE_ACTIVITIES),
            eligibility: { enum: [...RESOURCE_ELIGIBILITIES] },
            districtIds: { type: 'array', items: uuid },
            schedule: {
              type: 'object',
              additionalProperties: false,
              required: ['frequency', 'weekdays', 'opensAt', 'closesAt'],
              properties: {
                frequency: nullable({ enum: [...SCHEDULE_FREQUENCIES] }),
                weekdays: enumArray(WEEKDAYS),
                opensAt: nullable({ type: 'string', pattern: '^[0-2][0-9]:[0-5][0-9]$' }),
                closesAt: nullable({ type: 'string', pattern: '^[0-2][0-9]:[0-5][0-9]$' }),
              },
            },
            capacity: nullable({ type: 'integer', minimum: 0 }),
            lastVerifiedOn: nullable({ type: 'string', format: 'date' }),
          },
        },
      },
    },
  },
});
