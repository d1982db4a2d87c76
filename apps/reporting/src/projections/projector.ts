import {
  CaseClosed,
  CaseOpened,
  CoordinatorAssigned,
  CouncilEstablished,
  CouncilMeetingHeld,
  EvaluationRecorded,
  MandatoryReportDecided,
  MandatoryReportRaised,
  ProgressNoted,
  CaseResumed,
  CaseStatusChanged,
  CaseSuspended,
  CaseTrackChanged,
  CoordinatorReleased,
  LeadAgencyAssigned,
  MeetingCancelled,
  MeetingHeld,
  MeetingMinutesFinalised,
  MeetingScheduled,
  MeetingUpdated,
  PlanActivated,
  PlanApproved,
  PlanDrafted,
  PlanSubmitted,
  PlanSuperseded,
  PlanUpdated,
  SupportDecisionMade,
  ConsultationCancelled,
  ConsultationClosed,
  ConsultationReceived,
  ConsultationScreeningStarted,
  ConsultationTriaged,
  ConsultationUpdated,
  DistrictRegistered,
  DistrictUpdated,
  HouseholdRegistered,
  HouseholdUpdated,
  ReferralAccepted,
  ReferralCompleted,
  ReferralDeclined,
  ReferralFailed,
  ReferralRequested,
  ResourcePublished,
  ResourceRegistered,
  ResourceResumed,
  ResourceRetired,
  ResourceSuspended,
  ResourceUpdated,
  ResourceVerified,
  type CaseEventData,
  type CloudEvent,
  type CoordinatorAssignedData,
  type CouncilEstablishedData,
  type CouncilMeetingHeldData,
  type EvaluationEventData,
  type MandatoryReportEventData,
  type ProgressNoteEventData,
  type ConsultationEventData,
  type MeetingEventData,
  type PlanEventData,
  type DistrictEventData,
  type EventContract,
  type HouseholdEventData,
  type ReferralEventData,
  type ResourceEventData,
} from '@tsunagu/contracts';

import { applyProgrammeEvent, isProgrammeEvent, OUTREACH_PROJECTED_EVENTS, PARTICIPATION_PROJECTED_EVENTS } from './programme-projector';
import { pgArray, type SqlRunner } from './projection-sql';
import { startOfJapanDay } from '@tsunagu/util-japanese-calendar';

export type { SqlRunner } from './projection-sql';

/** Events the projections are built from; each source service's come through one durable (`reporting__from__<source>`, ADR 0016). */
export const RESOURCE_EVENTS = [ResourceRegistered, ResourceUpdated, ResourcePublished, ResourceSuspended, ResourceResumed, ResourceRetired, ResourceVerified];
export const DISTRICT_EVENTS = [DistrictRegistered, DistrictUpdated];
export const HOUSEHOLD_EVENTS = [HouseholdRegistered, HouseholdUpdated];
export const CONSULTATION_EVENTS = [ConsultationReceived, ConsultationUpdated, ConsultationScreeningStarted, ConsultationTriaged, ConsultationClosed, ConsultationCancelled];
export const REFERRAL_EVENTS = [ReferralRequested, ReferralAccepted, ReferralDeclined, ReferralCompleted, ReferralFailed];
export const CASE_EVENTS = [CaseOpened, CaseStatusChanged, CaseTrackChanged, SupportDecisionMade, LeadAgencyAssigned, CoordinatorReleased, CaseSuspended, CaseResumed, CaseClosed];
export const PLAN_EVENTS = [PlanDrafted, PlanUpdated, PlanSubmitted, PlanApproved, PlanActivated, PlanSuperseded];
export const MEETING_EVENTS = [MeetingScheduled, MeetingUpdated, MeetingHeld, MeetingMinutesFinalised, MeetingCancelled];
/** Counted only (issue 17): 通報 records, plan evaluations and progress notes — codes and days, no content. */
export const RECORD_COUNT_EVENTS = [MandatoryReportRaised, MandatoryReportDecided, EvaluationRecorded, ProgressNoted];
/** 地域づくり work the registry records: 協議体, their meetings, 生活支援コーディネーター. */
export const COMMUNITY_WORK_EVENTS = [CouncilEstablished, CouncilMeetingHeld, CoordinatorAssigned];
export const PROJECTED_EVENTS: readonly EventContract[] = [
  ...RESOURCE_EVENTS,
  ...DISTRICT_EVENTS,
  ...COMMUNITY_WORK_EVENTS,
  ...HOUSEHOLD_EVENTS,
  ...CONSULTATION_EVENTS,
  ...REFERRAL_EVENTS,
  ...CASE_EVENTS,
  ...PLAN_EVENTS,
  ...MEETING_EVENTS,
  ...RECORD_COUNT_EVENTS,
  ...OUTREACH_PROJECTED_EVENTS,
  ...PARTICIPATION_PROJECTED_EVENTS,
];

