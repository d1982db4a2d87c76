import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { japaneseHolidaysBetween, endOfJapanDay, fiscalYearRange } from '@tsunagu/util-japanese-calendar';
import { LIVE_SCHEMA } from '../projections/projection-schema';
import type { IndicatorMeasure } from '../indicators/indicator.entity';

const t = (name: string) => `"${LIVE_SCHEMA}"."${name}"`;

export interface MutualAidDistrictRow {
  districtId: string;
  /** sortOrder of DistrictRegistered: the municipality's own district numbering. */
  districtNo: number | null;
  /** 地区名 (public place name); null for districts whose events predate the names. */
  districtName: string | null;
  districtKana: string | null;
  visitTypeB: boolean;
  dayTypeB: boolean;
  other: boolean;
}

/**
 * Code of the by-district row of households whose district intake withholds (a member under DV address
 * protection): counted there, never under a district.
 */
export const UNDISCLOSED_DISTRICT = 'undisclosed';
export const UNDISCLOSED_DISTRICT_LABEL = '非公開';

export type ConsultationDimension = 'total' | 'route' | 'category' | 'issue-tag' | 'district' | 'receiving-organization';

export interface MonthlyCount {
  month: string;
  code: string | null;
  count: number;
}

export interface ReferralFigures {
  byStatus: Record<string, number>;
  requested: number;
  accepted: number;
  declined: number;
  medianBusinessDaysToFirstContact: number | null;
  overdue: {
    referralId: string;
    consultationId: string;
    toOrganizationId: string;
    status: string;
    followUpDue: string;
  }[];
}

/** One count of the 多機関協働 report: a measure, optionally broken down by a code. */
export interface CaseMeasureCount {
  measure: 'cases-opened' | 'cases-support-decided' | 'cases-closed' | 'plans-drafted' | 'plans-approved' | 'meetings-held' | 'meeting-cases';
  code: string | null;
  count: number;
}

/** One count of a measure report (outreach, participation), optionally broken down by a code or a district id. */
export interface MeasureCount {
  measure: string;
  code: string | null;
  count: number;
}

/**
 * Read side over the live projections. Every query takes the caller's municipality explicitly: the
 * projection tables are shared by all tenants and written by system work, not through the tenant filter.
 */
