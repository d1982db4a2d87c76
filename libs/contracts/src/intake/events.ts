import { defineEvent, objectWithLaterFields, type EventContract, type JsonSchema } from '../lib/event-contract';
import { personPseudonymSchema } from '../lib/person-pseudonym-schema';
import {
  ABUSE_LAWS,
  CONSENT_METHODS,
  CONSENT_SCOPES,
  CONSENT_STATUSES,
  CONSULTATION_CATEGORIES,
  CONSULTATION_CONSENT_STATUSES,
  CONSULTATION_ROUTES,
  CONSULTATION_STATUSES,
  CARE_EDGE_KINDS,
  DISPOSITIONS,
  IDENTITY_LEVELS,
  ISSUE_TAGS,
  JIGYO_ATTRIBUTIONS,
  LEGAL_BASES,
  MANDATORY_REPORT_STATUSES,
  PERSON_PROTECTIONS,
  REFERRAL_REASONS,
  REFERRAL_STATUSES,
  URGENCIES,
  type AbuseLaw,
  type CareEdgeKind,
  type ConsentMethod,
  type ConsentScope,
  type ConsentStatus,
  type ConsultationCategory,
  type ConsultationConsentStatus,
  type ConsultationRoute,
  type ConsultationStatus,
  type Disposition,
  type IdentityLevel,
  type IssueTag,
  type JigyoAttribution,
  type LegalBasis,
  type MandatoryReportStatus,
  type PersonProtection,
  type ReferralReason,
  type ReferralStatus,
  type Urgency,
} from './codes';
import { LegalHoldPlaced, LegalHoldReleased, PersonDestroyed } from './retention';

/*
 * Events intake publishes (ARCHITECTURE §2). Intake holds the most sensitive personal data of the
 * platform (要配慮個人情報), so payloads are ids and codes only: never names, kana, birth dates,
 * addresses, phones or the person's own words. `additionalProperties: false` makes the outbox refuse
 * anything else at publish time.
 */

const SERVICE = 'intake';
const uuid = { type: 'string', format: 'uuid' } as const;
const uuids = { type: 'array', items: uuid } as const;
const nullableUuid = { anyOf: [uuid, { type: 'null' }] } as const;
const date = { type: 'string', format: 'date' } as const;
const codeOf = (values: readonly string[]) => ({ enum: [...values] });
const codesOf = (values: readonly string[]) => ({ type: 'array', items: { enum: [...values] } });

function object(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', additionalProperties: false, properties, required: Object.keys(properties) };
}

export interface PersonEventData {
  personId: string;
  identityLevel: IdentityLevel;
  /**
   * Protections in force (dv-address), so a receiver that learns of the person learns of their protection in the same
   * event; optional, as events published before it was added lack it.
   */
  protections?: PersonProtection[];
}
const personSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { personId: uuid, identityLevel: codeOf(IDENTITY_LEVELS), protections: codesOf(PERSON_PROTECTIONS) },
  required: ['personId', 'identityLevel'],
};
export const PersonRegistered = defineEvent<PersonEventData>({ service: SERVICE, aggregate: 'person', event: 'registered', summary: 'A person (対象者・世帯員) was registered.', schema: personSchema });
export const PersonUpdated = defineEvent<PersonEventData>({ service: SERVICE, aggregate: 'person', event: 'updated', summary: "A person's record was edited.", schema: personSchema });

export interface PersonProtectionEventData {
  personId: string;
  /** Households the person is a member of: their district is withheld as well. */
  householdIds: string[];
  /** The protections now in force; empty = none any more (the flag was lifted). */
  protections: PersonProtection[];
}
export const PersonProtectionChanged = defineEvent<PersonProtectionEventData>({
  service: SERVICE,
  aggregate: 'person',
  event: 'protection-changed',
  summary:
    "A person was registered under a protection (dv-address: 住基 DV等支援措置), the protection was set or lifted, or the person's households changed. Ids and codes only: receivers mask where the person lives.",
  schema: object({ personId: uuid, householdIds: uuids, protections: codesOf(PERSON_PROTECTIONS) }),
});

export interface HouseholdEventData {
  householdId: string;
  keyPersonId: string | null;
  memberPersonIds: string[];
  /** Null when unknown, or withheld (districtWithheld) because a member is under DV address protection. */
  districtId: string | null;
  /** True when a member is under a protection (dv-address): the district is not published. */
  districtWithheld?: boolean;
  /** Kinds of care edges between members (8050, double care and young carers show up here). */
  careEdgeKinds: CareEdgeKind[];
}
const householdSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    householdId: uuid,
    keyPersonId: nullableUuid,
    memberPersonIds: uuids,
    districtId: nullableUuid,
    districtWithheld: { type: 'boolean' },
    careEdgeKinds: codesOf(CARE_EDGE_KINDS),
  },
  // districtWithheld is optional: events published before it was added still validate (a rebuild replays them).
  required: ['householdId', 'keyPersonId', 'memberPersonIds', 'districtId', 'careEdgeKinds'],
};
export const HouseholdRegistered = defineEvent<HouseholdEventData>({ service: SERVICE, aggregate: 'household', event: 'registered', summary: 'A household (世帯 / 支援単位) was registered.', schema: householdSchema });
export const HouseholdUpdated = defineEvent<HouseholdEventData>({ service: SERVICE, aggregate: 'household', event: 'updated', summary: 'A household or its members changed.', schema: householdSchema });

