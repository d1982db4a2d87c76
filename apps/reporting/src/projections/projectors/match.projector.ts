import {
  FollowUpRecorded,
  MatchEnded,
  MatchProposed,
  MatchSettled,
  MatchStarted,
  MatchTrialStarted,
  MatchVisitArranged,
  type FollowUpEventData,
  type MatchEventData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { type RecordProjector, type SqlRunner } from '../projection-sql';

/* 参加支援 matches with the day of each step, and their follow-ups. */
export const matchProjector: RecordProjector = {
  events: [MatchProposed, MatchVisitArranged, MatchTrialStarted, MatchStarted, MatchSettled, MatchEnded],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
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
  },
};

export const followUpProjector: RecordProjector = {
  events: [FollowUpRecorded],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const data = event.data as FollowUpEventData;
    await run(
      `insert into ${t('participation_follow_up')} (follow_up_id, municipality, match_id, need_id, host_organization_id, side, method, held_on, district_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
      [data.followUpId, lg, data.matchId, data.needId, data.hostOrganizationId, data.side, data.method, data.heldOn, data.districtId],
    );
  },
};
