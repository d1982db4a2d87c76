import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { endOfJapanDay, fiscalYearMonths, fiscalYearRange } from '@tsunagu/util-japanese-calendar';
import { liveTable as t } from '../../shared/live-projections';

/** One count of a measure (and a code: a field, a district, an organisation) in one month `YYYY-MM`, or in the whole 年度 (month null). */
export interface MonthCount {
  measure: string;
  code: string | null;
  month: string | null;
  count: number;
}

/** Code of consultations whose 事業 attribution predates the projection of it (events before issue 17); the tally triggers write it (consultationTallyDdl). */
export const UNATTRIBUTED = 'unattributed';

/**
 * The counts behind the per-事業 report (issue 17), straight from the live projections. 年度 figures of distinct
 * persons (実人数) come from the database as their own rows (month null): they are not the sum of the months.
 * Consultations are placed by their receipt day; everything else by the Japan date of its step.
 */
@Injectable()
export class JigyoQueries {
  constructor(private readonly em: EntityManager) {}

  private async counts(sql: string, params: unknown[]): Promise<MonthCount[]> {
    const rows: { measure: string; code: string | null; month: string | null; count: string }[] = await this.em.getConnection().execute(sql, params, 'all');
    return rows.map((row) => ({ measure: row.measure, code: row.code, month: row.month, count: Number(row.count) }));
  }

  /**
   * 第1号 包括的相談支援: consultations (延べ) by 事業 field, district and receiving organisation per month; 実人数 by field per
   * month and for the 年度 (distinct pseudonyms; consultations naming no person are counted apart as `unidentified`).
   * Read from the tallies the triggers on `consultation` keep (consultationTallyDdl, ADR 0017): a few thousand rows
   * where counting from the consultations took 5.3 s at 1,000,000; 実人数 are the tallied distinct keys, never a sum.
   */
  async comprehensive(municipality: string, fiscalYear: number): Promise<MonthCount[]> {
    return this.counts(
      `with tally as (select * from ${t('consultation_tally')} where municipality = ? and fiscal_year = ?)
       select 'consultations' as measure, jigyo_field as code, counted_month as month, sum(consultations) as count from tally group by 2, 3
       union all select 'consultations-by-district', district_code, counted_month, sum(consultations) from tally group by 2, 3
       union all select 'consultations-by-organization', receiving_organization_id::text, counted_month, sum(consultations) from tally group by 2, 3
       union all select 'unidentified', null, counted_month, sum(unidentified) from tally group by 3
       union all select 'persons', nullif(jigyo_field, ''), nullif(counted_month, ''), headcount from ${t('consultation_headcount')} where municipality = ? and fiscal_year = ?`,
      [municipality, fiscalYear, municipality, fiscalYear],
    );
  }

