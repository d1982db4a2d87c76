import {
  CoordinatorAssigned,
  CouncilEstablished,
  CouncilMeetingHeld,
  type CoordinatorAssignedData,
  type CouncilEstablishedData,
  type CouncilMeetingHeldData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { pgArray } from '@tsunagu/platform-persistence';
import { type RecordProjector, type SqlRunner } from '../projection-sql';

/* 地域づくり work the registry records: 協議体, their meetings, 生活支援コーディネーター. */
export const councilProjector: RecordProjector = {
  events: [CouncilEstablished],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
    const data = event.data as CouncilEstablishedData;
    await run(
      `insert into ${t('council')} as c (council_id, municipality, layer, district_id, status, established_on, state_at, state_event_id) values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (council_id) do update set layer = excluded.layer, district_id = excluded.district_id, status = excluded.status, established_on = excluded.established_on,
         state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (c.state_at, c.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.councilId, lg, data.layer, data.districtId, data.status, data.establishedOn, at, event.id],
    );
  },
};

export const councilMeetingProjector: RecordProjector = {
  events: [CouncilMeetingHeld],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
    const data = event.data as CouncilMeetingHeldData;
    await run(
      `insert into ${t('council_meeting')} as m (council_meeting_id, municipality, council_id, district_id, held_on, participants_count, state_at, state_event_id) values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (council_meeting_id) do update set council_id = excluded.council_id, district_id = excluded.district_id, held_on = excluded.held_on, participants_count = excluded.participants_count,
         state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (m.state_at, m.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.meetingId, lg, data.councilId, data.districtId, data.heldOn, data.participantsCount, at, event.id],
    );
  },
};

export const coordinatorProjector: RecordProjector = {
  events: [CoordinatorAssigned],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
    const data = event.data as CoordinatorAssignedData;
    await run(
      `insert into ${t('coordinator')} as c (coordinator_id, municipality, layer, district_ids, employer_organization_id, assigned_from, assigned_to, state_at, state_event_id) values (?, ?, ?, ?::uuid[], ?, ?, ?, ?, ?)
       on conflict (coordinator_id) do update set layer = excluded.layer, district_ids = excluded.district_ids, employer_organization_id = excluded.employer_organization_id,
         assigned_from = excluded.assigned_from, assigned_to = excluded.assigned_to, state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (c.state_at, c.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.coordinatorId, lg, data.layer, pgArray(data.districtIds), data.employerOrganizationId, data.assignedFrom, data.assignedTo, at, event.id],
    );
  },
};
