import { Injectable } from '@nestjs/common';
import { REFERRAL_STATUS_LABELS } from '@tsunagu/contracts';
import { fiscalYearLabel, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { publishList, suppressCount } from '../../shared/suppression';
import { SuppressionThreshold } from '../../shared/suppression-threshold';
import { type TidyTable } from '../../shared/tidy-export';
import type { MeasureReportQuery } from '../report.dto';
import { ReferralsQueries, type ReferralFigures } from './referrals.queries';

export interface ReferralsReport extends Omit<ReferralFigures, 'byStatus' | 'requested' | 'accepted' | 'declined'> {
  /** Per status; published: suppressed as a list with `requested` as its total (null = 秘匿). */
  byStatus: Record<string, number | null>;
  requested: number | null;
  accepted: number | null;
  declined: number | null;
  view: 'internal' | 'published';
  suppressionThreshold: number | null;
  title: string;
  municipality: string;
  fiscalYear: number;
  fiscalYearLabel: string;
  /** accepted / (accepted + declined); null before any decision. */
  acceptanceRate: number | null;
  statusLabels: Readonly<Record<string, string>>;
}

/** つなぎ: counts per status, acceptance rate, median business days to first contact, overdue follow-ups (ids only). */
@Injectable()
export class ReferralsReportUseCase {
  constructor(
    private readonly queries: ReferralsQueries,
    private readonly threshold: SuppressionThreshold,
  ) {}

  async execute(municipality: string, query: MeasureReportQuery): Promise<ReferralsReport> {
    const figures = await this.queries.referrals(municipality, query.fiscalYear, todayInJapan());
    const decided = figures.accepted + figures.declined;
    const report: ReferralsReport = {
      title: 'つなぎ（紹介）状況',
      municipality,
      fiscalYear: query.fiscalYear,
      fiscalYearLabel: fiscalYearLabel(query.fiscalYear),
      view: 'internal',
      suppressionThreshold: null,
      ...figures,
      acceptanceRate: decided === 0 ? null : Math.round((figures.accepted / decided) * 1000) / 1000,
      statusLabels: REFERRAL_STATUS_LABELS,
    };
    if ((query.view ?? 'internal') === 'internal') return report;
    // Published: the statuses add up to the referrals requested (suppressed together); the overdue list is the desk's working list, not published.
    const threshold = await this.threshold.of(municipality);
    const statuses = Object.keys(REFERRAL_STATUS_LABELS);
    const list = publishList(
      statuses.map((status) => figures.byStatus[status] ?? 0),
      threshold,
    );
    const accepted = suppressCount(figures.accepted, threshold);
    const declined = suppressCount(figures.declined, threshold);
    return {
      ...report,
      view: 'published',
      suppressionThreshold: threshold,
      byStatus: Object.fromEntries(statuses.map((status, i) => [status, list.cells[i].value])),
      requested: list.total.value,
      accepted: accepted.value,
      declined: declined.value,
      acceptanceRate: accepted.suppressed || declined.suppressed ? null : report.acceptanceRate,
      overdue: [],
    };
  }

  table(report: ReferralsReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
    return {
      name: report.view === 'published' ? `referrals_${report.fiscalYear}_published` : `referrals_${report.fiscalYear}`,
      columns: [
        { key: 'fiscalYear', header: '年度' },
        ...(withWareki ? [{ key: 'fiscalYearLabel', header: '年度（和暦）' }] : []),
        { key: 'status', header: 'ステータス' },
        { key: 'label', header: '名称' },
        { key: 'count', header: '件数' },
        ...(report.view === 'published' ? [{ key: 'suppressed', header: '秘匿' }] : []),
      ],
      rows: Object.entries(REFERRAL_STATUS_LABELS).map(([status, label]) => ({
        fiscalYear: report.fiscalYear,
        fiscalYearLabel: report.fiscalYearLabel,
        status,
        label,
        count: report.byStatus[status] === undefined ? 0 : report.byStatus[status],
        suppressed: report.byStatus[status] === null,
      })),
    };
  }
}
