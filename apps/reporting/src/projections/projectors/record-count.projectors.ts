import {
  EvaluationRecorded,
  MandatoryReportDecided,
  MandatoryReportRaised,
  ProgressNoted,
  type EvaluationEventData,
  type MandatoryReportEventData,
  type ProgressNoteEventData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { japanDate, type RecordProjector, type SqlRunner } from '../projection-sql';

/* Counted only (issue 17): 通報 records, plan evaluations and progress notes — codes and days, no content. */
export const mandatoryReportProjector: RecordProjector = {
  events: [MandatoryReportRaised, MandatoryReportDecided],
  async apply(run: SqlRunner, t: (name: string) => string, contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
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
  },
};

export const evaluationProjector: RecordProjector = {
  events: [EvaluationRecorded],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const data = event.data as EvaluationEventData;
    await run(`insert into ${t('evaluation')} (evaluation_id, municipality, decision, evaluated_on) values (?, ?, ?, ?) on conflict do nothing`, [data.evaluationId, lg, data.decision, data.evaluatedOn]);
  },
};

export const progressNoteProjector: RecordProjector = {
  events: [ProgressNoted],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
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
  },
};