const bySubject = new Map(PROJECTED_EVENTS.map((contract) => [contract.subject, contract]));

/** 00:00 in Japan of a `YYYY-MM-DD` date as an ISO instant, or null when the event carried no date. */
function startOfJapanDate(date: string | null | undefined): string | null {
  return date ? startOfJapanDay(date).toISOString() : null;
}

/** Calendar date in Japan of an instant (Asia/Tokyo has no DST). */
export function japanDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Serialises a household's event with its consultations' events (different consumers, concurrent transactions):
 * otherwise each could miss the other's uncommitted row and leave consultation.district_id null. The lock is
 * held to commit, so the second one's statements see the first one's rows. (Two-int advisory keys never
 * collide with the one-bigint projection lock.)
 */
async function lockHousehold(run: SqlRunner, householdId: string): Promise<void> {
  await run(`select pg_advisory_xact_lock(${HOUSEHOLD_LOCK_CLASS}, hashtext(?))`, [householdId]);
}
const HOUSEHOLD_LOCK_CLASS = 0x686f; // "ho"

/**
 * Applies one event to a projection set (schema). Idempotent — the set records every applied event id
 * and skips repeats — and independent of arrival order: each consumer has its own subject, so a
 * `published` may arrive before its `registered`; rows keep the state of the latest event by
 * (event time, event id), and facts are kept per event where reports need "as of a date".
 */
