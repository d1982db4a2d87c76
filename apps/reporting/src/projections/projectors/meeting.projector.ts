import {
  MeetingCancelled,
  MeetingHeld,
  MeetingMinutesFinalised,
  MeetingScheduled,
  MeetingUpdated,
  type MeetingEventData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { pgArray } from '@tsunagu/platform-persistence';
import { type RecordProjector, type SqlRunner } from '../projection-sql';

/* 支援会議 and 重層的支援会議: type, status, day and the cases discussed. */
export const meetingProjector: RecordProjector = {
  events: [MeetingScheduled, MeetingUpdated, MeetingHeld, MeetingMinutesFinalised, MeetingCancelled],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
    const data = event.data as MeetingEventData;
    await run(
      `insert into ${t('meeting')} as m (meeting_id, municipality, legal_type, status, convener_organization_id, held_on, case_ids, state_at, state_event_id)
       values (?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?)
       on conflict (meeting_id) do update set legal_type = excluded.legal_type, status = excluded.status, convener_organization_id = excluded.convener_organization_id,
         held_on = excluded.held_on, case_ids = excluded.case_ids, state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (m.state_at, m.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.meetingId, lg, data.legalType, data.status, data.convenerOrganizationId, data.heldOn, pgArray(data.caseIds), at, event.id],
    );
  },
};
