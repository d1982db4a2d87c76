import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { endOfJapanDay, fiscalYearRange } from '@tsunagu/util-japanese-calendar';
import type { IndicatorMeasure } from '../../indicators/indicator.entity';
import { liveTable as t, queryProjections } from '../../shared/live-projections';
import type { MeasureCount } from '../../shared/measure-report';
import { MutualAidQueries } from '../mutual-aid/mutual-aid.queries';
import { OutreachQueries } from '../outreach/outreach.queries';
import { ParticipationQueries } from '../participation/participation.queries';

/** The actuals of the indicator measures, from the projections and the reports' own queries. */
@Injectable()
export class IndicatorActualsQueries {
  constructor(
    private readonly em: EntityManager,
    private readonly mutualAid: MutualAidQueries,
    private readonly outreach: OutreachQueries,
    private readonly participation: ParticipationQueries,
  ) {}

  /**
   * Actual of every indicator measure in a 年度, from the same projections as the reports (so a target is
   * judged against the figures the reports show). Districts are counted at the end of the 年度, or `asOf`
   * while the 年度 is still running.
   */
  async indicatorActuals(municipality: string, fiscalYear: number, asOf: string): Promise<Record<IndicatorMeasure, number>> {
    const { start, end } = fiscalYearRange(fiscalYear);
    const from = new Date(`${start}T00:00:00+09:00`).toISOString();
    const to = endOfJapanDay(end);
    const [row] = await queryProjections<Record<string, string>>(
      this.em,
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
    const districts = await this.mutualAid.mutualAid(municipality, asOf < end ? asOf : end);
    // The アウトリーチ and 参加支援 actuals are the very figures of their reports.
    const [outreach, participation] = await Promise.all([this.outreach.outreach(municipality, fiscalYear), this.participation.participation(municipality, fiscalYear)]);
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
}
