import {
  HouseholdRegistered,
  HouseholdUpdated,
  type HouseholdEventData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { type RecordProjector, type SqlRunner } from '../projection-sql';

/*
 * Intake households: the district (or that it is withheld), copied onto their consultations. No lock with the
 * consultations' events: both come through reporting__from__intake one at a time (ADR 0016), so each sees the
 * other's committed row, whichever comes first.
 */

export const householdProjector: RecordProjector = {
  events: [HouseholdRegistered, HouseholdUpdated],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
    const data = event.data as HouseholdEventData;
    await run(
      `insert into ${t('household')} as h (household_id, municipality, district_id, district_withheld, state_at, state_event_id) values (?, ?, ?, ?, ?, ?)
       on conflict (household_id) do update set district_id = excluded.district_id, district_withheld = excluded.district_withheld, state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (h.state_at, h.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      // A withheld district is never stored, even if an event carried one.
      [data.householdId, lg, data.districtWithheld ? null : data.districtId, data.districtWithheld ?? false, at, event.id],
    );
    // The consultations' copy of the district follows the household's latest state (see consultationDistrictDdl).
    await run(
      `update ${t('consultation')} c set district_id = h.district_id, district_withheld = h.district_withheld from ${t('household')} h
       where h.household_id = ? and c.household_id = h.household_id and (c.district_id is distinct from h.district_id or c.district_withheld <> h.district_withheld)`,
      [data.householdId],
    );
  },
};
