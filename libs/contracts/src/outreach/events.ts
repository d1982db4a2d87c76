import { defineEvent, type EventContract, type JsonSchema } from '../lib/event-contract';
import { personPseudonymSchema } from '../lib/person-pseudonym-schema';
import { ISSUE_TAGS, LEGAL_BASES, type IssueTag, type LegalBasis } from '../intake/codes';
import {
  CONTACT_METHODS,
  CONTACT_RESULTS,
  DISCOVERY_ROUTES,
  HANDOVER_DESTINATIONS,
  OBSERVATION_CODES,
  OUTREACH_CLOSE_REASONS,
  OUTREACH_STAGES,
  RISK_LEVELS,
  TARGET_IDENTITIES,
  type ContactMethod,
  type ContactResult,
  type DiscoveryRoute,
  type HandoverDestination,
  type ObservationCode,
  type OutreachCloseReason,
  type OutreachStage,
  type RiskLevel,
  type TargetIdentity,
} from './codes';
import { OutreachTargetDestroyed } from './retention';

/*
 * Events outreach publishes (ARCHITECTURE §2). Targets are often people nobody has consent from yet, so
 * payloads are ids and codes only: never names, addresses, place descriptions or observation text.
 * Every event names the target's district, assigned organisation, the Japan date it happened on and its
 * 年度, so reporting can count targets, contacts and "newly connected" per 年度 and district without state.
 */

const SERVICE = 'outreach';
const uuid = { type: 'string', format: 'uuid' } as const;
const nullableUuid = { anyOf: [uuid, { type: 'null' }] } as const;
const date = { type: 'string', format: 'date' } as const;
const nullableDate = { anyOf: [date, { type: 'null' }] } as const;
const codeOf = (values: readonly string[]) => ({ enum: [...values] });
const codesOf = (values: readonly string[]) => ({ type: 'array', items: { enum: [...values] } });
const fiscalYear = { type: 'integer', minimum: 1989, maximum: 2200 } as const;

/** Properties a receiver must accept without them (added later; a rebuild replays events published before). */
const OPTIONAL = new Set(['districtWithheld', 'personPseudonym']);

function object(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', additionalProperties: false, properties, required: Object.keys(properties).filter((key) => !OPTIONAL.has(key)) };
}

/** What every outreach event carries about its target. */
export interface OutreachTargetRef {
  targetId: string;
  /** Null when unknown, or withheld (districtWithheld): the person is under DV address protection in intake. */
  districtId: string | null;
  /** True when the target's district is not published because of DV address protection (reporting: 「非公開」). */
  districtWithheld?: boolean;
  assignedOrganizationId: string;
  riskLevel: RiskLevel;
  /** Japan date (YYYY-MM-DD) the fact happened on, and its 年度 (April–March). */
  occurredOn: string;
  fiscalYear: number;
}
const targetRef = {
  targetId: uuid,
  districtId: nullableUuid,
  districtWithheld: { type: 'boolean' },
  assignedOrganizationId: uuid,
  riskLevel: codeOf(RISK_LEVELS),
  occurredOn: date,
  fiscalYear,
} as const;

export interface OutreachTargetRegisteredData extends OutreachTargetRef {
  identity: TargetIdentity;
  personId: string | null;
  /** Pseudonymous person key (stamped by the publisher from personId; see personPseudonymSchema). */
  personPseudonym?: string | null;
  householdId: string | null;
  discoveryRoute: DiscoveryRoute;
  reasonTags: IssueTag[];
  stage: OutreachStage;
  meetingIds: string[];
}
export const OutreachTargetRegistered = defineEvent<OutreachTargetRegisteredData>({
  service: SERVICE,
  aggregate: 'target',
  event: 'registered',
  summary: 'An outreach target (アウトリーチ対象) was registered: a person, a household or only a place.',
  schema: object({
    ...targetRef,
    identity: codeOf(TARGET_IDENTITIES),
    personId: nullableUuid,
    personPseudonym: personPseudonymSchema,
    householdId: nullableUuid,
    discoveryRoute: codeOf(DISCOVERY_ROUTES),
    reasonTags: codesOf(ISSUE_TAGS),
    stage: codeOf(OUTREACH_STAGES),
    meetingIds: { type: 'array', items: uuid },
  }),
});

export const OutreachTargetUpdated = defineEvent<OutreachTargetRegisteredData>({
  service: SERVICE,
  aggregate: 'target',
  event: 'updated',
  summary: 'A target’s coded details changed: the person or household became known, risk level, district, assignment, reason tags or linked 支援会議.',
  schema: OutreachTargetRegistered.schema,
});

export interface OutreachStageChangedData extends OutreachTargetRef {
  fromStage: OutreachStage;
  toStage: OutreachStage;
  /** True the first time this target reaches 相談・支援につながった (reporting's "newly connected"). */
  newlyConnected: boolean;
}
export const OutreachStageChanged = defineEvent<OutreachStageChangedData>({
  service: SERVICE,
  aggregate: 'target',
  event: 'stage-changed',
  summary: 'A target moved along the relationship stages (未接触 → 接触試行中 → 接触できた → 関係構築中 → 相談・支援につながった → 安定).',
  schema: object({ ...targetRef, fromStage: codeOf(OUTREACH_STAGES), toStage: codeOf(OUTREACH_STAGES), newlyConnected: { type: 'boolean' } }),
});