export interface ConsentEventData {
  consentId: string;
  personId: string;
  scope: ConsentScope;
  targetOrganizationIds: string[];
  method: ConsentMethod;
  status: ConsentStatus;
}
const consentSchema = object({
  consentId: uuid,
  personId: uuid,
  scope: codeOf(CONSENT_SCOPES),
  targetOrganizationIds: uuids,
  method: codeOf(CONSENT_METHODS),
  status: codeOf(CONSENT_STATUSES),
});
export const ConsentRecorded = defineEvent<ConsentEventData>({ service: SERVICE, aggregate: 'consent', event: 'recorded', summary: 'Consent was obtained (取得) or could not be judged (判断不能).', schema: consentSchema });
export const ConsentRefused = defineEvent<ConsentEventData>({ service: SERVICE, aggregate: 'consent', event: 'refused', summary: 'The person refused consent (拒否).', schema: consentSchema });
export const ConsentWithdrawn = defineEvent<ConsentEventData>({ service: SERVICE, aggregate: 'consent', event: 'withdrawn', summary: 'Consent was withdrawn (撤回); sharing it covered must stop.', schema: consentSchema });

export interface ConsultationEventData {
  consultationId: string;
  receptionNo: string;
  receivingOrganizationId: string;
  /** 年度 of receivedAt. */
  fiscalYear: number;
  /**
   * 受付日時 as staff entered it (reports count the consultation on this day), and when it was recorded: a later
   * recordedAt marks a back-dated reception. Always sent by intake; absent only from events published before them.
   */
  receivedAt?: string;
  recordedAt?: string;
  personId: string | null;
  /** Pseudonymous person key (stamped by the publisher from personId; see personPseudonymSchema). */
  personPseudonym?: string | null;
  householdId: string | null;
  route: ConsultationRoute;
  primaryCategory: ConsultationCategory;
  categories: ConsultationCategory[];
  issueTags: IssueTag[];
  urgency: Urgency;
  consentStatus: ConsultationConsentStatus;
  jigyoAttribution: JigyoAttribution;
  disposition: Disposition | null;
  status: ConsultationStatus;
}
const consultationSchema = objectWithLaterFields(['receivedAt', 'recordedAt', 'personPseudonym'], {
  consultationId: uuid,
  // R7-003-000123 (年度, desk, sequence); events before desk numbers carried R7-000123.
  receptionNo: { type: 'string', pattern: '^[RH]\\d+-(\\d{3}-)?\\d{6}$' },
  receivingOrganizationId: uuid,
  fiscalYear: { type: 'integer' },
  receivedAt: { type: 'string', format: 'date-time' },
  recordedAt: { type: 'string', format: 'date-time' },
  personId: nullableUuid,
  personPseudonym: personPseudonymSchema,
  householdId: nullableUuid,
  route: codeOf(CONSULTATION_ROUTES),
  primaryCategory: codeOf(CONSULTATION_CATEGORIES),
  categories: codesOf(CONSULTATION_CATEGORIES),
  issueTags: codesOf(ISSUE_TAGS),
  urgency: codeOf(URGENCIES),
  consentStatus: codeOf(CONSULTATION_CONSENT_STATUSES),
  jigyoAttribution: codeOf(JIGYO_ATTRIBUTIONS),
  disposition: { anyOf: [codeOf(DISPOSITIONS), { type: 'null' }] },
  status: codeOf(CONSULTATION_STATUSES),
});
function consultationEvent(event: string, summary: string) {
  return defineEvent<ConsultationEventData>({ service: SERVICE, aggregate: 'consultation', event, summary, schema: consultationSchema });
}
export const ConsultationReceived = consultationEvent('received', 'A consultation was received (相談受付) and numbered.');
export const ConsultationUpdated = consultationEvent('updated', "A consultation's coded details were edited.");
export const ConsultationScreeningStarted = consultationEvent('screening-started', 'Screening started (受付 → スクリーニング中).');
export const ConsultationTriaged = consultationEvent('triaged', 'A disposition was decided (スクリーニング中 → 自機関対応中 / つなぎ済 / 多機関協働へ引継 / 支援会議付議 / 通報済 / 終了).');
export const ConsultationClosed = consultationEvent('closed', 'The consultation ended (終了).');
export const ConsultationCancelled = consultationEvent('cancelled', 'The consultation was entered in error (取消).');

