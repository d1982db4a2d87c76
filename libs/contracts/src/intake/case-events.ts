import { defineEvent, objectWithLaterFields, type EventContract, type JsonSchema } from '../lib/event-contract';
import {
  CASE_STATUSES,
  CASE_TRACKS,
  CLOSURE_REASONS,
  EVALUATION_DECISIONS,
  MEETING_LEGAL_TYPES,
  MEETING_STATUSES,
  NOTE_KINDS,
  PLAN_STATUSES,
  type CaseStatus,
  type CaseTrack,
  type ClosureReason,
  type EvaluationDecision,
  type MeetingLegalType,
  type MeetingStatus,
  type NoteKind,
  type PlanStatus,
} from './case-codes';
import { LEGAL_BASES, type LegalBasis } from './codes';

/* Events of 多機関協働 cases, plans, evaluations, progress notes and meetings: ids and codes only. */

const SERVICE = 'intake';
const uuid = { type: 'string', format: 'uuid' } as const;
const nullableUuid = { anyOf: [uuid, { type: 'null' }] } as const;
const date = { type: 'string', format: 'date' } as const;
const nullableDate = { anyOf: [date, { type: 'null' }] } as const;
const codeOf = (values: readonly string[]) => ({ enum: [...values] });
function object(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', additionalProperties: false, properties, required: Object.keys(properties) };
}

export interface CaseEventData {
  caseId: string;
  caseNo: string;
  householdId: string;
  track: CaseTrack;
  status: CaseStatus;
  coordinatorOrganizationId: string;
  leadOrganizationId: string | null;
  memberOrganizationIds: string[];
  supportDecidedOn: string | null;
  closureReason: ClosureReason | null;
  /** Day the case was opened and closed (Japan dates), the days reports count on. Absent only from events published before them. */
  openedOn?: string;
  closedOn?: string | null;
}
const caseSchema = objectWithLaterFields(['openedOn', 'closedOn'], {
  caseId: uuid,
  caseNo: { type: 'string' },
  householdId: uuid,
  track: codeOf(CASE_TRACKS),
  status: codeOf(CASE_STATUSES),
  coordinatorOrganizationId: uuid,
  leadOrganizationId: nullableUuid,
  memberOrganizationIds: { type: 'array', items: uuid },
  supportDecidedOn: nullableDate,
  closureReason: { anyOf: [codeOf(CLOSURE_REASONS), { type: 'null' }] },
  openedOn: date,
  closedOn: nullableDate,
});
const caseEvent = (event: string, summary: string) => defineEvent<CaseEventData>({ service: SERVICE, aggregate: 'case', event, summary, schema: caseSchema });
export const CaseOpened = caseEvent('opened', 'A 多機関協働 case was opened (受理, or 潜在 on the pre-consent track).');
export const CaseStatusChanged = caseEvent('status-changed', 'A case moved along its status machine (アセスメント中, プラン作成中, 会議審議中, 支援実施中, 評価中 …).');
export const CaseTrackChanged = caseEvent(
  'track-changed',
  'The case changed track: consent obtained moves it from the 支援会議 track to the 重層 track; that consent withdrawn moves it back (潜在), without the organisations that joined on consent.',
);
export const SupportDecisionMade = caseEvent('support-decision-made', 'The municipality decided to support the case (支援決定).');
export const LeadAgencyAssigned = caseEvent('lead-agency-assigned', 'A lead agency (主担当機関) was assigned.');
export const CoordinatorReleased = caseEvent('coordinator-released', 'The 多機関協働事業者 stepped back (一旦終結); the case continues under the lead agency.');
export const CaseSuspended = caseEvent('suspended', 'The case was suspended (中断).');
export const CaseResumed = caseEvent('resumed', 'The case resumed (再開).');
export const CaseClosed = caseEvent('closed', 'The case was closed (終結) with a reason.');

