import {
  PlanActivated,
  PlanApproved,
  PlanDrafted,
  PlanSubmitted,
  PlanSuperseded,
  PlanUpdated,
  type PlanEventData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { startOfJapanDate, type RecordProjector, type SqlRunner } from '../projection-sql';

/* Support plans: the latest state and the days they were drafted and approved. */
export const planProjector: RecordProjector = {
  events: [PlanDrafted, PlanUpdated, PlanSubmitted, PlanApproved, PlanActivated, PlanSuperseded],
  async apply(run: SqlRunner, t: (name: string) => string, contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
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
  },
};
