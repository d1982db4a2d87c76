import { Injectable } from '@nestjs/common';
import { FOLLOW_UP_SIDE_LABELS, GAP_CONSTRAINT_LABELS, MATCH_END_REASON_LABELS, PARTICIPATION_PURPOSE_LABELS } from '@tsunagu/contracts';
import { DistrictQueries } from '../../shared/districts';
import { measureReport, measureTable, type MeasureDefinition, type MeasureReport } from '../../shared/measure-report';
import { SuppressionThreshold } from '../../shared/suppression-threshold';
import { type TidyTable } from '../../shared/tidy-export';
import type { MeasureReportQuery } from '../report.dto';
import { ParticipationQueries } from './participation.queries';

const PARTICIPATION_MEASURES: MeasureDefinition[] = [
  {
    measure: 'needs-registered',
    label: '参加ニーズ聴取（目的別）',
    codes: PARTICIPATION_PURPOSE_LABELS,
  },
  {
    measure: 'persons-supported',
    label: '参加支援の対象者数（実人数）',
    codes: null,
  },
  {
    measure: 'cooperating-hosts',
    label: '協力事業者・受入先（実数）',
    codes: null,
  },
  {
    measure: 'matches-proposed',
    label: 'マッチング提案（目的別）',
    codes: PARTICIPATION_PURPOSE_LABELS,
  },
  {
    measure: 'matches-started',
    label: '参加開始（目的別）',
    codes: PARTICIPATION_PURPOSE_LABELS,
  },
  { measure: 'matches-settled', label: '定着', codes: null },
  {
    measure: 'matches-ended',
    label: '中断・終了（理由別）',
    codes: MATCH_END_REASON_LABELS,
  },
  {
    measure: 'follow-ups',
    label: 'フォローアップ（本人・受入先）',
    codes: FOLLOW_UP_SIDE_LABELS,
  },
  {
    measure: 'menu-gaps',
    label: 'メニュー不足（満たせなかった条件別）',
    codes: GAP_CONSTRAINT_LABELS,
  },
  {
    measure: 'menu-gaps-by-district',
    label: 'メニュー不足（地区別）',
    codes: 'district',
  },
];

/** 参加支援事業 per 年度: persons supported, cooperating hosts, matches and their outcome, follow-ups, menu gaps. */
@Injectable()
export class ParticipationReportUseCase {
  constructor(
    private readonly queries: ParticipationQueries,
    private readonly districts: DistrictQueries,
    private readonly threshold: SuppressionThreshold,
  ) {}

  async execute(municipality: string, query: MeasureReportQuery): Promise<MeasureReport> {
    const threshold = (query.view ?? 'internal') === 'published' ? await this.threshold.of(municipality) : null;
    return measureReport('参加支援事業 実施状況', PARTICIPATION_MEASURES, await this.queries.participation(municipality, query.fiscalYear), {
      municipality,
      fiscalYear: query.fiscalYear,
      threshold,
      districts: () => this.districts.districtNames(municipality),
    });
  }

  table(report: MeasureReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
    return measureTable('participation', report, withWareki);
  }
}
