import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import {
  AREA_GROUPS,
  codeFromLabel,
  DistrictRegistered,
  DistrictUpdated,
  INSURANCE_SCHEMES,
  JUSOU_ROLES,
  ORGANIZATION_FIELDS,
  ORGANIZATION_OPERATIONS,
  ORGANIZATION_TYPES,
  OrganizationRegistered,
  OrganizationUpdated,
  RESOURCE_ACTIVITIES,
  RESOURCE_CATEGORIES,
  RESOURCE_ELIGIBILITIES,
  ResourceRegistered,
  ResourceUpdated,
  SCHEDULE_FREQUENCY_LABELS,
  type AreaGroup,
  type InsuranceScheme,
  type JusouRole,
  type OrganizationField,
  type OrganizationOperation,
  type OrganizationType,
  type ResourceActivity,
  type ResourceCategory,
  type ResourceEligibility,
} from '@tsunagu/contracts';
import { DomainErrorCode, DomainException, type FieldErrors } from '@tsunagu/platform-errors';
import { District, type DistrictOffice } from '../districts/district.entity';
import { districtEventData } from '../districts/district.view';
import { Organization, type ContactInfo } from '../organizations/organization.entity';
import { organizationEventData } from '../organizations/organization.view';
import { CommunityResource } from '../resources/community-resource.entity';
import { resourceEventData } from '../resources/resource.view';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { toKatakana } from '../shared/japanese-text';
import { hsdsValidator, type HsdsTable } from './hsds-schemas';
import { attributeValues, firstValue, statusFromHsds, timeFromHsds, weekdaysFromByday } from './hsds.mapping';
import type { HsdsLocation, HsdsOrganization, HsdsPackage, HsdsSchedule, HsdsService } from './hsds.types';

export interface ImportHsdsResult {
  organizations: number;
  services: number;
  locations: number;
}

const COLLECTIONS: [keyof HsdsPackage, HsdsTable][] = [
  ['organizations', 'organization'],
  ['services', 'service'],
  ['locations', 'location'],
  ['service_at_locations', 'service_at_location'],
  ['schedules', 'schedule'],
];

function oneOf<T extends string>(values: readonly T[], value: string | undefined, fallback: T): T {
  return value && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

function someOf<T extends string>(values: readonly T[], list: string[]): T[] {
  return list.filter((value): value is T => (values as readonly string[]).includes(value));
}

function contactOf(fields: ContactInfo): ContactInfo | null {
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== ''));
  return Object.keys(present).length > 0 ? (present as ContactInfo) : null;
}

/**
 * Imports an HSDS package into the caller's municipality, creating or updating records by id. The whole
 * package is validated against the HSDS schemas first and written in one transaction: all or nothing.
 * Ids are kept, so the same records cannot belong to two municipalities (a clash is a 409).
 */