  /** 多機関協働: cases opened and closed, plans made (first versions) and revised, 重層的支援会議 and 支援会議 held, per month. */
  async multiAgency(municipality: string, fiscalYear: number): Promise<MonthCount[]> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const from = new Date(`${start}T00:00:00+09:00`).toISOString();
    const to = endOfJapanDay(end);
    const month = (column: string) => `to_char(${column} at time zone 'Asia/Tokyo', 'YYYY-MM')`;
    return this.counts(
      `select 'cases-opened' as measure, null as code, ${month('opened_at')} as month, count(*) as count from ${t('multi_agency_case')} where municipality = ? and opened_at >= ? and opened_at < ? group by 3
       union all select 'cases-closed', null, ${month('closed_at')}, count(*) from ${t('multi_agency_case')} where municipality = ? and closed_at >= ? and closed_at < ? group by 3
       union all select case when plan_version = 1 then 'plans-made' else 'plans-revised' end, null, ${month('drafted_at')}, count(*) from ${t('support_plan')}
         where municipality = ? and drafted_at >= ? and drafted_at < ? group by 1, 3
       union all select case when legal_type = 'jusou-meeting' then 'jusou-meetings-held' else 'support-meetings-held' end, null, to_char(held_on, 'YYYY-MM'), count(*) from ${t('meeting')}
         where municipality = ? and legal_type in ('jusou-meeting', 'support-meeting-106-6') and status in ('held', 'finalised') and held_on between ?::date and ?::date group by 1, 3`,
      [municipality, from, to, municipality, from, to, municipality, from, to, municipality, start, end],
    );
  }

  /** アウトリーチ: targets found, contacts (延べ), targets contacted (実人数, per month and 年度), newly connected, handed over. */
  async outreach(municipality: string, fiscalYear: number): Promise<MonthCount[]> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const target = `${t('outreach_target')} where municipality = ?`;
    return this.counts(
      `select 'targets-registered' as measure, null as code, to_char(registered_on, 'YYYY-MM') as month, count(*) as count from ${target} and registered_on between ?::date and ?::date group by 3
       union all select 'contacts', null, to_char(contacted_on, 'YYYY-MM'), count(*) from ${t('outreach_contact')} where municipality = ? and contacted_on between ?::date and ?::date group by 3
       union all select 'targets-contacted', null, month, count(distinct target_id) from (
           select to_char(contacted_on, 'YYYY-MM') as month, target_id from ${t('outreach_contact')} where municipality = ? and contacted_on between ?::date and ?::date) c
         group by grouping sets ((month), ())
       union all select 'targets-newly-connected', null, to_char(connected_on, 'YYYY-MM'), count(*) from ${target} and connected_on between ?::date and ?::date group by 3
       union all select 'targets-handed-over', null, to_char(handed_over_on, 'YYYY-MM'), count(*) from ${target} and handed_over_on between ?::date and ?::date group by 3`,
      [...Array(5)].flatMap(() => [municipality, start, end]),
    );
  }

  /**
   * 参加支援: needs heard, matches started and settled per month; for the 年度, persons supported (実人数: distinct pseudonyms
   * of needs heard in the 年度 or with a match open during it — a need without a pseudonym counts as one person) and
   * cooperating hosts (organisations where a participation started or continued during the 年度).
   */
  async participation(municipality: string, fiscalYear: number): Promise<MonthCount[]> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const match = `${t('participation_match')} where municipality = ?`;
    return this.counts(
      `select 'needs-registered' as measure, null as code, to_char(registered_on, 'YYYY-MM') as month, count(*) as count from ${t('participation_need')}
         where municipality = ? and registered_on between ?::date and ?::date group by 3
       union all select 'matches-started', null, to_char(started_on, 'YYYY-MM'), count(*) from ${match} and started_on between ?::date and ?::date group by 3
       union all select 'matches-settled', null, to_char(settled_on, 'YYYY-MM'), count(*) from ${match} and settled_on between ?::date and ?::date group by 3
       union all select 'persons-supported', null, null, count(distinct coalesce(n.pseudonym, n.need_id::text)) from ${t('participation_need')} n
         where n.municipality = ? and (n.registered_on between ?::date and ?::date
           or n.need_id in (select need_id from ${match} and proposed_on <= ?::date and (ended_on is null or ended_on >= ?::date)))
       union all select 'cooperating-hosts', null, null, count(distinct host_organization_id) from ${match} and started_on <= ?::date and (ended_on is null or ended_on >= ?::date)`,
      [municipality, start, end, municipality, start, end, municipality, start, end, municipality, start, end, municipality, end, start, municipality, end, start],
    );
  }

  /**
   * 地域づくり: community resources active and public at the end of the 年度 (or `asOf` while it runs), by type, and the
   * districts they cover; 協議体 meetings held per month by layer (第1層 / 第2層 = 地域福祉ネットワーク会議); 生活支援コーディネーター
   * in post at the same day, by layer.
   */
  async community(municipality: string, fiscalYear: number, asOf: string): Promise<MonthCount[]> {
    const { start, end } = fiscalYearRange(fiscalYear);
    return this.counts(
      `with latest as (
         select distinct on (resource_id) resource_id, status, category, public, district_ids from ${t('resource_fact')}
         where municipality = ? and occurred_at < ? order by resource_id, occurred_at desc, event_id desc),
       active as (select * from latest where status = 'active' and public)
       select 'resources' as measure, category as code, null as month, count(*) as count from active group by 2
       union all select 'resource-districts', null, null, count(distinct district_id) from active cross join lateral unnest(district_ids) as district_id
       union all select 'council-meetings', c.layer::text, to_char(m.held_on, 'YYYY-MM'), count(*) from ${t('council_meeting')} m join ${t('council')} c on c.council_id = m.council_id
         where m.municipality = ? and m.held_on between ?::date and ?::date group by 2, 3
       union all select 'coordinators', layer::text, null, count(*) from ${t('coordinator')}
         where municipality = ? and assigned_from <= ?::date and (assigned_to is null or assigned_to >= ?::date) group by 2`,
      [municipality, endOfJapanDay(asOf), municipality, start, end, municipality, asOf, asOf],
    );
  }

  /** The 12 months of the 年度, `YYYY-MM` (column order of every monthly table). */
  months(fiscalYear: number): string[] {
    return fiscalYearMonths(fiscalYear);
  }
}