export interface PlanEventData {
  planId: string;
  caseId: string;
  planVersion: number;
  status: PlanStatus;
  organizationIds: string[];
  leadOrganizationId: string | null;
  usesParticipationSupport: boolean;
  usesOutreach: boolean;
  nextReviewOn: string | null;
  meetingId: string | null;
  /** Day the version was drafted (作成日), the day reports count on. Absent only from events published before it. */
  createdOn?: string;
}
const planSchema = objectWithLaterFields(['createdOn'], {
  planId: uuid,
  caseId: uuid,
  planVersion: { type: 'integer' },
  status: codeOf(PLAN_STATUSES),
  organizationIds: { type: 'array', items: uuid },
  leadOrganizationId: nullableUuid,
  usesParticipationSupport: { type: 'boolean' },
  usesOutreach: { type: 'boolean' },
  nextReviewOn: nullableDate,
  meetingId: nullableUuid,
  createdOn: date,
});
const planEvent = (event: string, summary: string) => defineEvent<PlanEventData>({ service: SERVICE, aggregate: 'plan', event, summary, schema: planSchema });
export const PlanDrafted = planEvent('drafted', 'A support plan version was drafted (下書き).');
export const PlanUpdated = planEvent('updated', 'A draft plan was edited.');
export const PlanSubmitted = planEvent('submitted', 'A plan was submitted to the 重層的支援会議 (会議提出).');
export const PlanApproved = planEvent('approved', 'The meeting approved the plan (承認).');
export const PlanActivated = planEvent('activated', 'The approved plan is being delivered (実施中).');
export const PlanSuperseded = planEvent('superseded', 'A newer plan version replaced this one (改定済).');

export interface EvaluationEventData {
  evaluationId: string;
  planId: string;
  caseId: string;
  decision: EvaluationDecision;
  meetingId: string | null;
  evaluatedOn: string;
}
export const EvaluationRecorded = defineEvent<EvaluationEventData>({
  service: SERVICE,
  aggregate: 'evaluation',
  event: 'recorded',
  summary: 'A plan was evaluated with a decision (継続 / 再プラン / 終結 / 中断).',
  schema: object({ evaluationId: uuid, planId: uuid, caseId: uuid, decision: codeOf(EVALUATION_DECISIONS), meetingId: nullableUuid, evaluatedOn: date }),
});

export interface ProgressNoteEventData {
  noteId: string;
  caseId: string | null;
  consultationId: string | null;
  kind: NoteKind;
  legalBasis: LegalBasis;
  authorOrganizationId: string | null;
}
export const ProgressNoted = defineEvent<ProgressNoteEventData>({
  service: SERVICE,
  aggregate: 'progress-note',
  event: 'recorded',
  summary: 'A progress note (支援経過記録) was added; the text never travels.',
  schema: object({ noteId: uuid, caseId: nullableUuid, consultationId: nullableUuid, kind: codeOf(NOTE_KINDS), legalBasis: codeOf(LEGAL_BASES), authorOrganizationId: nullableUuid }),
});

export interface MeetingEventData {
  meetingId: string;
  legalType: MeetingLegalType;
  status: MeetingStatus;
  convenerOrganizationId: string;
  heldOn: string;
  caseIds: string[];
  attendeeOrganizationIds: string[];
}
const meetingSchema = object({
  meetingId: uuid,
  legalType: codeOf(MEETING_LEGAL_TYPES),
  status: codeOf(MEETING_STATUSES),
  convenerOrganizationId: uuid,
  heldOn: date,
  caseIds: { type: 'array', items: uuid },
  attendeeOrganizationIds: { type: 'array', items: uuid },
});
const meetingEvent = (event: string, summary: string) => defineEvent<MeetingEventData>({ service: SERVICE, aggregate: 'meeting', event, summary, schema: meetingSchema });
export const MeetingScheduled = meetingEvent('scheduled', 'A meeting (支援会議 / 重層的支援会議 / other case conference) was scheduled.');
export const MeetingUpdated = meetingEvent('updated', 'Attendees, cases, acknowledgements or decisions of a meeting changed.');
export const MeetingHeld = meetingEvent('held', 'The meeting was held (開催済).');
export const MeetingMinutesFinalised = meetingEvent('minutes-finalised', 'The record of the meeting was finalised (記録確定).');
export const MeetingCancelled = meetingEvent('cancelled', 'The meeting was cancelled (中止).');

export const CASE_EVENTS: readonly EventContract[] = [
  CaseOpened,
  CaseStatusChanged,
  CaseTrackChanged,
  SupportDecisionMade,
  LeadAgencyAssigned,
  CoordinatorReleased,
  CaseSuspended,
  CaseResumed,
  CaseClosed,
  PlanDrafted,
  PlanUpdated,
  PlanSubmitted,
  PlanApproved,
  PlanActivated,
  PlanSuperseded,
  EvaluationRecorded,
  ProgressNoted,
  MeetingScheduled,
  MeetingUpdated,
  MeetingHeld,
  MeetingMinutesFinalised,
  MeetingCancelled,
];
