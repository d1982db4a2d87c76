import {
  DistrictRegistered,
  DistrictUpdated,
  type DistrictEventData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { type RecordProjector, type SqlRunner } from '../projection-sql';

/* Registry districts: 地区番号, island flag and public names. */
export const districtProjector: RecordProjector = {
  events: [DistrictRegistered, DistrictUpdated],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const at = event.time;
    const data = event.data as DistrictEventData;
    await run(
      `insert into ${t('district')} as d (district_id, municipality, sort_order, is_island, short_name, kana, state_at, state_event_id) values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (district_id) do update set sort_order = excluded.sort_order, is_island = excluded.is_island, short_name = excluded.short_name, kana = excluded.kana,
         state_at = excluded.state_at, state_event_id = excluded.state_event_id
       where (d.state_at, d.state_event_id) < (excluded.state_at, excluded.state_event_id)`,
      [data.districtId, lg, data.sortOrder, data.isIsland, data.shortName ?? null, data.kana ?? null, at, event.id],
    );
  },
};
