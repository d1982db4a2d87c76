import {
  OutreachContactLogged,
  OutreachInactivityAlertCleared,
  OutreachInactivityAlertRaised,
  OutreachStageChanged,
  OutreachTargetClosed,
  OutreachTargetHandedOver,
  OutreachTargetRegistered,
  OutreachTargetUpdated,
  type OutreachContactLoggedData,
  type OutreachInactivityAlertData,
  type OutreachStage,
  type OutreachStageChangedData,
  type OutreachTargetClosedData,
  type OutreachTargetRef,
  type OutreachTargetRegisteredData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { withheldDistrict, type RecordProjector, type SqlRunner } from '../projection-sql';

/*
 * アウトリーチ targets with their latest stage and the days of their steps, their contacts and inactivity alerts
 * (one record: every outreach event is about a target). Watch-overdue events are operational, not counted.
 */

/** The stage an outreach event states, when it states one (hand-overs and alerts leave the stage alone). */
function stageOf(contract: EventContract, data: unknown): OutreachStage | null {
  if (contract === OutreachTargetRegistered || contract === OutreachTargetUpdated) return (data as OutreachTargetRegisteredData).stage;
  if (contract === OutreachStageChanged) return (data as OutreachStageChangedData).toStage;
  if (contract === OutreachContactLogged) return (data as OutreachContactLoggedData).stage;
  if (contract === OutreachTargetClosed) return 'closed';
  return null;
}

export const outreachProjector: RecordProjector = {
  events: [
    OutreachTargetRegistered,
    OutreachTargetUpdated,
    OutreachStageChanged,
    OutreachContactLogged,
    OutreachInactivityAlertRaised,
    OutreachInactivityAlertCleared,
    OutreachTargetHandedOver,
    OutreachTargetClosed,
  ],
  async apply(run: SqlRunner, t: (name: string) => string, contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
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
  },
};