export async function applyEvent(run: SqlRunner, schema: string, subject: string, event: CloudEvent): Promise<boolean> {
  const contract = bySubject.get(subject);
  if (!contract) throw new Error(`reporting does not project ${subject}`);
  const t = (name: string) => `"${schema}"."${name}"`;
  const fresh = await run(`insert into ${t('projected_event')} (event_id, municipality, subject, occurred_at) values (?, ?, ?, ?) on conflict do nothing`, [
    event.id,
    event.municipality,
    subject,
    event.time,
  ]);
  if (fresh === 0) return false;
  const lg = event.municipality;
  const at = event.time;

  if (isProgrammeEvent(contract)) {
    await applyProgrammeEvent(run, schema, contract, event);
  } else if (RESOURCE_EVENTS.includes(contract as never)) {
    const data = event.data as ResourceEventData;
    await run(
      `insert into ${t('resource_fact')} (event_id, municipality, resource_id, occurred_at, status, category, insurance_scheme, public, district_ids) values (?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[])`,
      [event.id, lg, data.resourceId, at, data.status, data.category, data.insuranceScheme, data.public, pgArray(data.districtIds)],
    );
  } else if (DISTRICT_EVENTS.includes(contract as never)) {
    const data = event.data as DistrictEventData;
    await run(
      `insert into ${t('district')} as d (district_id, municipality, sort_order, is_island, short_name, kana, state_at, state_event_id) values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (district_id) do update set sort_order = excluded.sort_order, is_island = excluded.is_island, short_name = excluded.short_name, kana = excluded.kana,
         state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (d.state_at, d.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.districtId, lg, data.sortOrder, data.isIsland, data.shortName ?? null, data.kana ?? null, at, event.id],
    );
  } else if (HOUSEHOLD_EVENTS.includes(contract as never)) {
    const data = event.data as HouseholdEventData;
    await lockHousehold(run, data.householdId);
    await run(
      `insert into ${t('household')} as h (household_id, municipality, district_id, district_withheld, state_at, state_event_id) values (?, ?, ?, ?, ?, ?)
       on conflict (household_id) do update set district_id = excluded.district_id, district_withheld = excluded.district_withheld, state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (h.state_at, h.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      // A withheld district is never stored, even if an event carried one.
      [data.householdId, lg, data.districtWithheld ? null : data.districtId, data.districtWithheld ?? false, at, event.id],
    );
    // The consultations' copy of the district follows the household's latest state (see consultationDistrictDdl).
    await run(
      `update ${t('consultation')} c set district_id = h.district_id, district_withheld = h.district_withheld from ${t('household')} h
       where h.household_id = ? and c.household_id = h.household_id and (c.district_id is distinct from h.district_id or c.district_withheld <> h.district_withheld)`,
      [data.householdId],
    );
  } else if (CONSULTATION_EVENTS.includes(contract as never)) {
    const data = event.data as ConsultationEventData;
    if (data.householdId) await lockHousehold(run, data.householdId);
    await run(
      `insert into ${t('consultation')} as c (consultation_id, municipality, fiscal_year, received_on, receiving_organization_id, household_id, district_id, district_withheld, route, primary_category, categories, issue_tags, status, disposition, cancelled, jigyo_attribution, pseudonym, state_at, state_event_id)
       values (?, ?, ?, ?, ?, ?, (select district_id from ${t('household')} where household_id = ?), coalesce((select district_withheld from ${t('household')} where household_id = ?), false), ?, ?, ?::text[], ?::text[], ?, ?, ?, ?, ?, ?, ?)
       on conflict (consultation_id) do update set fiscal_year = excluded.fiscal_year, received_on = coalesce(excluded.received_on, c.received_on), receiving_organization_id = excluded.receiving_organization_id, household_id = excluded.household_id,
         district_id = excluded.district_id, district_withheld = excluded.district_withheld, jigyo_attribution = excluded.jigyo_attribution, pseudonym = excluded.pseudonym,
         route = excluded.route, primary_category = excluded.primary_category, categories = excluded.categories, issue_tags = excluded.issue_tags, status = excluded.status,
         disposition = excluded.disposition, cancelled = excluded.cancelled, state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (c.state_at, c.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [
        data.consultationId,
        lg,
        data.fiscalYear,
        // 受付日時 as staff entered it (a consultation received on 3/31 and typed on 4/1 counts in March); events
        // published before they carried it are dated by the `received` event's time.
        data.receivedAt ? japanDate(data.receivedAt) : contract === ConsultationReceived ? japanDate(at) : null,
        data.receivingOrganizationId,
        data.householdId,
        // District of its household, or that it is withheld (null / false until the household's event arrives, which then fills them in).
        data.householdId,
        data.householdId,
        data.route,
        data.primaryCategory,
        pgArray(data.categories),
        pgArray(data.issueTags),
        data.status,
        data.disposition,
        data.status === 'cancelled',
        data.jigyoAttribution,
        // Only the pseudonymous key is kept: the person id in the event is dropped here.
        data.personPseudonym ?? null,
        at,
        event.id,
      ],
    );
    // Without receivedAt in the data, the receipt date comes only from `received`, whichever order the events arrive in.
    if (contract === ConsultationReceived && !data.receivedAt) {
      await run(`update ${t('consultation')} set received_on = ? where consultation_id = ?`, [japanDate(at), data.consultationId]);
    }
  } else if (CASE_EVENTS.includes(contract as never)) {
    const data = event.data as CaseEventData;
    await run(
      `insert into ${t('multi_agency_case')} as c (case_id, municipality, household_id, track, status, coordinator_organization_id, lead_organization_id, member_organization_ids, support_decided_on, closure_reason, state_at, state_event_id)
       values (?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?, ?)
       on conflict (case_id) do update set household_id = excluded.household_id, track = excluded.track, status = excluded.status, coordinator_organization_id = excluded.coordinator_organization_id,
         lead_organization_id = excluded.lead_organization_id, member_organization_ids = excluded.member_organization_ids, support_decided_on = excluded.support_decided_on,
         closure_reason = excluded.closure_reason, state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (c.state_at, c.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.caseId, lg, data.householdId, data.track, data.status, data.coordinatorOrganizationId, data.leadOrganizationId, pgArray(data.memberOrganizationIds), data.supportDecidedOn, data.closureReason, at, event.id],
    );
    // Opening and closing keep their own time (first one wins), whichever order the events arrive in: the days intake
    // dated them, or the event's time for events published before they carried them.
    if (contract === CaseOpened) {
      const opened = startOfJapanDate(data.openedOn) ?? at;
      await run(`update ${t('multi_agency_case')} set opened_at = ?, opened_track = ? where case_id = ? and (opened_at is null or opened_at > ?)`, [opened, data.track, data.caseId, opened]);
    } else if (contract === CaseClosed) {
      const closed = startOfJapanDate(data.closedOn) ?? at;
      await run(`update ${t('multi_agency_case')} set closed_at = least(coalesce(closed_at, ?::timestamptz), ?::timestamptz) where case_id = ?`, [closed, closed, data.caseId]);
    }
  } else if (PLAN_EVENTS.includes(contract as never)) {
    const data = event.data as PlanEventData;
    await run(
      `insert into ${t('support_plan')} as p (plan_id, municipality, case_id, plan_version, status, uses_participation_support, uses_outreach, state_at, state_event_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (plan_id) do update set case_id = excluded.case_id, plan_version = excluded.plan_version, status = excluded.status,
         uses_participation_support = excluded.uses_participation_support, uses_outreach = excluded.uses_outreach, state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (p.state_at, p.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.planId, lg, data.caseId, data.planVersion, data.status, data.usesParticipationSupport, data.usesOutreach, at, event.id],
    );
    const stamp = contract === PlanDrafted ? 'drafted_at' : contract === PlanApproved ? 'approved_at' : null;
    // A plan counts as drafted on its 作成日.
    const when = (contract === PlanDrafted ? startOfJapanDate(data.createdOn) : null) ?? at;
    if (stamp) await run(`update ${t('support_plan')} set ${stamp} = least(coalesce(${stamp}, ?::timestamptz), ?::timestamptz) where plan_id = ?`, [when, when, data.planId]);
  } else if (MEETING_EVENTS.includes(contract as never)) {
    const data = event.data as MeetingEventData;
    await run(
      `insert into ${t('meeting')} as m (meeting_id, municipality, legal_type, status, convener_organization_id, held_on, case_ids, state_at, state_event_id)
       values (?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?)
       on conflict (meeting_id) do update set legal_type = excluded.legal_type, status = excluded.status, convener_organization_id = excluded.convener_organization_id,
         held_on = excluded.held_on, case_ids = excluded.case_ids, state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (m.state_at, m.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.meetingId, lg, data.legalType, data.status, data.convenerOrganizationId, data.heldOn, pgArray(data.caseIds), at, event.id],
    );
  } else if (contract === CouncilEstablished) {
    const data = event.data as CouncilEstablishedData;
    await run(
      `insert into ${t('council')} as c (council_id, municipality, layer, district_id, status, established_on, state_at, state_event_id) values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (council_id) do update set layer = excluded.layer, district_id = excluded.district_id, status = excluded.status, established_on = excluded.established_on,
         state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (c.state_at, c.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.councilId, lg, data.layer, data.districtId, data.status, data.establishedOn, at, event.id],
    );
  } else if (contract === CouncilMeetingHeld) {
    const data = event.data as CouncilMeetingHeldData;
    await run(
      `insert into ${t('council_meeting')} as m (council_meeting_id, municipality, council_id, district_id, held_on, participants_count, state_at, state_event_id) values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (council_meeting_id) do update set council_id = excluded.council_id, district_id = excluded.district_id, held_on = excluded.held_on, participants_count = excluded.participants_count,
         state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (m.state_at, m.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.meetingId, lg, data.councilId, data.districtId, data.heldOn, data.participantsCount, at, event.id],
    );
  } else if (contract === CoordinatorAssigned) {
    const data = event.data as CoordinatorAssignedData;
    await run(
      `insert into ${t('coordinator')} as c (coordinator_id, municipality, layer, district_ids, employer_organization_id, assigned_from, assigned_to, state_at, state_event_id) values (?, ?, ?, ?::uuid[], ?, ?, ?, ?, ?)
       on conflict (coordinator_id) do update set layer = excluded.layer, district_ids = excluded.district_ids, employer_organization_id = excluded.employer_organization_id,
         assigned_from = excluded.assigned_from, assigned_to = excluded.assigned_to, state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (c.state_at, c.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.coordinatorId, lg, data.layer, pgArray(data.districtIds), data.employerOrganizationId, data.assignedFrom, data.assignedTo, at, event.id],
    );
  } else if (contract === MandatoryReportRaised || contract === MandatoryReportDecided) {
    const data = event.data as MandatoryReportEventData;
    // Raised on the day of its first event (raised, or a decision that arrived first); decided on the day of the decision.
    const day = japanDate(at);
    await run(
      `insert into ${t('mandatory_report')} as r (mandatory_report_id, municipality, law, issue_tag, status, raised_on, decided_on, state_at, state_event_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (mandatory_report_id) do update set raised_on = least(r.raised_on, excluded.raised_on), decided_on = least(r.decided_on, excluded.decided_on),
         law = case when (r.state_at, r.state_event_id) < (excluded.state_at, excluded.state_event_id) then excluded.law else r.law end,
         issue_tag = case when (r.state_at, r.state_event_id) < (excluded.state_at, excluded.state_event_id) then excluded.issue_tag else r.issue_tag end,
         status = case when (r.state_at, r.state_event_id) < (excluded.state_at, excluded.state_event_id) then excluded.status else r.status end,
         state_at = greatest(r.state_at, excluded.state_at),
         state_event_id = case when (r.state_at, r.state_event_id) < (excluded.state_at, excluded.state_event_id) then excluded.state_event_id else r.state_event_id end`,
      [data.mandatoryReportId, lg, data.law, data.issueTag, data.status, day, contract === MandatoryReportDecided ? day : null, at, event.id],
    );
  } else if (contract === EvaluationRecorded) {
    const data = event.data as EvaluationEventData;
    await run(`insert into ${t('evaluation')} (evaluation_id, municipality, decision, evaluated_on) values (?, ?, ?, ?) on conflict do nothing`, [data.evaluationId, lg, data.decision, data.evaluatedOn]);
  } else if (contract === ProgressNoted) {
    const data = event.data as ProgressNoteEventData;
    // The event carries no date: a note counts on the day intake recorded it (the event's time, in Japan).
    await run(`insert into ${t('progress_record')} (progress_record_id, municipality, record_kind, legal_basis, author_organization_id, recorded_on) values (?, ?, ?, ?, ?, ?) on conflict do nothing`, [
      data.noteId,
      lg,
      data.kind,
      data.legalBasis,
      data.authorOrganizationId,
      japanDate(at),
    ]);
  } else {
    const data = event.data as ReferralEventData;
    const stamp = {
      [ReferralRequested.subject]: 'requested_at',
      [ReferralAccepted.subject]: 'accepted_at',
      [ReferralDeclined.subject]: 'declined_at',
      [ReferralCompleted.subject]: 'completed_at',
      [ReferralFailed.subject]: 'failed_at',
    }[subject] as string;
    await run(
      `insert into ${t('referral')} as r (referral_id, municipality, consultation_id, from_organization_id, to_organization_id, info_basis, status, follow_up_due, state_at, state_event_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (referral_id) do update set consultation_id = excluded.consultation_id, from_organization_id = excluded.from_organization_id, to_organization_id = excluded.to_organization_id,
         info_basis = excluded.info_basis, status = excluded.status, follow_up_due = excluded.follow_up_due, state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (r.state_at, r.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.referralId, lg, data.consultationId, data.fromOrganizationId, data.toOrganizationId, data.infoBasis, data.status, data.followUpDue, at, event.id],
    );
    // Each transition keeps its own time (first one wins), so durations survive out-of-order delivery. A referral is
    // requested on its 依頼日 and completed on its 初回接触日 as staff dated them (the event's time for older events).
    const when =
      (subject === ReferralRequested.subject ? startOfJapanDate(data.referredOn) : subject === ReferralCompleted.subject ? startOfJapanDate(data.firstContactOn) : null) ?? at;
    await run(`update ${t('referral')} set ${stamp} = least(coalesce(${stamp}, ?::timestamptz), ?::timestamptz) where referral_id = ?`, [when, when, data.referralId]);
  }
  return true;
}
