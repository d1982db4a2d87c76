import {
  FollowUpRecorded,
  HostRegistered,
  HostUpdated,
  MatchEnded,
  MatchProposed,
  MatchSettled,
  MatchStarted,
  MatchTrialStarted,
  MatchVisitArranged,
  MenuGapRecorded,
  NeedDistrictWithheld,
  NeedRegistered,
  NeedStatusChanged,
  OutreachContactLogged,
  OutreachInactivityAlertCleared,
  OutreachInactivityAlertRaised,
  OutreachStageChanged,
  OutreachTargetClosed,
  OutreachTargetHandedOver,
  OutreachTargetRegistered,
  OutreachTargetUpdated,
  type CloudEvent,
  type EventContract,
  type FollowUpEventData,
  type HostEventData,
  type MatchEventData,
  type MenuGapEventData,
  type NeedDistrictWithheldData,
  type NeedEventData,
  type OutreachContactLoggedData,
  type OutreachInactivityAlertData,
  type OutreachStageChangedData,
  type OutreachTargetClosedData,
  type OutreachTargetRef,
  type OutreachTargetRegisteredData,
  type OutreachStage,
} from '@tsunagu/contracts';

import { pgArray, type SqlRunner } from './projection-sql';

/*
 * The アウトリーチ and 参加支援 projections: the outreach and matching services' events, applied with the same
 * rules as projector.ts (idempotent through projected_event, independent of arrival order: latest state by
 * (event time, event id), dates of steps kept first-wins). Watch-overdue events are operational, not counted.
 */