@Injectable()
export class ReportQueries {
  constructor(private readonly em: EntityManager) {}

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(sql, params, 'all');
  }

  /** Districts × (訪問B, 通所B, その他) from resources that were active and public at the end of `asOf` (Japan time). */
  async mutualAid(municipality: string, asOf: string): Promise<MutualAidDistrictRow[]> {
    const rows = await this.query<{
      district_id: string;
      sort_order: number | null;
      short_name: string | null;
      kana: string | null;
      visit_b: boolean;
      day_b: boolean;
      other: boolean;
    }>(
      `with latest as (
         select distinct on (resource_id) resource_id, status, category, insurance_scheme, public, district_ids
         from ${t('resource_fact')} where municipality = ? and occurred_at < ?
         order by resource_id, occurred_at desc, event_id desc),
       running as (
         select unnest(district_ids) as district_id,
           category = 'visit-type-b' as visit_b,
           category = 'day-type-b' as day_b,
           insurance_scheme = 'non-insurance' and category not in ('visit-type-b', 'day-type-b') as other
         from latest where status = 'active' and public),
       per_district as (
         select district_id, bool_or(visit_b) as visit_b, bool_or(day_b) as day_b, bool_or(other) as other from running group by district_id)
       select coalesce(d.district_id, p.district_id) as district_id, d.sort_order, d.short_name, d.kana,
         coalesce(p.visit_b, false) as visit_b, coalesce(p.day_b, false) as day_b, coalesce(p.other, false) as other
       from (select * from ${t('district')} where municipality = ?) d full join per_district p on p.district_id = d.district_id
       order by d.sort_order nulls last, 1`,
      [municipality, endOfJapanDay(asOf), municipality],
    );
    return rows.map((row) => ({
      districtId: row.district_id,
      districtNo: row.sort_order,
      districtName: row.short_name,
      districtKana: row.kana,
      visitTypeB: row.visit_b,
      dayTypeB: row.day_b,
      other: row.other,
    }));
  }

  /** 地区番号 and 地区名 of every district of a municipality, by id (labels for the district breakdowns). */
  async districts(municipality: string): Promise<Map<string, { districtNo: number; districtName: string | null }>> {
    const rows = await this.query<{
      district_id: string;
      sort_order: number;
      short_name: string | null;
    }>(`select district_id, sort_order, short_name from ${t('district')} where municipality = ?`, [municipality]);
    return new Map(rows.map((row) => [row.district_id, { districtNo: row.sort_order, districtName: row.short_name }]));
  }

  /** New consultations (受付, excluding 取消) of a 年度 per month, broken down by one dimension. */
  async consultations(municipality: string, fiscalYear: number, dimension: ConsultationDimension): Promise<MonthlyCount[]> {
    const scope = `c.municipality = ? and c.fiscal_year = ? and c.received_on is not null and not c.cancelled`;
    // Group by day and the raw column first, format months and codes only for the few thousand groups:
    // to_char and uuid→text on each of 1,000,000 rows cost more than the grouping itself. Issue tags are
    // grouped by tag set before unnesting (few distinct sets) rather than unnesting every consultation.
    const column = {
      total: 'null::text',
      route: 'c.route',
      category: 'c.primary_category',
      'issue-tag': 'c.issue_tags',
      // The household's district, copied onto the consultation by the projector (no join).
      district: 'c.district_id',
      'receiving-organization': 'c.receiving_organization_id',
    }[dimension];
    const code = dimension === 'issue-tag' ? 'tag' : dimension === 'district' ? `case when g.withheld then '${UNDISCLOSED_DISTRICT}' else g.code::text end` : 'g.code::text';
    // A household whose district intake withholds (DV address protection) is counted in the 「非公開」 row.
    const withheld = dimension === 'district' ? 'c.district_withheld' : 'false';
    const sql = `select to_char(g.day, 'YYYY-MM') as month, ${code} as code, sum(g.n) as count
       from (select c.received_on as day, ${column} as code, ${withheld} as withheld, count(*) as n from ${t('consultation')} c where ${scope} group by 1, 2, 3) as g
       ${dimension === 'issue-tag' ? 'cross join lateral unnest(g.code) as tag' : ''}
       group by 1, 2 order by 1, 2 nulls last`;
    const rows = await this.query<{
      month: string;
      code: string | null;
      count: string;
    }>(sql, [municipality, fiscalYear]);
    return rows.map((row) => ({
      month: row.month,
      code: row.code,
      count: Number(row.count),
    }));
  }

  /**
   * Referrals requested in a 年度: statuses, acceptance, business days to first contact, overdue follow-ups.
   * Business days are counted as intake counts them for the follow-up due date (util-japanese-calendar):
   * weekdays except 国民の祝日・振替休日, whose dates go into the query as a parameter.
   */
  async referrals(municipality: string, fiscalYear: number, today: string): Promise<ReferralFigures> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const params = [municipality, new Date(`${start}T00:00:00+09:00`).toISOString(), endOfJapanDay(end)];
    const scope = `municipality = ? and requested_at >= ? and requested_at < ?`;
    const statuses = await this.query<{ status: string; count: string }>(`select status, count(*) as count from ${t('referral')} where ${scope} group by status`, params);
    const [summary] = await this.query<{
      requested: string;
      accepted: string;
      declined: string;
      median: string | null;
    }>(
      // Business days from request to first contact = business days up to the contact day minus those up to the request day,
      // read from one running count over the calendar (a series per referral took 0.3 s of the report at 200,000 referrals).
      `with completed as (select (requested_at at time zone 'Asia/Tokyo')::date as requested_on, (completed_at at time zone 'Asia/Tokyo')::date as completed_on
         from ${t('referral')} where ${scope} and completed_at is not null),
       calendar as (select day::date as day, count(*) filter (where extract(isodow from day) < 6 and day::date <> all(?::date[])) over (order by day) as business_days
         from generate_series((select min(requested_on) from completed), (select max(completed_on) from completed), interval '1 day') as day)
       select count(*) as requested,
         count(*) filter (where accepted_at is not null or completed_at is not null) as accepted,
         count(*) filter (where declined_at is not null and accepted_at is null and completed_at is null) as declined,
         (select percentile_cont(0.5) within group (order by greatest(0, coalesce(contacted.business_days, 0) - coalesce(requested.business_days, 0)))
          from completed c left join calendar requested on requested.day = c.requested_on left join calendar contacted on contacted.day = c.completed_on) as median
       from ${t('referral')} where ${scope}`,
      // A referral requested in the 年度 may be completed after it: holidays up to a year past its end.
      [...params, `{${japaneseHolidaysBetween(start, `${fiscalYear + 2}-03-31`).join(',')}}`, ...params],
    );
    const overdue = await this.query<{
      referral_id: string;
      consultation_id: string;
      to_organization_id: string;
      status: string;
      follow_up_due: string;
    }>(
      `select referral_id, consultation_id, to_organization_id, status, to_char(follow_up_due, 'YYYY-MM-DD') as follow_up_due from ${t('referral')}
       where ${scope} and status in ('requested', 'accepted') and follow_up_due < ? order by follow_up_due, referral_id limit 1000`,
      [...params, today],
    );
    return {
      byStatus: Object.fromEntries(statuses.map((row) => [row.status, Number(row.count)])),
      requested: Number(summary.requested),
      accepted: Number(summary.accepted),
      declined: Number(summary.declined),
      medianBusinessDaysToFirstContact: summary.median === null ? null : Number(summary.median),
      overdue: overdue.map((row) => ({
        referralId: row.referral_id,
        consultationId: row.consultation_id,
        toOrganizationId: row.to_organization_id,
        status: row.status,
        followUpDue: row.follow_up_due,
      })),
    };
  }

  /**
   * 多機関協働 in a 年度: cases opened (by the track they opened on), support decisions (支援決定), closures by reason, plans
   * drafted (new vs revised versions) and approved, meetings held and the cases they discussed by legal
   * type — so 支援会議 (106条の6) and 重層的支援会議 are always counted apart.
   */
  async cases(municipality: string, fiscalYear: number): Promise<CaseMeasureCount[]> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const from = new Date(`${start}T00:00:00+09:00`).toISOString();
    const to = endOfJapanDay(end);
    const rows = await this.query<{
      measure: CaseMeasureCount['measure'];
      code: string | null;
      count: string;
    }>(
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

  /**
   * Actual of every indicator measure in a 年度, from the same projections as the reports (so a target is
   * judged against the figures the reports show). Districts are counted at the end of the 年度, or `asOf`
   * while the 年度 is still running.
   */
  async indicatorActuals(municipality: string, fiscalYear: number, asOf: string): Promise<Record<IndicatorMeasure, number>> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const from = new Date(`${start}T00:00:00+09:00`).toISOString();
    const to = endOfJapanDay(end);
    const [row] = await this.query<Record<string, string>>(
      `select
         (select count(*) from ${t('consultation')} where municipality = ? and fiscal_year = ? and received_on is not null and not cancelled) as new_consultations,
         (select count(*) from ${t('referral')} where municipality = ? and requested_at >= ? and requested_at < ?) as referrals_requested,
         (select count(*) from ${t('referral')} where municipality = ? and completed_at >= ? and completed_at < ?) as referrals_completed,
         (select count(*) from ${t('multi_agency_case')} where municipality = ? and opened_at >= ? and opened_at < ?) as cases_opened,
         (select count(*) from ${t('multi_agency_case')} where municipality = ? and support_decided_on between ?::date and ?::date) as cases_support_decided,
         (select count(*) from ${t('meeting')} where municipality = ? and legal_type = 'support-meeting-106-6' and status in ('held', 'finalised') and held_on between ?::date and ?::date) as support_meetings_held,
         (select count(*) from ${t('meeting')} where municipality = ? and legal_type = 'jusou-meeting' and status in ('held', 'finalised') and held_on between ?::date and ?::date) as jusou_meetings_held,
         (select count(*) from ${t('mandatory_report')} where municipality = ? and raised_on between ?::date and ?::date) as mandatory_reports_raised,
         (select count(*) from ${t('mandatory_report')} where municipality = ? and status = 'reported' and decided_on between ?::date and ?::date) as mandatory_reports_made,
         (select count(*) from ${t('evaluation')} where municipality = ? and evaluated_on between ?::date and ?::date) as evaluations_recorded,
         (select count(*) from ${t('progress_record')} where municipality = ? and recorded_on between ?::date and ?::date) as progress_notes_recorded,
         (select count(*) from ${t('council_meeting')} where municipality = ? and held_on between ?::date and ?::date) as council_meetings_held,
         (select count(*) from ${t('coordinator')} where municipality = ? and assigned_from <= ?::date and (assigned_to is null or assigned_to >= ?::date)) as coordinators_in_post`,
      [
        ...[municipality, fiscalYear, municipality, from, to, municipality, from, to, municipality, from, to, municipality, start, end, municipality, start, end, municipality, start, end],
        ...[municipality, start, end, municipality, start, end, municipality, start, end, municipality, start, end],
        // Coordinators in post at the 年度's end, or today while it runs (as the mutual-aid districts).
        ...[municipality, start, end, municipality, asOf < end ? asOf : end, asOf < end ? asOf : end],
      ],
    );
    const districts = await this.mutualAid(municipality, asOf < end ? asOf : end);
    // The アウトリーチ and 参加支援 actuals are the very figures of their reports.
    const [outreach, participation] = await Promise.all([this.outreach(municipality, fiscalYear), this.participation(municipality, fiscalYear)]);
    const total = (counts: MeasureCount[], measure: string) => counts.filter((count) => count.measure === measure).reduce((sum, count) => sum + count.count, 0);
    return {
      'new-consultations': Number(row.new_consultations),
      'referrals-requested': Number(row.referrals_requested),
      'referrals-completed': Number(row.referrals_completed),
      'cases-opened': Number(row.cases_opened),
      'cases-support-decided': Number(row.cases_support_decided),
      'support-meetings-held': Number(row.support_meetings_held),
      'jusou-meetings-held': Number(row.jusou_meetings_held),
      'mutual-aid-districts': districts.filter((district) => district.visitTypeB || district.dayTypeB || district.other).length,
      'outreach-targets-newly-connected': total(outreach, 'targets-newly-connected'),
      'outreach-contacts': total(outreach, 'contacts'),
      'participation-persons-supported': total(participation, 'persons-supported'),
      'participation-matches-started': total(participation, 'matches-started'),
      'participation-matches-settled': total(participation, 'matches-settled'),
      'mandatory-reports-raised': Number(row.mandatory_reports_raised),
      'mandatory-reports-made': Number(row.mandatory_reports_made),
      'evaluations-recorded': Number(row.evaluations_recorded),
      'progress-notes-recorded': Number(row.progress_notes_recorded),
      'council-meetings-held': Number(row.council_meetings_held),
      'coordinators-in-post': Number(row.coordinators_in_post),
    };
  }

  /** Public names of a municipality's districts, in its own order (labels of by-district measures). */
  async districtNames(municipality: string): Promise<{ districtId: string; districtNo: number; name: string | null }[]> {
    const rows = await this.query<{
      district_id: string;
      sort_order: number;
      short_name: string | null;
    }>(`select district_id, sort_order, short_name from ${t('district')} where municipality = ? order by sort_order, district_id`, [municipality]);
    return rows.map((row) => ({
      districtId: row.district_id,
      districtNo: row.sort_order,
      name: row.short_name,
    }));
  }

  /** アウトリーチ per 年度: targets found, contacts, newly connected, handed over, closed, inactivity alerts. */
  async outreach(municipality: string, fiscalYear: number): Promise<MeasureCount[]> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const target = `${t('outreach_target')} where municipality = ?`;
    const contact = `${t('outreach_contact')} where municipality = ? and contacted_on between ?::date and ?::date`;
    return this.measures(
      `select 'targets-registered' as measure, discovery_route as code, count(*) as count from ${target} and registered_on between ?::date and ?::date group by 2
       union all select 'targets-registered-by-district', case when district_withheld then '${UNDISCLOSED_DISTRICT}' else district_id::text end, count(*) from ${target} and registered_on between ?::date and ?::date group by 2
       union all select 'targets-registered-by-stage', stage, count(*) from ${target} and registered_on between ?::date and ?::date group by 2
       union all select 'contacts', result, count(*) from ${contact} group by 2
       union all select 'contacts-by-method', method, count(*) from ${contact} group by 2
       union all select 'targets-contacted', null, count(distinct target_id) from ${contact}
       union all select 'targets-contacted-successfully', null, count(distinct target_id) from ${contact} and successful
       union all select 'targets-newly-connected', null, count(*) from ${target} and connected_on between ?::date and ?::date
       union all select 'targets-handed-over', null, count(*) from ${target} and handed_over_on between ?::date and ?::date
       union all select 'targets-closed', close_reason, count(*) from ${target} and closed_on between ?::date and ?::date group by 2
       union all select 'inactivity-alerts', null, count(*) from ${t('outreach_alert')} where municipality = ? and raised_on between ?::date and ?::date`,
      [...Array(11)].flatMap(() => [municipality, start, end]),
    );
  }

  /**
   * 参加支援 per 年度. A need is one person (the projection keeps no person id): persons supported are the needs
   * registered in the 年度 or with a match open during it; cooperating hosts are the organisations where a
   * participation started or continued (参加開始 / 定着) during the 年度.
   */
  async participation(municipality: string, fiscalYear: number): Promise<MeasureCount[]> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const match = `${t('participation_match')} where municipality = ?`;
    const openDuring = `proposed_on <= ?::date and (ended_on is null or ended_on >= ?::date)`;
    const rows = await this.measures(
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

  private async measures(sql: string, params: unknown[]): Promise<MeasureCount[]> {
    const rows = await this.query<{
      measure: string;
      code: string | null;
      count: string;
    }>(sql, params);
    return rows
      .filter((row) => Number(row.count) > 0)
      .map((row) => ({
        measure: row.measure,
        code: row.code,
        count: Number(row.count),
      }));
  }
}
