import {
  CaseClosed,
  CaseOpened,
  CaseResumed,
  CaseStatusChanged,
  CaseSuspended,
  CaseTrackChanged,
  CoordinatorReleased,
  LeadAgencyAssigned,
  SupportDecisionMade,
  type CaseEventData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { pgArray } from '@tsunagu/platform-persistence';
import { startOfJapanDate, type RecordProjector, type SqlRunner } from '../projection-sql';

/* 多機関協働 cases: the latest state and the days they opened and closed. */
export const caseProjector: RecordProjector = {
  events: [CaseOpened, CaseStatusChanged, CaseTrackChanged, SupportDecisionMade, LeadAgencyAssigned, CoordinatorReleased, CaseSuspended, CaseResumed, CaseClosed],
  async apply(run: SqlRunner, t: (name: string) => string, contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
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
  },
};