export const OUTREACH_PROJECTED_EVENTS: readonly EventContract[] = [
  OutreachTargetRegistered,
  OutreachTargetUpdated,
  OutreachStageChanged,
  OutreachContactLogged,
  OutreachInactivityAlertRaised,
  OutreachInactivityAlertCleared,
  OutreachTargetHandedOver,
  OutreachTargetClosed,
];
export const PARTICIPATION_PROJECTED_EVENTS: readonly EventContract[] = [
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

const PROGRAMME_EVENTS = new Set<EventContract>([...OUTREACH_PROJECTED_EVENTS, ...PARTICIPATION_PROJECTED_EVENTS]);

/** Whether this module projects the contract. */
export function isProgrammeEvent(contract: EventContract): boolean {
  return PROGRAMME_EVENTS.has(contract);
}

/** The stage an outreach event states, when it states one (hand-overs and alerts leave the stage alone). */
function stageOf(contract: EventContract, data: unknown): OutreachStage | null {
  if (contract === OutreachTargetRegistered || contract === OutreachTargetUpdated) return (data as OutreachTargetRegisteredData).stage;
  if (contract === OutreachStageChanged) return (data as OutreachStageChangedData).toStage;
  if (contract === OutreachContactLogged) return (data as OutreachContactLoggedData).stage;
  if (contract === OutreachTargetClosed) return 'closed';
  return null;
}

/** Applies one outreach or matching event; the caller has recorded the event id (projected_event) already. */
/** A district withheld for DV address protection is never stored, even if an event carried one. */
function withheldDistrict(data: { districtId: string | null; districtWithheld?: boolean }): string | null {
  return data.districtWithheld ? null : data.districtId;
}

export async function applyProgrammeEvent(run: SqlRunner, schema: string, contract: EventContract, event: CloudEvent): Promise<void> {
  const t = (name: string) => `"${schema}"."${name}"`;
  const lg = event.municipality;
  const at = event.time;

  if (OUTREACH_PROJECTED_EVENTS.includes(contract)) {
    const ref = event.data as OutreachTargetRef;
    const stage = stageOf(contract, event.data);
    if (stage) {
      await run(
        `insert into ${t('outreach_target')} as o (target_id, municipality, district_id, district_withheld, assigned_organization_id, risk_level, stage, state_at, state_event_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (target_id) do update set district_id = excluded.district_id, district_withheld = excluded.district_withheld, assigned_organization_id = excluded.assigned_organization_id, risk_level = excluded.risk_level,
           stage = excluded.stage, state_at = excluded.state_at, state_event_id = excluded.state_event_id
         where (o.state_at, o.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
        [ref.targetId, lg, withheldDistrict(ref), ref.districtWithheld ?? false, ref.assignedOrganizationId, ref.riskLevel, stage, at, event.id],
      );
    } else {
      // A hand-over or an alert before the target's first stage-bearing event: a placeholder any such event replaces.
      await run(
        `insert into ${t('outreach_target')} (target_id, municipality, district_id, district_withheld, assigned_organization_id, risk_level, stage, state_at, state_event_id) values (?, ?, ?, ?, ?, ?, 'connected', '-infinity', ?)
         on conflict (target_id) do nothing`,
        [ref.targetId, lg, withheldDistrict(ref), ref.districtWithheld ?? false, ref.assignedOrganizationId, ref.riskLevel, event.id],
      );
    }
    if (contract === OutreachTargetRegistered) {
      const data = event.data as OutreachTargetRegisteredData;
      await run(`update ${t('outreach_target')} set discovery_route = ?, target_identity = ?, registered_on = ?, pseudonym = coalesce(?, pseudonym) where target_id = ?`, [
        data.discoveryRoute,
        data.identity,
        data.occurredOn,
        data.personPseudonym ?? null,
        data.targetId,
      ]);
    } else if (contract === OutreachTargetUpdated) {
      // The identity can grow (a place-only target whose person becomes known); route and registration day stay the registration's.
      const data = event.data as OutreachTargetRegisteredData;
      await run(`update ${t('outreach_target')} set target_identity = ? where target_id = ? and state_event_id = ?`, [data.identity, data.targetId, event.id]);
      // A person who becomes known keeps their key, whichever order the events arrive in (the key never changes once known).
      if (data.personPseudonym) await run(`update ${t('outreach_target')} set pseudonym = ? where target_id = ?`, [data.personPseudonym, data.targetId]);
    } else if (contract === OutreachStageChanged && (event.data as OutreachStageChangedData).newlyConnected) {
      await run(`update ${t('outreach_target')} set connected_on = least(coalesce(connected_on, ?::date), ?::date) where target_id = ?`, [
        ref.occurredOn,
        ref.occurredOn,
        ref.targetId,
      ]);
    } else if (contract === OutreachTargetHandedOver) {
      await run(`update ${t('outreach_target')} set handed_over_on = least(coalesce(handed_over_on, ?::date), ?::date) where target_id = ?`, [
        ref.occurredOn,
        ref.occurredOn,
        ref.targetId,
      ]);
    } else if (contract === OutreachTargetClosed) {
      const data = event.data as OutreachTargetClosedData;
      await run(`update ${t('outreach_target')} set closed_on = ?, close_reason = ? where target_id = ? and (closed_on is null or closed_on <= ?)`, [
        data.occurredOn,
        data.closeReason,
        data.targetId,
        data.occurredOn,
      ]);
    } else if (contract === OutreachContactLogged) {
      const data = event.data as OutreachContactLoggedData;
      await run(
        `insert into ${t('outreach_contact')} (contact_id, municipality, target_id, district_id, contacted_on, method, result, successful) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
        [data.contactId, lg, data.targetId, data.districtId, data.occurredOn, data.method, data.result, data.successful],
      );
    } else if (contract === OutreachInactivityAlertRaised || contract === OutreachInactivityAlertCleared) {
      const data = event.data as OutreachInactivityAlertData;
      const column = contract === OutreachInactivityAlertRaised ? 'raised_on' : 'cleared_on';
      await run(
        `insert into ${t('outreach_alert')} (alert_id, municipality, target_id, district_id, ${column}) values (?, ?, ?, ?, ?)
         on conflict (alert_id) do update set ${column} = least(coalesce(${t('outreach_alert')}.${column}, excluded.${column}), excluded.${column})`,
        [data.alertId, lg, data.targetId, data.districtId, data.occurredOn],
      );
    }
    return;
  }

  if (contract === NeedRegistered || contract === NeedStatusChanged) {
    const data = event.data as NeedEventData;
    await run(
      `insert into ${t('participation_need')} as n (need_id, municipality, case_id, district_id, purposes, status, registered_on, pseudonym, state_at, state_event_id) values (?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?)
       on conflict (need_id) do update set case_id = excluded.case_id, district_id = case when n.district_withheld then null else excluded.district_id end, purposes = excluded.purposes, status = excluded.status,
         registered_on = excluded.registered_on, pseudonym = coalesce(excluded.pseudonym, n.pseudonym), state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (n.state_at, n.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      // The person id is dropped: only the pseudonymous key is kept.
      [data.needId, lg, data.caseId, data.homeDistrictId, pgArray(data.purposes), data.status, data.registeredOn, data.personPseudonym ?? null, at, event.id],
    );
  } else if (contract === NeedDistrictWithheld) {
    // Published when the person's DV address protection reached matching: the district copied before goes, from the
    // need and from its menu gaps, which then count in 「非公開」 (matching publishes later events without it).
    // It may arrive before need.registered (another consumer): then a placeholder row keeps the flag until the need's
    // own event fills it in (its '-infinity' state time loses to any real event), as outreach targets do.
    const data = event.data as NeedDistrictWithheldData;
    await run(
      `insert into ${t('participation_need')} (need_id, municipality, case_id, district_id, district_withheld, purposes, status, registered_on, state_at, state_event_id) values (?, ?, null, null, true, '{}', 'hearing', ?, '-infinity', ?)
       on conflict (need_id) do update set district_id = null, district_withheld = true`,
      [data.needId, lg, data.occurredOn, event.id],
    );
    await run(`update ${t('menu_gap')} set district_id = null, district_withheld = true where need_id = ?`, [data.needId]);
  } else if (contract === HostRegistered || contract === HostUpdated) {
    const data = event.data as HostEventData;
    await run(
      `insert into ${t('participation_host')} as h (host_id, municipality, organization_id, host_types, accepts, agreement_status, district_ids, registered_on, state_at, state_event_id)
       values (?, ?, ?, ?::text[], ?::text[], ?, ?::uuid[], ?, ?, ?)
       on conflict (host_id) do update set organization_id = excluded.organization_id, host_types = excluded.host_types, accepts = excluded.accepts, agreement_status = excluded.agreement_status,
         district_ids = excluded.district_ids, registered_on = excluded.registered_on, state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (h.state_at, h.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.hostId, lg, data.organizationId, pgArray(data.hostTypes), pgArray(data.accepts), data.agreementStatus, pgArray(data.districtIds), data.registeredOn, at, event.id],
    );
  } else if (contract === FollowUpRecorded) {
    const data = event.data as FollowUpEventData;
    await run(
      `insert into ${t('participation_follow_up')} (follow_up_id, municipality, match_id, need_id, host_organization_id, side, method, held_on, district_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
      [data.followUpId, lg, data.matchId, data.needId, data.hostOrganizationId, data.side, data.method, data.heldOn, data.districtId],
    );
  } else if (contract === MenuGapRecorded) {
    const data = event.data as MenuGapEventData;
    await run(
      // A gap of a need whose district was withheld (in either order) keeps none either.
      `insert into ${t('menu_gap')} (gap_id, municipality, need_id, district_id, district_withheld, purposes, failing_constraints, recorded_on)
       select ?, ?, ?, case when w.withheld then null else ?::uuid end, ? or w.withheld, ?::text[], ?::text[], ?
       from (select exists (select 1 from ${t('participation_need')} where need_id = ? and district_withheld) as withheld) as w
       on conflict do nothing`,
      [data.gapId, lg, data.needId, withheldDistrict(data), data.districtWithheld ?? false, pgArray(data.purposes), pgArray(data.failingConstraints), data.recordedOn, data.needId],
    );
  } else {
    const data = event.data as MatchEventData;
    await run(
      `insert into ${t('participation_match')} as m (match_id, municipality, need_id, source, resource_id, host_id, host_organization_id, purpose, district_id, status, end_reason, proposed_on, started_on, settled_on, ended_on, state_at, state_event_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (match_id) do update set need_id = excluded.need_id, source = excluded.source, resource_id = excluded.resource_id, host_id = excluded.host_id,
         host_organization_id = excluded.host_organization_id, purpose = excluded.purpose, district_id = excluded.district_id, status = excluded.status, end_reason = excluded.end_reason,
         proposed_on = excluded.proposed_on, started_on = coalesce(excluded.started_on, m.started_on), settled_on = coalesce(excluded.settled_on, m.settled_on),
         ended_on = coalesce(excluded.ended_on, m.ended_on), state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (m.state_at, m.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [
        data.matchId,
        lg,
        data.needId,
        data.source,
        data.resourceId,
        data.hostId,
        data.hostOrganizationId,
        data.purpose,
        data.districtId,
        data.status,
        data.endReason,
        data.proposedOn,
        data.startedOn,
        data.settledOn,
        data.endedOn,
        at,
        event.id,
      ],
    );
    // An earlier event arriving late still contributes the dates it knows (each step's date is first-wins).
    await run(
      `update ${t('participation_match')} set started_on = coalesce(started_on, ?::date), settled_on = coalesce(settled_on, ?::date), ended_on = coalesce(ended_on, ?::date) where match_id = ?`,
      [data.startedOn, data.settledOn, data.endedOn, data.matchId],
    );
  }
}
