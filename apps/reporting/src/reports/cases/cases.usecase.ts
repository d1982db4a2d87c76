import { Injectable } from '@nestjs/common';
import { CASE_TRACK_LABELS, CLOSURE_REASON_LABELS, MEETING_LEGAL_TYPE_LABELS } from '@tsunagu/contracts';
import { DistrictQueries } from '../../shared/districts';
import { measureReport, measureTable, type MeasureCell, type MeasureDefinition, type MeasureReport } from '../../shared/measure-report';
import { SuppressionThreshold } from '../../shared/suppression-threshold';
import { type TidyTable } from '../../shared/tidy-export';
import type { MeasureReportQuery } from '../report.dto';
import { CasesQueries, type CaseMeasureCount } from './cases.queries';

type CaseMeasure = CaseMeasureCount['measure'];

/** Every measure of the 多機関協働 report with the codes it is broken down by (all listed, zeros included). */
const CASE_MEASURES: MeasureDefinition<CaseMeasure>[] = [
  {
    measure: 'cases-opened',
    label: '新規ケース（受理）',
    codes: CASE_TRACK_LABELS,
  },
  { measure: 'cases-support-decided', label: '支援決定', codes: null },
  {
    measure: 'cases-closed',
    label: '終結（理由別）',
    codes: CLOSURE_REASON_LABELS,
  },
  {
    measure: 'plans-drafted',
    label: '支援プラン作成',
    codes: { new: '新規', revision: '改定' },
  },
  { measure: 'plans-approved', label: '支援プラン承認', codes: null },
  {
    measure: 'meetings-held',
    label: '会議開催回数',
    codes: MEETING_LEGAL_TYPE_LABELS,
  },
  {
    measure: 'meeting-cases',
    label: '会議で検討したケース数',
    codes: MEETING_LEGAL_TYPE_LABELS,
  },
];

export type CaseCell = MeasureCell<CaseMeasure>;

export interface CasesReport extends MeasureReport<CaseMeasure> {
  /** The two meetings the 重層的支援体制整備事業 reports on, kept apart (null when suppressed). */
  meetings: {
    supportMeeting: { held: number | null; cases: number | null };
    jusouMeeting: { held: number | null; cases: number | null };
  };
}

/** 多機関協働事業 per 年度: cases, 支援決定, closures by reason, plans, and the two kinds of meeting apart. */
@Injectable()
export class CasesReportUseCase {
  constructor(
    private readonly queries: CasesQueries,
    private readonly districts: DistrictQueries,
    private readonly threshold: SuppressionThreshold,
  ) {}

  async execute(municipality: string, query: MeasureReportQuery): Promise<CasesReport> {
    const threshold = (query.view ?? 'internal') === 'published' ? await this.threshold.of(municipality) : null;
    const counts = await this.queries.cases(municipality, query.fiscalYear);
    const report = await measureReport('多機関協働事業 実施状況', CASE_MEASURES, counts, {
      municipality,
      fiscalYear: query.fiscalYear,
      threshold,
      districts: () => this.districts.districtNames(municipality),
    });
    const value = (measure: CaseMeasure, code: string) => report.cells.find((cell) => cell.measure === measure && cell.code === code)?.count ?? null;
    return {
      ...report,
      meetings: {
        supportMeeting: {
          held: value('meetings-held', 'support-meeting-106-6'),
          cases: value('meeting-cases', 'support-meeting-106-6'),
        },
        jusouMeeting: {
          held: value('meetings-held', 'jusou-meeting'),
          cases: value('meeting-cases', 'jusou-meeting'),
        },
      },
    };
  }

  table(report: CasesReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
    return measureTable('cases', report, withWareki);
  }
}
