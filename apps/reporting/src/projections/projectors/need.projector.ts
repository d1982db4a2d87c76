import {
  NeedDistrictWithheld,
  NeedRegistered,
  NeedStatusChanged,
  type NeedDistrictWithheldData,
  type NeedEventData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { pgArray } from '@tsunagu/platform-persistence';
import { type RecordProjector, type SqlRunner } from '../projection-sql';

/* 参加支援 needs: the latest state, and the district withheld once a protection reached matching. */
export const needProjector: RecordProjector = {
  events: [NeedRegistered, NeedStatusChanged],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
    const data = event.data as NeedEventData;
    await run(
      `insert into ${t('participation_need')} as n (need_id, municipality, case_id, district_id, purposes, status, registered_on, pseudonym, state_at, state_event_id) values (?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?)
       on conflict (need_id) do update set case_id = excluded.case_id, district_id = case when n.district_withheld then null else excluded.district_id end, purposes = excluded.purposes, status = excluded.status,
         registered_on = excluded.registered_on, pseudonym = coalesce(excluded.pseudonym, n.pseudonym), state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (n.state_at, n.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      // The person id is dropped: only the pseudonymous key is kept.
      [data.needId, lg, data.caseId, data.homeDistrictId, pgArray(data.purposes), data.status, data.registeredOn, data.personPseudonym ?? null, at, event.id],
    );
  },
};

export const needDistrictWithheldProjector: RecordProjector = {
  events: [NeedDistrictWithheld],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    // Published when the person's DV address protection reached matching: the district copied before goes, from the
    // need and from its menu gaps, which then count in 「非公開」 (matching publishes later events without it).
    // It may come before need.registered (the relay can publish one record's events out of the order they were written
    // in, ADR 0016): then a placeholder row keeps the flag until the need's own event fills it in (its '-infinity' state
    // time loses to any real event), as outreach targets do.
    const data = event.data as NeedDistrictWithheldData;
    await run(
      `insert into ${t('participation_need')} (need_id, municipality, case_id, district_id, district_withheld, purposes, status, registered_on, state_at, state_event_id) values (?, ?, null, null, true, '{}', 'hearing', ?, '-infinity', ?)
       on conflict (need_id) do update set district_id = null, district_withheld = true`,
      [data.needId, lg, data.occurredOn, event.id],
    );
    await run(`update ${t('menu_gap')} set district_id = null, district_withheld = true where need_id = ?`, [data.needId]);
  },
};
