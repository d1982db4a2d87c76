import { defineEvent, type EventContract, type JsonSchema } from '../lib/event-contract';
import { personPseudonymSchema } from '../lib/person-pseudonym-schema';
import { WEEKDAYS, type Weekday } from '../registry/codes';
import {
  FOLLOW_UP_METHODS,
  FOLLOW_UP_SIDES,
  GAP_CONSTRAINTS,
  HOST_AGREEMENT_STATUSES,
  HOST_TYPES,
  MATCH_END_REASONS,
  MATCH_STATUSES,
  NEED_STATUSES,
  OPPORTUNITY_SOURCES,
  PARTICIPATION_PURPOSES,
  TIME_SLOTS,
  type FollowUpMethod,
  type FollowUpSide,
  type GapConstraint,
  type HostAgreementStatus,
  type HostType,
  type MatchEndReason,
  type MatchStatus,
  type NeedStatus,
  type OpportunitySource,
  type ParticipationPurpose,
  type TimeSlot,
} from './codes';

/*
 * Events matching publishes (ARCHITECTURE §2). Payloads are ids, codes and dates only: never a name, the
 * person's interests or constraints in their own words, a host's contact person or free-text notes.
 * Reporting counts 支援対象者数 (distinct personId), 協力事業者数 (hosts), matches and 定着 per 年度 and
 * district from them. `additionalProperties: false` makes the outbox refuse anything else at publish time.
 */

const SERVICE = 'matching';
const uuid = { type: 'string', format: 'uuid' } as const;
const uuids = { type: 'array', items: uuid } as const;
const nullableUuid = { anyOf: [uuid, { type: 'null' }] } as const;
const date = { type: 'string', format: 'date' } as const;
const nullableDate = { anyOf: [date, { type: 'null' }] } as const;
const codeOf = (values: readonly string[]) => ({ enum: [...values] });
const codesOf = (values: readonly string[]) => ({ type: 'array', items: { enum: [...values] } });

/** Properties a receiver must accept without them (added later; a rebuild replays events published before). */
const OPTIONAL = new Set(['districtWithheld', 'personPseudonym']);

function object(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', additionalProperties: false, properties, required: Object.keys(properties).filter((key) => !OPTIONAL.has(key)) };
}

export interface NeedEventData {
  needId: string;
  /** Intake's person id (the only link to the person; no personal data is copied). */
  personId: string;
  /** Pseudonymous person key (stamped by the publisher from personId; see personPseudonymSchema). */
  personPseudonym?: string | null;
  caseId: string | null;
  purposes: ParticipationPurpose[];
  homeDistrictId: string | null;
  preferredDistrictIds: string[];
  status: NeedStatus;
  /** Day the need was heard (聴取日), Japan time. */
  registeredOn: string;
  /** Day of this change, Japan time (年度 attribution). */
  occurredOn: string;
}
const needSchema = object({
  needId: uuid,
  personId: uuid,
  personPseudonym: personPseudonymSchema,
  caseId: nullableUuid,
  purposes: codesOf(PARTICIPATION_PURPOSES),
  homeDistrictId: nullableUuid,
  preferredDistrictIds: uuids,
  status: codeOf(NEED_STATUSES),
  registeredOn: date,
  occurredOn: date,
});
export const NeedRegistered = defineEvent<NeedEventData>({ service: SERVICE, aggregate: 'need', event: 'registered', summary: 'A participation need (参加ニーズ) was registered for a person.', schema: needSchema });
export const NeedStatusChanged = defineEvent<NeedEventData>({
  service: SERVICE,
  aggregate: 'need',
  event: 'status-changed',
  summary: 'A need moved in 聴取中 → マッチング中 → 参加中 → 休止 / 終了.',
  schema: needSchema,
});

export interface NeedDistrictWithheldData {
  needId: string;
  /** Day intake's DV address protection reached matching, Japan time. */
  occurredOn: string;
}
/**
 * The person of a need came under DV address protection after the need's district had been published (with the need or
 * a menu gap): consumers that keep a copy drop that district — reporting counts the need and its gaps in 「非公開」.
 */
export const NeedDistrictWithheld = defineEvent<NeedDistrictWithheldData>({
  service: SERVICE,
  aggregate: 'need',
  event: 'district-withheld',
  summary: 'A need’s person came under DV address protection: copies of its home district (the need, its menu gaps) are dropped.',
  schema: object({ needId: uuid, occurredOn: date }),
});

export interface HostEventData {
  hostId: string;
  /** Registry organisation the host terms belong to. */
  organizationId: string;
  hostTypes: HostType[];
  accepts: ParticipationPurpose[];
  agreementStatus: HostAgreementStatus;
  districtIds: string[];
  registeredOn: string;
  occurredOn: string;
}
const hostSchema = object({
  hostId: uuid,
  organizationId: uuid,
  hostTypes: codesOf(HOST_TYPES),
  accepts: codesOf(PARTICIPATION_PURPOSES),
  agreementStatus: codeOf(HOST_AGREEMENT_STATUSES),
  districtIds: uuids,
  registeredOn: date,
  occurredOn: date,
});
export const HostRegistered = defineEvent<HostEventData>({ service: SERVICE, aggregate: 'host', event: 'registered', summary: 'An organisation registered as a host (受入先 / 協力事業者).', schema: hostSchema });
export const HostUpdated = defineEvent<HostEventData>({
  service: SERVICE,
  aggregate: 'host',
  event: 'updated',
  summary: "A host's terms or agreement status (登録 / 協定締結 / 休止 / 解除) changed.",
  schema: hostSchema,
});

