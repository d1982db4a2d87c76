import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { RESOURCE_ELIGIBILITY_LABELS } from '@tsunagu/contracts';
import { District } from '../districts/district.entity';
import { Organization } from '../organizations/organization.entity';
import { CommunityResource } from '../resources/community-resource.entity';
import {
  bydayFromWeekdays,
  codedAttribute,
  derivedId,
  HSDS_FREQUENCY,
  HSDS_STATUS,
  valueAttribute,
} from './hsds.mapping';
import type { HsdsAttribute, HsdsLocation, HsdsOrganization, HsdsPackage, HsdsSchedule, HsdsService, HsdsServiceAtLocation } from './hsds.types';

/** Drops undefined keys so the JSON carries only what is known (and round trips byte for byte). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

export function organizationToHsds(organization: Organization): HsdsOrganization {
  const id = organization.id;
  const attributes: HsdsAttribute[] = [
    codedAttribute(id, 'organization', 'organization-type', organization.type),
    ...organization.fields.map((field) => codedAttribute(id, 'organization', 'organization-field', field)),
    ...organization.jusouRoles.map((role) => codedAttribute(id, 'organization', 'jusou-role', role)),
    ...(organization.operation ? [codedAttribute(id, 'organization', 'organization-operation', organization.operation)] : []),
    valueAttribute(id, 'organization', 'appi-private-operator', String(organization.isAppiPrivateOperator)),
    valueAttribute(id, 'organization', 'archived', String(organization.archived)),
    ...organization.districtIds.map((districtId, index) => valueAttribute(id, 'organization', 'served-district', districtId, index)),
    ...(organization.contact?.address ? [valueAttribute(id, 'organization', 'contact-address', organization.contact.address)] : []),
    ...(organization.contact?.note ? [valueAttribute(id, 'organization', 'contact-note', organization.contact.note)] : []),
  ];
  return compact({
    id,
    name: organization.name,
    alternate_name: organization.kana || undefined,
    description: organization.description ?? '',
    email: organization.contact?.email,
    website: organization.contact?.website,
    phones: organization.contact?.phone ? [{ id: derivedId('phone', id), organization_id: id, number: organization.contact.phone }] : [],
    attributes,
  });
}

export function resourceToHsds(resource: CommunityResource): HsdsService {
  const id = resource.id;
  const attributes: HsdsAttribute[] = [
    codedAttribute(id, 'service', 'resource-category', resource.category),
    codedAttribute(id, 'service', 'insurance-scheme', resource.insuranceScheme),
    ...resource.activities.map((activity) => codedAttribute(id, 'service', 'resource-activity', activity)),
    codedAttribute(id, 'service', 'resource-eligibility', resource.eligibility),
    valueAttribute(id, 'service', 'public', String(resource.public)),
    ...(resource.capacity !== null ? [valueAttribute(id, 'service', 'capacity', String(resource.capacity))] : []),
    ...(resource.contact?.address ? [valueAttribute(id, 'service', 'contact-address', resource.contact.address)] : []),
    ...(resource.contact?.note ? [valueAttribute(id, 'service', 'contact-note', resource.contact.note)] : []),
  ];
  return compact({
    id,
    organization_id: resource.organizationId ?? undefined,
    name: resource.name,
    alternate_name: resource.kana || undefined,
    description: resource.description ?? undefined,
    url: resource.contact?.website,
    email: resource.contact?.email,
    status: HSDS_STATUS[resource.status],
    fees_description: resource.fee ?? undefined,
    eligibility_description: RESOURCE_ELIGIBILITY_LABELS[resource.eligibility],
    assured_date: resource.lastVerifiedOn ?? undefined,
    phones: resource.contact?.phone ? [{ id: derivedId('phone', id), service_id: id, number: resource.contact.phone }] : [],
    attributes,
  });
}

export function districtToHsds(district: District): HsdsLocation {
  const id = district.id;
  const attributes: HsdsAttribute[] = [
    valueAttribute(id, 'location', 'kana', district.kana),
    valueAttribute(id, 'location', 'sort-order', String(district.sortOrder)),
    codedAttribute(id, 'location', 'area-group', district.areaGroup),
    valueAttribute(id, 'location', 'island', String(district.isIsland)),
    ...(district.office?.name ? [valueAttribute(id, 'location', 'office-name', district.office.name)] : []),
    ...(district.office?.address ? [valueAttribute(id, 'location', 'office-address', district.office.address)] : []),
    ...(district.office?.phone ? [valueAttribute(id, 'location', 'office-phone', district.office.phone)] : []),
  ];
  return compact({
    id,
    location_type: 'physical' as const,
    name: district.shortName,
    alternate_name: district.officialName,
    phones: district.office?.phone ? [{ id: derivedId('phone', id), location_id: id, number: district.office.phone }] : [],
    attributes,
  });
}

export function resourceSchedule(resource: CommunityResource): HsdsSchedule | undefined {
  const hasSchedule =
    resource.scheduleFrequency || resource.scheduleWeekdays.length > 0 || resource.scheduleOpensAt || resource.scheduleClosesAt || resource.scheduleNote;
  if (!hasSchedule) return undefined;
  return compact({
    id: derivedId('schedule', resource.id),
    service_id: resource.id,
    freq: resource.scheduleFrequency ? HSDS_FREQUENCY[resource.scheduleFrequency] : undefined,
    byday: bydayFromWeekdays(resource.scheduleWeekdays),
    opens_at: resource.scheduleOpensAt ?? undefined,
    closes_at: resource.scheduleClosesAt ?? undefined,
    description: resource.scheduleNote ?? undefined,
  });
}

/**
 * The municipality's registry as an Open Referral HSDS 3.x package: organisations, services (community
 * resources), locations (districts), service_at_locations (which districts a resource serves) and schedules.
 */
@Injectable()
export class ExportHsdsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(): Promise<HsdsPackage> {
    const em = this.em.fork();
    const organizations = await em.find(Organization, {}, { orderBy: { id: 'asc' } });
    const resources = await em.find(CommunityResource, {}, { orderBy: { id: 'asc' } });
    const districts = await em.find(District, {}, { orderBy: { id: 'asc' } });
    const serviceAtLocations: HsdsServiceAtLocation[] = resources.flatMap((resource) =>
      resource.districtIds.map((districtId) => ({ id: derivedId('service-at-location', resource.id, districtId), service_id: resource.id, location_id: districtId })),
    );
    return {
      organizations: organizations.map(organizationToHsds),
      services: resources.map(resourceToHsds),
      locations: districts.map(districtToHsds),
      service_at_locations: serviceAtLocations,
      schedules: resources.map(resourceSchedule).filter((schedule): schedule is HsdsSchedule => schedule !== undefined),
    };
  }
}