export interface OutreachContactLoggedData extends OutreachTargetRef {
  contactId: string;
  method: ContactMethod;
  result: ContactResult;
  /** 面談できた / 短時間会話. */
  successful: boolean;
  observations: ObservationCode[];
  legalBasis: LegalBasis;
  stage: OutreachStage;
}
export const OutreachContactLogged = defineEvent<OutreachContactLoggedData>({
  service: SERVICE,
  aggregate: 'contact',
  event: 'logged',
  summary: 'A contact attempt (訪問・接触記録) was logged with its method, result and observation codes.',
  schema: object({
    ...targetRef,
    contactId: uuid,
    method: codeOf(CONTACT_METHODS),
    result: codeOf(CONTACT_RESULTS),
    successful: { type: 'boolean' },
    observations: codesOf(OBSERVATION_CODES),
    legalBasis: codeOf(LEGAL_BASES),
    stage: codeOf(OUTREACH_STAGES),
  }),
});

export interface OutreachWatchOverdueData extends OutreachTargetRef {
  watchPlanId: string;
  /** The visit that was due (last contact + cadence); published once per due date. */
  dueOn: string;
  cadenceDays: number;
}
export const OutreachWatchOverdue = defineEvent<OutreachWatchOverdueData>({
  service: SERVICE,
  aggregate: 'watch',
  event: 'overdue',
  summary: 'A watch plan (ゆるやかな見守り) passed its due date without a contact; published once per due date.',
  schema: object({ ...targetRef, watchPlanId: uuid, dueOn: date, cadenceDays: { type: 'integer', minimum: 1 } }),
});

export interface OutreachInactivityAlertData extends OutreachTargetRef {
  alertId: string;
  /** The municipality's N days at the time the alert was raised. */
  thresholdDays: number;
  lastSuccessfulContactOn: string | null;
  /** The successful contact that cleared it (cleared only). */
  clearedByContactId: string | null;
}
const alertSchema = object({
  ...targetRef,
  alertId: uuid,
  thresholdDays: { type: 'integer', minimum: 1 },
  lastSuccessfulContactOn: nullableDate,
  clearedByContactId: nullableUuid,
});
export const OutreachInactivityAlertRaised = defineEvent<OutreachInactivityAlertData>({
  service: SERVICE,
  aggregate: 'inactivity-alert',
  event: 'raised',
  summary: 'A high-risk target had no successful contact for N days: raised once per lapse.',
  schema: alertSchema,
});
export const OutreachInactivityAlertCleared = defineEvent<OutreachInactivityAlertData>({
  service: SERVICE,
  aggregate: 'inactivity-alert',
  event: 'cleared',
  summary: 'A successful contact (面談できた / 短時間会話) cleared an inactivity alert.',
  schema: alertSchema,
});

export interface OutreachHandedOverData extends OutreachTargetRef {
  handoverId: string;
  to: HandoverDestination;
  personId: string;
  householdId: string | null;
  /** Organisation that receives the consultation, or coordinates the case (多機関協働事業者). */
  toOrganizationId: string;
  /** Id the receiving service gives the record it creates (consultation or case): the link back, and its idempotency key. */
  recordId: string;
  reasonTags: IssueTag[];
}
export const OutreachTargetHandedOver = defineEvent<OutreachHandedOverData>({
  service: SERVICE,
  aggregate: 'target',
  event: 'handed-over',
  summary: 'With the person’s consent, the target was handed over to a consultation or a 多機関協働 case in intake (ids and codes only).',
  schema: object({
    ...targetRef,
    handoverId: uuid,
    to: codeOf(HANDOVER_DESTINATIONS),
    personId: uuid,
    householdId: nullableUuid,
    toOrganizationId: uuid,
    recordId: uuid,
    reasonTags: codesOf(ISSUE_TAGS),
  }),
});

export interface OutreachTargetClosedData extends OutreachTargetRef {
  fromStage: OutreachStage;
  closeReason: OutreachCloseReason;
}
export const OutreachTargetClosed = defineEvent<OutreachTargetClosedData>({
  service: SERVICE,
  aggregate: 'target',
  event: 'closed',
  summary: 'The outreach ended (終結) with a reason.',
  schema: object({ ...targetRef, fromStage: codeOf(OUTREACH_STAGES), closeReason: codeOf(OUTREACH_CLOSE_REASONS) }),
});

export const OUTREACH_EVENT_LIST: readonly EventContract[] = [
  OutreachTargetRegistered,
  OutreachTargetUpdated,
  OutreachStageChanged,
  OutreachContactLogged,
  OutreachWatchOverdue,
  OutreachInactivityAlertRaised,
  OutreachInactivityAlertCleared,
  OutreachTargetHandedOver,
  OutreachTargetClosed,
  OutreachTargetDestroyed,
];