export interface MatchEventData {
  matchId: string;
  needId: string;
  personId: string;
  opportunityId: string;
  source: OpportunitySource;
  /** Registry community resource behind the opportunity, if any. */
  resourceId: string | null;
  hostId: string | null;
  hostOrganizationId: string | null;
  purpose: ParticipationPurpose;
  /** District where the activity takes place. */
  districtId: string | null;
  /** The person's home district (from the need), for per-district counts. */
  homeDistrictId: string | null;
  status: MatchStatus;
  endReason: MatchEndReason | null;
  proposedOn: string;
  startedOn: string | null;
  settledOn: string | null;
  endedOn: string | null;
  occurredOn: string;
}
const matchSchema = object({
  matchId: uuid,
  needId: uuid,
  personId: uuid,
  opportunityId: uuid,
  source: codeOf(OPPORTUNITY_SOURCES),
  resourceId: nullableUuid,
  hostId: nullableUuid,
  hostOrganizationId: nullableUuid,
  purpose: codeOf(PARTICIPATION_PURPOSES),
  districtId: nullableUuid,
  homeDistrictId: nullableUuid,
  status: codeOf(MATCH_STATUSES),
  endReason: { anyOf: [codeOf(MATCH_END_REASONS), { type: 'null' }] },
  proposedOn: date,
  startedOn: nullableDate,
  settledOn: nullableDate,
  endedOn: nullableDate,
  occurredOn: date,
});
function matchEvent(event: string, summary: string) {
  return defineEvent<MatchEventData>({ service: SERVICE, aggregate: 'match', event, summary, schema: matchSchema });
}
export const MatchProposed = matchEvent('proposed', 'A match was proposed to the person (提案).');
export const MatchVisitArranged = matchEvent('visit-arranged', 'The person visits the place (見学); the host now knows of them, under consent.');
export const MatchTrialStarted = matchEvent('trial-started', 'A trial participation started (体験).');
export const MatchStarted = matchEvent('started', 'Participation started (参加開始（定着支援中）).');
export const MatchSettled = matchEvent('settled', 'Participation settled (定着).');
export const MatchEnded = matchEvent('ended', 'The match was interrupted (中断) or ended (終了) with a reason code.');

export interface FollowUpEventData {
  followUpId: string;
  matchId: string;
  needId: string;
  personId: string;
  hostOrganizationId: string | null;
  side: FollowUpSide;
  method: FollowUpMethod;
  heldOn: string;
  nextDueOn: string | null;
  districtId: string | null;
}
export const FollowUpRecorded = defineEvent<FollowUpEventData>({
  service: SERVICE,
  aggregate: 'follow-up',
  event: 'recorded',
  summary: 'A follow-up was recorded: 定着支援 for the person, 受入先支援 for the host, or both.',
  schema: object({
    followUpId: uuid,
    matchId: uuid,
    needId: uuid,
    personId: uuid,
    hostOrganizationId: nullableUuid,
    side: codeOf(FOLLOW_UP_SIDES),
    method: codeOf(FOLLOW_UP_METHODS),
    heldOn: date,
    nextDueOn: nullableDate,
    districtId: nullableUuid,
  }),
});

export interface MenuGapEventData {
  gapId: string;
  needId: string;
  purposes: ParticipationPurpose[];
  /** The person's home district (where a menu is missing); null when unknown or withheld (districtWithheld). */
  districtId: string | null;
  /** True when the person is under DV address protection: the district is not published (reporting: 「非公開」). */
  districtWithheld?: boolean;
  weekdays: Weekday[];
  timeSlots: TimeSlot[];
  /** Hard constraints that removed the opportunities, most frequent first. */
  failingConstraints: GapConstraint[];
  recordedOn: string;
}
export const MenuGapRecorded = defineEvent<MenuGapEventData>({
  service: SERVICE,
  aggregate: 'menu-gap',
  event: 'recorded',
  summary: 'No opportunity passed a need’s hard constraints (メニュー不足); the failing constraint codes say why.',
  schema: object({
    gapId: uuid,
    needId: uuid,
    purposes: codesOf(PARTICIPATION_PURPOSES),
    districtId: nullableUuid,
    districtWithheld: { type: 'boolean' },
    weekdays: codesOf(WEEKDAYS),
    timeSlots: codesOf(TIME_SLOTS),
    failingConstraints: codesOf(GAP_CONSTRAINTS),
    recordedOn: date,
  }),
});

export const MATCHING_EVENTS: readonly EventContract[] = [
  NeedRegistered,
  NeedStatusChanged,
  NeedDistrictWithheld,
  HostRegistered,
  HostUpdated,
  MatchProposed,
  MatchVisitArranged,
  MatchTrialStarted,
  MatchStarted,
  MatchSettled,
  MatchEnded,
  FollowUpRecorded,
  MenuGapRecorded,
];
