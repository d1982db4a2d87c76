import { v5 as uuidv5 } from 'uuid';
import {
  AREA_GROUP_LABELS,
  INSURANCE_SCHEME_LABELS,
  JUSOU_ROLE_LABELS,
  ORGANIZATION_FIELD_LABELS,
  ORGANIZATION_OPERATION_LABELS,
  ORGANIZATION_TYPE_LABELS,
  RESOURCE_ACTIVITY_LABELS,
  RESOURCE_CATEGORY_LABELS,
  RESOURCE_ELIGIBILITY_LABELS,
  SCHEDULE_FREQUENCY_LABELS,
  WEEKDAYS,
  type ResourceStatus,
  type ScheduleFrequency,
  type Weekday,
} from '@tsunagu/contracts';
import type { HsdsAttribute } from './hsds.types';

/*
 * How registry records become HSDS and back. HSDS has no place for most of our coded fields, so they
 * travel as `attributes` whose taxonomy terms live in the `tsunagu:<table>` taxonomies. Ids of
 * derived rows (phones, schedules, attributes, service_at_locations) are UUIDv5 of the owning id, so an
 * export → import → export round trip reproduces every id.
 */

const NAMESPACE = '8f0e4c3a-6d1b-5e2f-9a7c-3b4d5e6f7a8b';
export const TAXONOMY_PREFIX = 'tsunagu:';

export function derivedId(...parts: string[]): string {
  return uuidv5(parts.join(':'), NAMESPACE);
}

/** Coded taxonomies: the term is the code, its name the Japanese label. */
export const CODED_TAXONOMIES = {
  'organization-type': ORGANIZATION_TYPE_LABELS,
  'organization-field': ORGANIZATION_FIELD_LABELS,
  'jusou-role': JUSOU_ROLE_LABELS,
  'organization-operation': ORGANIZATION_OPERATION_LABELS,
  'resource-category': RESOURCE_CATEGORY_LABELS,
  'insurance-scheme': INSURANCE_SCHEME_LABELS,
  'resource-activity': RESOURCE_ACTIVITY_LABELS,
  'resource-eligibility': RESOURCE_ELIGIBILITY_LABELS,
  'schedule-frequency': SCHEDULE_FREQUENCY_LABELS,
  'area-group': AREA_GROUP_LABELS,
} as const;
export type CodedTaxonomy = keyof typeof CODED_TAXONOMIES;

/** Value taxonomies: a single term whose attribute `value` carries the data. */
export const VALUE_TAXONOMIES = {
  'served-district': '対象地区',
  'appi-private-operator': '民間事業者（個人情報保護法 民間規律）',
  archived: 'アーカイブ済み',
  public: '公開',
  capacity: '定員',
  'contact-address': '連絡先住所',
  'contact-note': '連絡先備考',
  'contact-phone': '電話番号',
  kana: '読み仮名',
  'sort-order': '表示順',
  island: '離島',
  'office-name': '拠点名',
  'office-address': '拠点住所',
  'office-phone': '拠点電話番号',
  'schedule-note': '日程備考',
} as const;
export type ValueTaxonomy = keyof typeof VALUE_TAXONOMIES;

type LinkType = 'organization' | 'service' | 'location';

export function codedAttribute(linkId: string, linkType: LinkType, taxonomy: CodedTaxonomy, code: string): HsdsAttribute {
  const label = (CODED_TAXONOMIES[taxonomy] as Record<string, string>)[code] ?? code;
  const termId = derivedId('term', taxonomy, code);
  return {
    id: derivedId('attribute', linkId, taxonomy, code),
    link_id: linkId,
    link_type: linkType,
    link_entity: linkType,
    taxonomy_term_id: termId,
    value: code,
    taxonomy_term: { id: termId, code, name: label, description: label, taxonomy: `${TAXONOMY_PREFIX}${taxonomy}` },
  };
}

export function valueAttribute(linkId: string, linkType: LinkType, taxonomy: ValueTaxonomy, value: string, index = 0): HsdsAttribute {
  const label = VALUE_TAXONOMIES[taxonomy];
  const termId = derivedId('term', taxonomy);
  return {
    id: derivedId('attribute', linkId, taxonomy, String(index)),
    link_id: linkId,
    link_type: linkType,
    link_entity: linkType,
    taxonomy_term_id: termId,
    value,
    taxonomy_term: { id: termId, code: taxonomy, name: label, description: label, taxonomy: `${TAXONOMY_PREFIX}${taxonomy}` },
  };
}

/** Attribute values of one taxonomy, in document order. */
export function attributeValues(attributes: HsdsAttribute[] | undefined, taxonomy: CodedTaxonomy | ValueTaxonomy): string[] {
  return (attributes ?? [])
    .filter((attribute) => attribute.taxonomy_term?.taxonomy === `${TAXONOMY_PREFIX}${taxonomy}`)
    .map((attribute) => attribute.value ?? attribute.taxonomy_term?.code ?? '')
    .filter((value) => value !== '');
}

export function firstValue(attributes: HsdsAttribute[] | undefined, taxonomy: CodedTaxonomy | ValueTaxonomy): string | undefined {
  return attributeValues(attributes, taxonomy)[0];
}

/** 準備中 / 実施中 / 休止 / 廃止 ↔ HSDS service status. */
export const HSDS_STATUS: Record<ResourceStatus, 'inactive' | 'active' | 'temporarily closed' | 'defunct'> = {
  preparing: 'inactive',
  active: 'active',
  suspended: 'temporarily closed',
  retired: 'defunct',
};

export function statusFromHsds(status: string): ResourceStatus {
  const entry = Object.entries(HSDS_STATUS).find(([, hsds]) => hsds === status);
  return (entry?.[0] as ResourceStatus | undefined) ?? 'preparing';
}

export const HSDS_FREQUENCY: Record<ScheduleFrequency, 'WEEKLY' | 'MONTHLY'> = { weekly: 'WEEKLY', monthly: 'MONTHLY' };

export function bydayFromWeekdays(weekdays: readonly Weekday[]): string | undefined {
  return weekdays.length > 0 ? weekdays.map((day) => day.toUpperCase()).join(',') : undefined;
}

export function weekdaysFromByday(byday: string | undefined): Weekday[] {
  if (!byday) return [];
  return byday
    .split(',')
    .map((day) => day.trim().slice(-2).toLowerCase())
    .filter((day): day is Weekday => (WEEKDAYS as readonly string[]).includes(day));
}

/** HSDS times may carry seconds (09:30:00); ours are HH:MM. */
export function timeFromHsds(time: string | undefined): string | null {
  const match = time ? /^(\d{1,2}):(\d{2})/.exec(time) : null;
  return match ? `${match[1].padStart(2, '0')}:${match[2]}` : null;
}
