import {
  ReferralAccepted,
  ReferralCompleted,
  ReferralDeclined,
  ReferralFailed,
  ReferralRequested,
  type ReferralEventData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { startOfJapanDate, type RecordProjector, type SqlRunner } from '../projection-sql';

/* つなぎ: referrals with the time of each transition. */
export const referralProjector: RecordProjector = {
  events: [ReferralRequested, ReferralAccepted, ReferralDeclined, ReferralCompleted, ReferralFailed],
  async apply(run: SqlRunner, t: (name: string) => string, contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
    const data = event.data as ReferralEventData;
    const stamp = {
      [ReferralRequested.subject]: 'requested_at',
      [ReferralAccepted.subject]: 'accepted_at',
      [ReferralDeclined.subject]: 'declined_at',
      [ReferralCompleted.subject]: 'completed_at',
      [ReferralFailed.subject]: 'failed_at',
    }[contract.subject] as string;
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
      (contract === ReferralRequested ? startOfJapanDate(data.referredOn) : contract === ReferralCompleted ? startOfJapanDate(data.firstContactOn) : null) ?? at;
    await run(`update ${t('referral')} set ${stamp} = least(coalesce(${stamp}, ?::timestamptz), ?::timestamptz) where referral_id = ?`, [when, when, data.referralId]);
  },
};