@Injectable()
export class ImportHsdsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(body: unknown): Promise<ImportHsdsResult> {
    const pkg = this.validate(body);
    return this.em.transactional(async (em) => {
      for (const location of pkg.locations) await this.upsertDistrict(em, location);
      for (const organization of pkg.organizations) await this.upsertOrganization(em, organization);
      await em.flush();
      for (const service of pkg.services) await this.upsertResource(em, service, pkg);
      await em.flush();
      return { organizations: pkg.organizations.length, services: pkg.services.length, locations: pkg.locations.length };
    });
  }

  private validate(body: unknown): HsdsPackage {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw DomainException.invalidField('body', 'expected an HSDS package object');
    }
    const errors: FieldErrors = {};
    const record = body as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!COLLECTIONS.some(([name]) => name === key)) errors[key] = `${key} is not a known collection`;
    }
    for (const [name, table] of COLLECTIONS) {
      const items = record[name] ?? [];
      if (!Array.isArray(items)) {
        errors[name] = `${name} must be an array`;
        continue;
      }
      const validate = hsdsValidator(table);
      items.forEach((item, index) => {
        if (!validate(item)) {
          for (const error of validate.errors ?? []) errors[`${name}.${index}${error.instancePath.replace(/\//g, '.')}`] = error.message ?? 'is invalid';
        }
      });
    }
    if (Object.keys(errors).length > 0) {
      throw new DomainException(DomainErrorCode.ValidationFailed, 'The package does not match HSDS 3.x; nothing was imported', { errors });
    }
    const pkg = record as Partial<HsdsPackage>;
    return {
      organizations: pkg.organizations ?? [],
      services: pkg.services ?? [],
      locations: pkg.locations ?? [],
      service_at_locations: pkg.service_at_locations ?? [],
      schedules: pkg.schedules ?? [],
    };
  }

  private async upsertDistrict(em: EntityManager, location: HsdsLocation): Promise<void> {
    const existing = await em.findOne(District, { id: location.id });
    const district = existing ?? Object.assign(new District(), { id: location.id });
    const attributes = location.attributes;
    district.shortName = location.name ?? location.id;
    district.officialName = location.alternate_name ?? district.shortName;
    district.kana = toKatakana(firstValue(attributes, 'kana') ?? '');
    district.sortOrder = Number(firstValue(attributes, 'sort-order') ?? 0) || 0;
    district.areaGroup = oneOf<AreaGroup>(AREA_GROUPS, firstValue(attributes, 'area-group'), 'other');
    district.isIsland = firstValue(attributes, 'island') === 'true';
    const office: DistrictOffice = {};
    const officeName = firstValue(attributes, 'office-name');
    const officeAddress = firstValue(attributes, 'office-address');
    const officePhone = firstValue(attributes, 'office-phone');
    if (officeName) office.name = officeName;
    if (officeAddress) office.address = officeAddress;
    if (officePhone) office.phone = officePhone;
    district.office = Object.keys(office).length > 0 ? office : null;
    if (!existing) em.persist(district);
    await em.flush();
    this.events.record(em, existing ? DistrictUpdated : DistrictRegistered, district.id, districtEventData(district));
  }

  private async upsertOrganization(em: EntityManager, source: HsdsOrganization): Promise<void> {
    const existing = await em.findOne(Organization, { id: source.id });
    const organization = existing ?? Object.assign(new Organization(), { id: source.id });
    const attributes = source.attributes;
    organization.name = source.name;
    organization.kana = toKatakana(source.alternate_name ?? '');
    organization.description = source.description === '' ? null : source.description;
    organization.type = oneOf<OrganizationType>(ORGANIZATION_TYPES, firstValue(attributes, 'organization-type'), 'other');
    organization.fields = someOf<OrganizationField>(ORGANIZATION_FIELDS, attributeValues(attributes, 'organization-field'));
    organization.jusouRoles = someOf<JusouRole>(JUSOU_ROLES, attributeValues(attributes, 'jusou-role'));
    const operation = firstValue(attributes, 'organization-operation');
    organization.operation = operation ? oneOf<OrganizationOperation>(ORGANIZATION_OPERATIONS, operation, 'cooperating') : null;
    organization.isAppiPrivateOperator = firstValue(attributes, 'appi-private-operator') === 'true';
    organization.archived = firstValue(attributes, 'archived') === 'true';
    organization.districtIds = attributeValues(attributes, 'served-district');
    organization.contact = contactOf({
      phone: source.phones?.[0]?.number,
      email: source.email,
      website: source.website,
      address: firstValue(attributes, 'contact-address'),
      note: firstValue(attributes, 'contact-note'),
    });
    if (!existing) em.persist(organization);
    await em.flush();
    this.events.record(em, existing ? OrganizationUpdated : OrganizationRegistered, organization.id, organizationEventData(organization));
  }

  private async upsertResource(em: EntityManager, service: HsdsService, pkg: HsdsPackage): Promise<void> {
    const existing = await em.findOne(CommunityResource, { id: service.id });
    const resource = existing ?? Object.assign(new CommunityResource(), { id: service.id });
    const attributes = service.attributes;
    resource.name = service.name;
    resource.kana = toKatakana(service.alternate_name ?? '');
    resource.description = service.description ?? null;
    resource.organizationId = service.organization_id ?? null;
    resource.districtIds = pkg.service_at_locations
      .filter((link) => link.service_id === service.id && link.location_id)
      .map((link) => link.location_id as string);
    resource.category = oneOf<ResourceCategory>(RESOURCE_CATEGORIES, firstValue(attributes, 'resource-category'), 'other');
    resource.insuranceScheme = oneOf<InsuranceScheme>(INSURANCE_SCHEMES, firstValue(attributes, 'insurance-scheme'), 'independent');
    resource.activities = someOf<ResourceActivity>(RESOURCE_ACTIVITIES, attributeValues(attributes, 'resource-activity'));
    resource.eligibility = oneOf<ResourceEligibility>(RESOURCE_ELIGIBILITIES, firstValue(attributes, 'resource-eligibility'), 'anyone');
    const schedule: HsdsSchedule | undefined = pkg.schedules.find((candidate) => candidate.service_id === service.id);
    resource.scheduleFrequency = schedule?.freq ? (codeFromLabel(SCHEDULE_FREQUENCY_LABELS, schedule.freq.toLowerCase()) ?? null) : null;
    resource.scheduleWeekdays = weekdaysFromByday(schedule?.byday);
    resource.scheduleOpensAt = timeFromHsds(schedule?.opens_at);
    resource.scheduleClosesAt = timeFromHsds(schedule?.closes_at);
    resource.scheduleNote = schedule?.description ?? null;
    const capacity = firstValue(attributes, 'capacity');
    resource.capacity = capacity !== undefined && /^\d+$/.test(capacity) ? Number(capacity) : null;
    resource.fee = service.fees_description ?? null;
    resource.contact = contactOf({
      phone: service.phones?.[0]?.number,
      email: service.email,
      website: service.url,
      address: firstValue(attributes, 'contact-address'),
      note: firstValue(attributes, 'contact-note'),
    });
    resource.public = firstValue(attributes, 'public') === 'true';
    resource.lastVerifiedOn = service.assured_date ? service.assured_date.slice(0, 10) : null;
    resource.status = statusFromHsds(service.status);
    if (!existing) em.persist(resource);
    await em.flush();
    this.events.record(em, existing ? ResourceUpdated : ResourceRegistered, resource.id, resourceEventData(resource));
  }
}
