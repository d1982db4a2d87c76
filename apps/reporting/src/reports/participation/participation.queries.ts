import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { fiscalYearRange } from '@tsunagu/util-japanese-calendar';
import { UNDISCLOSED_DISTRICT } from '../../shared/districts';
import { liveTable as t } from '../../shared/live-projections';
import { measureCounts, type MeasureCount } from '../../shared/measure-report';

/** 参加支援 from the need, match, follow-up and menu-gap projections. */
@Injectable()
export class ParticipationQueries {
  constructor(private readonly em: EntityManager) {}

  /**
   * 参加支援 per 年度. A need is one person (the projection keeps no person id): persons supported are the needs
   * registered in the 年度 or with a match open during it; cooperating hosts are the organisations where a
   * participation started or continued (参加開始 / 定着) during the 年度.
   */
  async participation(municipality: string, fiscalYear: number): Promise<MeasureCount[]> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const match = `${t('participation_match')} where municipality = ?`;
    const openDuring = `proposed_on <= ?::date and (ended_on is null or ended_on >= ?::date)`;
    const rows = await measureCounts(
      this.em,
      `select 'needs-registered' as measure, purpose as code, count(*) as count from ${t('participation_need')} cross join lateral unnest(purposes) as purpose
         where municipality = ? and registered_on between ?::date and ?::date group by 2
       union all select 'persons-supported', null, count(*) from (
         select need_id from ${t('participation_need')} where municipality = ? and registered_on between ?::date and ?::date
         union select need_id from ${match} and ${openDuring}) supported
       union all select 'cooperating-hosts', null, count(distinct host_organization_id) from ${match} and started_on <= ?::date and (ended_on is null or ended_on >= ?::date)
       union all select 'matches-proposed', purpose, count(*) from ${match} and proposed_on between ?::date and ?::date group by 2
       union all select 'matches-started', purpose, count(*) from ${match} and started_on between ?::date and ?::date group by 2
       union all select 'matches-settled', null, count(*) from ${match} and settled_on between ?::date and ?::date
       union all select 'matches-ended', end_reason, count(*) from ${match} and ended_on between ?::date and ?::date group by 2
       union all select 'follow-ups', side, count(*) from ${t('participation_follow_up')} where municipality = ? and held_on between ?::date and ?::date group by 2
       union all select 'menu-gaps', constraint_code, count(*) from ${t('menu_gap')} cross join lateral unnest(failing_constraints) as constraint_code
         where municipality = ? and recorded_on between ?::date and ?::date group by 2
       union all select 'menu-gaps-by-district', case when district_withheld then '${UNDISCLOSED_DISTRICT}' else district_id::text end, count(*) from ${t('menu_gap')} where municipality = ? and recorded_on between ?::date and ?::date group by 2`,
      [municipality, start, end, municipality, start, end, municipality, end, start, municipality, end, start, ...[...Array(7)].flatMap(() => [municipality, start, end])],
    );
    return rows;
  }
}
