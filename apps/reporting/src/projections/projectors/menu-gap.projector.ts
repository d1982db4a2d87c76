import {
  MenuGapRecorded,
  type MenuGapEventData,
  type CloudEvent,
  type EventContract,
} from '@tsunagu/contracts';
import { pgArray } from '@tsunagu/platform-persistence';
import { withheldDistrict, type RecordProjector, type SqlRunner } from '../projection-sql';

/* メニュー不足: the gaps matching recorded, without the district of a need whose district is withheld. */
export const menuGapProjector: RecordProjector = {
  events: [MenuGapRecorded],
  async apply(run: SqlRunner, t: (name: string) => string, _contract: EventContract, event: CloudEvent): Promise<void> {
    const lg = event.municipality;
    const data = event.data as MenuGapEventData;
    await run(
      // A gap of a need whose district was withheld (in either order) keeps none either.
      `insert into ${t('menu_gap')} (gap_id, municipality, need_id, district_id, district_withheld, purposes, failing_constraints, recorded_on)
       select ?, ?, ?, case when w.withheld then null else ?::uuid end, ? or w.withheld, ?::text[], ?::text[], ?
       from (select exists (select 1 from ${t('participation_need')} where need_id = ? and district_withheld) as withheld) as w
       on conflict do nothing`,
      [data.gapId, lg, data.needId, withheldDistrict(data), data.districtWithheld ?? false, pgArray(data.purposes), pgArray(data.failingConstraints), data.recordedOn, data.needId],
    );
  },
};