export interface MandatoryReportEventData {
  mandatoryReportId: string;
  consultationId: string;
  law: AbuseLaw;
  issueTag: IssueTag;
  status: MandatoryReportStatus;
}
const mandatoryReportSchema = object({
  mandatoryReportId: uuid,
  consultationId: uuid,
  law: codeOf(ABUSE_LAWS),
  issueTag: codeOf(ISSUE_TAGS),
  status: codeOf(MANDATORY_REPORT_STATUSES),
});
export const MandatoryReportRaised = defineEvent<MandatoryReportEventData>({
  service: SERVICE,
  aggregate: 'mandatory-report',
  event: 'raised',
  summary: 'An abuse tag opened a 通報 record: the reporting duty under the named law must be decided.',
  schema: mandatoryReportSchema,
});
export const MandatoryReportDecided = defineEvent<MandatoryReportEventData>({
  service: SERVICE,
  aggregate: 'mandatory-report',
  event: 'decided',
  summary: 'The 通報要否 decision was recorded (通報済 / 通報不要).',
  schema: mandatoryReportSchema,
});

export interface ReferralEventData {
  referralId: string;
  consultationId: string;
  personId: string | null;
  fromOrganizationId: string;
  toOrganizationId: string;
  infoBasis: LegalBasis;
  status: ReferralStatus;
  followUpDue: string;
  /** 依頼日 and 初回接触日 as staff entered them: the days reports count on. Absent only from events published before them. */
  referredOn?: string;
  firstContactOn?: string | null;
}
const referralProperties = {
  referralId: uuid,
  consultationId: uuid,
  personId: nullableUuid,
  fromOrganizationId: uuid,
  toOrganizationId: uuid,
  infoBasis: codeOf(LEGAL_BASES),
  status: codeOf(REFERRAL_STATUSES),
  followUpDue: date,
  referredOn: date,
  firstContactOn: { anyOf: [date, { type: 'null' }] },
} as const;
const REFERRAL_DATES_ADDED_LATER = ['referredOn', 'firstContactOn'];
const referralSchema = objectWithLaterFields(REFERRAL_DATES_ADDED_LATER, referralProperties);
function referralEvent(event: string, summary: string) {
  return defineEvent<ReferralEventData>({ service: SERVICE, aggregate: 'referral', event, summary, schema: referralSchema });
}

/** 不受理 and 不調 say why, as a code (never the note: that is free text and stays in intake). */
export interface ReferralClosedEventData extends ReferralEventData {
  /** Always sent by intake; absent only from events published before reasons were recorded. */
  reasonCode?: ReferralReason;
}
const referralClosedSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { ...referralProperties, reasonCode: codeOf(REFERRAL_REASONS) },
  required: Object.keys(referralProperties).filter((key) => !REFERRAL_DATES_ADDED_LATER.includes(key)),
};
function referralClosedEvent(event: string, summary: string) {
  return defineEvent<ReferralClosedEventData>({ service: SERVICE, aggregate: 'referral', event, summary, schema: referralClosedSchema });
}
export const ReferralRequested = referralEvent('requested', 'A referral (つなぎ) was sent to another organisation (依頼).');
export const ReferralAccepted = referralEvent('accepted', 'The receiving organisation accepted the referral (受理).');
export const ReferralDeclined = referralClosedEvent('declined', 'The receiving organisation declined the referral (不受理), with a reason code (対象外 / 受入枠なし / 本人辞退 / 連絡不能 / その他).');
export const ReferralCompleted = referralEvent('completed', 'First contact was confirmed; the loop is closed (完了).');
export const ReferralFailed = referralClosedEvent('failed', 'The referral did not lead to contact (不調), with a reason code (対象外 / 受入枠なし / 本人辞退 / 連絡不能 / その他).');

export const INTAKE_EVENTS: readonly EventContract[] = [
  PersonRegistered,
  PersonUpdated,
  PersonProtectionChanged,
  HouseholdRegistered,
  HouseholdUpdated,
  ConsentRecorded,
  ConsentRefused,
  ConsentWithdrawn,
  ConsultationReceived,
  ConsultationUpdated,
  ConsultationScreeningStarted,
  ConsultationTriaged,
  ConsultationClosed,
  ConsultationCancelled,
  MandatoryReportRaised,
  MandatoryReportDecided,
  ReferralRequested,
  ReferralAccepted,
  ReferralDeclined,
  ReferralCompleted,
  ReferralFailed,
  PersonDestroyed,
  LegalHoldPlaced,
  LegalHoldReleased,
];
