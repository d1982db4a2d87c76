import type { CloudEvent, EventContract } from '@tsunagu/contracts';
import type { RecordProjector, SqlRunner } from './projection-sql';
import { caseProjector } from './projectors/case.projector';
import { coordinatorProjector, councilMeetingProjector, councilProjector } from './projectors/community-work.projectors';
import { consultationProjector } from './projectors/consultation.projector';
import { districtProjector } from './projectors/district.projector';
import { hostProjector } from './projectors/host.projector';
import { householdProjector } from './projectors/household.projector';
import { followUpProjector, matchProjector } from './projectors/match.projector';
import { meetingProjector } from './projectors/meeting.projector';
import { menuGapProjector } from './projectors/menu-gap.projector';
import { needDistrictWithheldProjector, needProjector } from './projectors/need.projector';
import { outreachProjector } from './projectors/outreach.projector';
import { planProjector } from './projectors/plan.projector';
import { evaluationProjector, mandatoryReportProjector, progressNoteProjector } from './projectors/record-count.projectors';
import { referralProjector } from './projectors/referral.projector';
import { resourceProjector } from './projectors/resource.projector';

export type { SqlRunner } from './projection-sql';

/** One projector per record type, by source service: registry, intake, outreach, matching. */
const PROJECTORS: readonly RecordProjector[] = [
  resourceProjector,
  districtProjector,
  councilProjector,
  councilMeetingProjector,
  coordinatorProjector,
  householdProjector,
  consultationProjector,
  referralProjector,
  caseProjector,
  planProjector,
  meetingProjector,
  mandatoryReportProjector,
  evaluationProjector,
  progressNoteProjector,
  outreachProjector,
  needProjector,
  needDistrictWithheldProjector,
  hostProjector,
  matchProjector,
  followUpProjector,
  menuGapProjector,
];

/** Events the projections are built from; each source service's come through one durable (`reporting__from__<source>`, ADR 0016). */
export const PROJECTED_EVENTS: readonly EventContract[] = PROJECTORS.flatMap((projector) => projector.events);

const bySubject = new Map(PROJECTORS.flatMap((projector) => projector.events.map((contract) => [contract.subject, { contract, projector }] as const)));

/**
 * Applies one event to a projection set (schema): records its id, then hands it to the projector of its record type.
 * Idempotent — the set records every applied event id and skips repeats: the rebuild has no inbox, and the stream can
 * hold an event twice (re-published after the duplicate window). Independent of the order of one record's events: they
 * are handled in stream order (ADR 0016), but the relay may publish them out of the order they were written in (a
 * failed publish retried after later rows, replicas side by side) and a dead letter may be replayed later; so rows keep
 * the state of the latest event by (event time, event id), days of steps first-wins, and facts are kept per event
 * where reports need "as of a date".
 */
export async function applyEvent(run: SqlRunner, schema: string, subject: string, event: CloudEvent): Promise<boolean> {
  const route = bySubject.get(subject);
  if (!route) throw new Error(`reporting does not project ${subject}`);
  const t = (name: string) => `"${schema}"."${name}"`;
  const record = `insert into ${t('projected_event')} (event_id, municipality, subject, occurred_at) values (?, ?, ?, ?)`;
  const values = [event.id, event.municipality, subject, event.time];
  if (await run.ridesWithCommit()) {
    // Live, the consumer's inbox has let only a new event through; a repeat it cannot see (one the rebuild projected
    // before its swap) fails the COMMIT on projected_event's key, and the transport takes the batch again with each
    // event's statements sent at once — the check below then skips it. One round trip fewer per event (issue 14).
    await run.atCommit(record, values);
  } else if ((await run(`${record} on conflict do nothing`, values)) === 0) {
    return false;
  }
  await route.projector.apply(run, t, route.contract, event);
  return true;
}
