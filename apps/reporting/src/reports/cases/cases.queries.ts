import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { endOfJapanDay, fiscalYearRange } from '@tsunagu/util-japanese-calendar';
import { liveTable as t, queryProjections } from '../../shared/live-projections';

/** One count of the 多機関協働 report: a measure, optionally broken down by a code. */
export interface CaseMeasureCount {
  measure: 'cases-opened' | 'cases-support-decided' | 'cases-closed' | 'plans-drafted' | 'plans-approved' | 'meetings-held' | 'meeting-cases';
  code: string | null;
  count: number;
}

/** 多機関協働 from the case, plan and meeting projections. */
@Injectable()
export class CasesQueries {
  constructor(private readonly em: EntityManager) {}

  /**
   * 多機関協働 in a 年度: cases opened (by the track they opened on), support decisions (支援決定), closures by reason, plans
   * drafted (new vs revised versions) and approved, meetings held and the cases they discussed by legal
   * type — so 支援会議 (106条の6) and 重層的支援会議 are always counted apart.
   */
  async cases(municipality: string, fiscalYear: number): Promise<CaseMeasureCount[]> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const from = new Date(`${start}T00:00:00+09:00`).toISOString();
    const to = endOfJapanDay(end);
    const rows = await queryProjections<{
      measure: CaseMeasureCount['measure'];
      code: string | null;
      count: string;
    }>(
      this.em,
      `select 'cases-opened' as measure, opened_track as code, count(*) as count from ${t('multi_agency_case')} where municipality = ? and opened_at >= ? and opened_at < ? group by opened_track
       union all
       select 'cases-support-decided', null, count(*) from ${t('multi_agency_case')} where municipality = ? and support_decided_on between ?::date and ?::date
       union all
       select 'cases-closed', coalesce(closure_reason, 'other'), count(*) from ${t('multi_agency_case')} where municipality = ? and closed_at >= ? and closed_at < ? group by 2
       union all
       select 'plans-drafted', case when plan_version = 1 then 'new' else 'revision' end, count(*) from ${t('support_plan')} where municipality = ? and drafted_at >= ? and drafted_at < ? group by 2
       union all
       select 'plans-approved', null, count(*) from ${t('support_plan')} where municipality = ? and approved_at >= ? and approved_at < ?
       union all
       select 'meetings-held', legal_type, count(*) from ${t('meeting')} where municipality = ? and status in ('held', 'finalised') and held_on between ?::date and ?::date group by legal_type
       union all
       select 'meeting-cases', legal_type, count(distinct case_id) from ${t('meeting')} cross join lateral unnest(case_ids) as case_id
         where municipality = ? and status in ('held', 'finalised') and held_on between ?::date and ?::date group by legal_type`,
      [municipality, from, to, municipality, start, end, municipality, from, to, municipality, from, to, municipality, from, to, municipality, start, end, municipality, start, end],
    );
    return rows.map((row) => ({
      measure: row.measure,
      code: row.code,
      count: Number(row.count),
    }));
  }
}
