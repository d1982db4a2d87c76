import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import {
  CASE_TRACK_LABELS,
  CLOSURE_REASON_LABELS,
  CONSULTATION_CATEGORY_LABELS,
  CONSULTATION_ROUTE_LABELS,
  ISSUE_TAG_LABELS,
  MEETING_LEGAL_TYPE_LABELS,
  REFERRAL_STATUS_LABELS,
} from '@tsunagu/contracts';
import { InjectConfig } from '@tsunagu/platform-config';
import type { ReportingConfig } from '../config';
import { IndicatorDefinition, IndicatorTarget, INDICATOR_MEASURE_LABELS } from '../indicators/indicator.entity';
import { ReportingSetting } from '../settings/reporting-setting.entity';
import { fiscalYearLabel, fiscalYearMonths, todayInJapan, wareki } from '../shared/japanese-dates';
import { suppress, type Column, type TidyTable } from '../shared/tidy-export';
import type { CasesQuery, ConsultationsQuery, FiscalYearQuery, MutualAidQuery } from './report.dto';
import { ReportQueries, type CaseMeasureCount, type ReferralFigures } from './report-queries';

export interface MutualAidRow {
  districtId: string;
  districtNo: number | null;
  districtName: string | null;
  districtKana: string | null;
  visitTypeB: boolean;
  dayTypeB: boolean;
  other: boolean;
}

export interface MutualAidReport {
  title: string;
  municipality: string;
  asOf: string;
  asOfWareki: string;
  rows: MutualAidRow[];
  /** 「実施地区」: districts running each service, and districts running any of them. */
  totals: { visitTypeB: number; dayTypeB: number; other: number; districts: number };
}

/** 住民主体の支え合いサービス実施状況 (DOMAIN §4.4): districts × 訪問型サービスB / 通所型サービスB / その他 (介護保険外). */
@Injectable()
export class MutualAidReportUseCase {
  constructor(private readonly queries: ReportQueries) {}

  async execute(municipality: string, query: MutualAidQuery): Promise<MutualAidReport> {
    const asOf = query.asOf ?? todayInJapan();
    const all = await this.queries.mutualAid(municipality, asOf);
    const running = all.filter((row) => row.visitTypeB || row.dayTypeB || row.other);
    return {
      title: '住民主体の支え合いサービス実施状況',
      municipality,
      asOf,
      asOfWareki: wareki(asOf),
      rows: query.includeAll ? all : running,
      totals: {
        visitTypeB: running.filter((row) => row.visitTypeB).length,
        dayTypeB: running.filter((row) => row.dayTypeB).length,
        other: running.filter((row) => row.other).length,
        districts: running.length,
      },
    };
  }

  /** Tidy: one row per district; the 「実施地区」 totals stay in the JSON, never mixed into the data rows. */
  table(report: MutualAidReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
    const columns: Column<Record<string, unknown>>[] = [
      { key: 'asOf', header: '基準日' },
      ...(withWareki ? [{ key: 'asOfWareki', header: '基準日（和暦）' }] : []),
      { key: 'districtNo', header: '地区番号' },
      { key: 'districtName', header: '地区名' },
      { key: 'districtId', header: '地区ID' },
      { key: 'visitTypeB', header: '訪問型サービスB' },
      { key: 'dayTypeB', header: '通所型サービスB' },
      { key: 'other', header: 'その他（介護保険外）' },
    ];
    return {
      name: `mutual-aid_${report.asOf}`,
      columns,
      rows: report.rows.map((row) => ({ asOf: report.asOf, asOfWareki: report.asOfWareki, ...row })),
    };
  }
}

const DIMENSION_LABELS: Record<string, Readonly<Record<string, string>> | undefined> = {
  route: CONSULTATION_ROUTE_LABELS,
  category: CONSULTATION_CATEGORY_LABELS,
  'issue-tag': ISSUE_TAG_LABELS,
};

export interface ConsultationCell {
  month: string;
  /** by=district only: 地区番号 (null for consultations without a district, or an unknown one). */
  districtNo?: number | null;
  code: string | null;
  label: string | null;
  count: number | null;
  suppressed: boolean;
}

export interface ConsultationsReport {
  title: string;
  municipality: string;
  fiscalYear: number;
  fiscalYearLabel: string;
  by: string;
  view: 'internal' | 'published';
  suppressionThreshold: number | null;
  cells: ConsultationCell[];
}

/** 相談受付件数 per 年度 and month, by route, category, issue tag, district or receiving organisation. */
@Injectable()
export class ConsultationsReportUseCase {
  constructor(
    private readonly queries: ReportQueries,
    private readonly em: EntityManager,
    @InjectConfig() private readonly config: ReportingConfig,
  ) {}

  async threshold(municipality: string): Promise<number> {
    const setting = await this.em.findOne(ReportingSetting, { municipality });
    return setting?.suppressionThreshold ?? this.config.REPORTING_SUPPRESSION_THRESHOLD;
  }

  async execute(municipality: string, query: ConsultationsQuery): Promise<ConsultationsReport> {
    const by = query.by ?? 'total';
    const view = query.view ?? 'internal';
    const counts = await this.queries.consultations(municipality, query.fiscalYear, by);
    const threshold = view === 'published' ? await this.threshold(municipality) : null;
    const labels = DIMENSION_LABELS[by];
    const months = new Set(fiscalYearMonths(query.fiscalYear));
    const districts = by === 'district' ? await this.queries.districts(municipality) : null;
    const cells = counts
      .filter((row) => months.has(row.month))
      .map((row): ConsultationCell => {
        const shown = threshold === null ? { count: row.count, suppressed: false } : suppress(row.count, threshold);
        if (districts) {
          const district = row.code ? districts.get(row.code) : undefined;
          return { month: row.month, districtNo: district?.districtNo ?? null, code: row.code, label: district?.districtName ?? null, ...shown };
        }
        return { month: row.month, code: row.code, label: row.code && labels ? (labels[row.code] ?? null) : null, ...shown };
      });
    // Districts in the municipality's own order (地区番号), as its tables list them.
    if (districts) cells.sort((a, b) => a.month.localeCompare(b.month) || (a.districtNo ?? Number.MAX_SAFE_INTEGER) - (b.districtNo ?? Number.MAX_SAFE_INTEGER));
    return {
      title: '相談受付件数（新規）',
      municipality,
      fiscalYear: query.fiscalYear,
      fiscalYearLabel: fiscalYearLabel(query.fiscalYear),
      by,
      view,
      suppressionThreshold: threshold,
      cells,
    };
  }

  table(report: ConsultationsReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
    const columns: Column<Record<string, unknown>>[] = [
      { key: 'fiscalYear', header: '年度' },
      ...(withWareki ? [{ key: 'fiscalYearLabel', header: '年度（和暦）' }] : []),
      { key: 'month', header: '月' },
      ...(withWareki ? [{ key: 'monthWareki', header: '月（和暦）' }] : []),
      { key: 'by', header: '集計区分' },
      ...(report.by === 'district' ? [{ key: 'districtNo', header: '地区番号' }] : []),
      { key: 'code', header: 'コード' },
      { key: 'label', header: '名称' },
      { key: 'count', header: '件数' },
      { key: 'suppressed', header: '秘匿' },
    ];
    return {
      name: `consultations_${report.fiscalYear}_${report.by}_${report.view}`,
      columns,
      rows: report.cells.map((cell) => ({ ...cell, fiscalYear: report.fiscalYear, fiscalYearLabel: report.fiscalYearLabel, monthWareki: wareki(cell.month), by: report.by })),
    };
  }
}

export interface ReferralsReport extends ReferralFigures {
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
  constructor(private readonly queries: ReportQueries) {}

  async execute(municipality: string, query: FiscalYearQuery): Promise<ReferralsReport> {
    const figures = await this.queries.referrals(municipality, query.fiscalYear, todayInJapan());
    const decided = figures.accepted + figures.declined;
    return {
      title: 'つなぎ（紹介）状況',
      municipality,
      fiscalYear: query.fiscalYear,
      fiscalYearLabel: fiscalYearLabel(query.fiscalYear),
      ...figures,
      acceptanceRate: decided === 0 ? null : Math.round((figures.accepted / decided) * 1000) / 1000,
      statusLabels: REFERRAL_STATUS_LABELS,
    };
  }

  table(report: ReferralsReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
    return {
      name: `referrals_${report.fiscalYear}`,
      columns: [
        { key: 'fiscalYear', header: '年度' },
        ...(withWareki ? [{ key: 'fiscalYearLabel', header: '年度（和暦）' }] : []),
        { key: 'status', header: 'ステータス' },
        { key: 'label', header: '名称' },
        { key: 'count', header: '件数' },
      ],
      rows: Object.entries(REFERRAL_STATUS_LABELS).map(([status, label]) => ({
        fiscalYear: report.fiscalYear,
        fiscalYearLabel: report.fiscalYearLabel,
        status,
        label,
        count: report.byStatus[status] ?? 0,
      })),
    };
  }
}

type CaseMeasure = CaseMeasureCount['measure'];

/** Every measure of the 多機関協働 report with the codes it is broken down by (all listed, zeros included). */
const CASE_MEASURES: { measure: CaseMeasure; label: string; codes: Readonly<Record<string, string>> | null }[] = [
  { measure: 'cases-opened', label: '新規ケース（受理）', codes: CASE_TRACK_LABELS },
  { measure: 'cases-support-decided', label: '支援決定', codes: null },
  { measure: 'cases-closed', label: '終結（理由別）', codes: CLOSURE_REASON_LABELS },
  { measure: 'plans-drafted', label: '支援プラン作成', codes: { new: '新規', revision: '改定' } },
  { measure: 'plans-approved', label: '支援プラン承認', codes: null },
  { measure: 'meetings-held', label: '会議開催回数', codes: MEETING_LEGAL_TYPE_LABELS },
  { measure: 'meeting-cases', label: '会議で検討したケース数', codes: MEETING_LEGAL_TYPE_LABELS },
];

export interface CaseCell {
  measure: CaseMeasure;
  measureLabel: string;
  code: string | null;
  label: string | null;
  count: number | null;
  suppressed: boolean;
}

export interface CasesReport {
  title: string;
  municipality: string;
  fiscalYear: number;
  fiscalYearLabel: string;
  view: 'internal' | 'published';
  suppressionThreshold: number | null;
  /** The two meetings the 重層的支援体制整備事業 reports on, kept apart (null when suppressed). */
  meetings: {
    supportMeeting: { held: number | null; cases: number | null };
    jusouMeeting: { held: number | null; cases: number | null };
  };
  cells: CaseCell[];
}

/** 多機関協働: cases, 支援決定, closures by reason, plans and meetings (支援会議 / 重層的支援会議 apart) per 年度. */
@Injectable()
export class CasesReportUseCase {
  constructor(
    private readonly queries: ReportQueries,
    private readonly consultations: ConsultationsReportUseCase,
  ) {}

  async execute(municipality: string, query: CasesQuery): Promise<CasesReport> {
    const view = query.view ?? 'internal';
    const counts = await this.queries.cases(municipality, query.fiscalYear);
    const threshold = view === 'published' ? await this.consultations.threshold(municipality) : null;
    const found = new Map(counts.map((row) => [`${row.measure}:${row.code ?? ''}`, row.count]));
    const cells: CaseCell[] = CASE_MEASURES.flatMap(({ measure, label: measureLabel, codes }) =>
      (codes ? Object.entries(codes) : [[null, null] as const]).map(([code, label]): CaseCell => {
        const count = found.get(`${measure}:${code ?? ''}`) ?? 0;
        const shown = threshold === null ? { count, suppressed: false } : suppress(count, threshold);
        return { measure, measureLabel, code, label, ...shown };
      }),
    );
    const value = (measure: CaseMeasure, code: string) => cells.find((cell) => cell.measure === measure && cell.code === code)?.count ?? null;
    return {
      title: '多機関協働事業 実施状況',
      municipality,
      fiscalYear: query.fiscalYear,
      fiscalYearLabel: fiscalYearLabel(query.fiscalYear),
      view,
      suppressionThreshold: threshold,
      meetings: {
        supportMeeting: { held: value('meetings-held', 'support-meeting-106-6'), cases: value('meeting-cases', 'support-meeting-106-6') },
        jusouMeeting: { held: value('meetings-held', 'jusou-meeting'), cases: value('meeting-cases', 'jusou-meeting') },
      },
      cells,
    };
  }

  table(report: CasesReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
    return {
      name: `cases_${report.fiscalYear}_${report.view}`,
      columns: [
        { key: 'fiscalYear', header: '年度' },
        ...(withWareki ? [{ key: 'fiscalYearLabel', header: '年度（和暦）' }] : []),
        { key: 'measure', header: '集計項目' },
        { key: 'measureLabel', header: '集計項目名' },
        { key: 'code', header: 'コード' },
        { key: 'label', header: '名称' },
        { key: 'count', header: '件数' },
        { key: 'suppressed', header: '秘匿' },
      ],
      rows: report.cells.map((cell) => ({ ...cell, fiscalYear: report.fiscalYear, fiscalYearLabel: report.fiscalYearLabel })),
    };
  }
}

export interface IndicatorResult {
  code: string;
  definitionId: string;
  definitionVersion: number;
  name: string;
  measure: string;
  measureLabel: string;
  unit: string;
  target: number | null;
  actual: number;
  /** actual / target, 3 decimals; null without a (non-zero) target. */
  achievementRate: number | null;
}

export interface IndicatorsReport {
  title: string;
  municipality: string;
  fiscalYear: number;
  fiscalYearLabel: string;
  results: IndicatorResult[];
}

/**
 * 目標 vs 実績 per 年度: one row per indicator — the version the 年度's target was set on, or the latest
 * version when the 年度 has no target yet (target blank).
 */
@Injectable()
export class IndicatorsReportUseCase {
  constructor(
    private readonly queries: ReportQueries,
    private readonly em: EntityManager,
  ) {}

  async execute(municipality: string, query: FiscalYearQuery): Promise<IndicatorsReport> {
    const definitions = await this.em.find(IndicatorDefinition, { municipality }, { orderBy: { code: 'asc', definitionVersion: 'desc' } });
    const targets = await this.em.find(IndicatorTarget, { municipality, fiscalYear: query.fiscalYear });
    const actuals = await this.queries.indicatorActuals(municipality, query.fiscalYear, todayInJapan());
    const byId = new Map(definitions.map((definition) => [definition.id, definition]));
    const chosen = new Map<string, { definition: IndicatorDefinition; target: number | null }>();
    for (const target of targets) {
      const definition = byId.get(target.definitionId);
      if (definition) chosen.set(definition.code, { definition, target: target.targetValue });
    }
    // Latest version first in `definitions`, so the first seen per code is the latest.
    for (const definition of definitions) if (!chosen.has(definition.code)) chosen.set(definition.code, { definition, target: null });
    const results = [...chosen.values()]
      .sort((a, b) => a.definition.code.localeCompare(b.definition.code))
      .map(({ definition, target }): IndicatorResult => {
        const actual = actuals[definition.measure];
        return {
          code: definition.code,
          definitionId: definition.id,
          definitionVersion: definition.definitionVersion,
          name: definition.name,
          measure: definition.measure,
          measureLabel: INDICATOR_MEASURE_LABELS[definition.measure],
          unit: definition.unit,
          target,
          actual,
          achievementRate: target ? Math.round((actual / target) * 1000) / 1000 : null,
        };
      });
    return { title: '評価指標 目標と実績', municipality, fiscalYear: query.fiscalYear, fiscalYearLabel: fiscalYearLabel(query.fiscalYear), results };
  }

  table(report: IndicatorsReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
    return {
      name: `indicators_${report.fiscalYear}`,
      columns: [
        { key: 'fiscalYear', header: '年度' },
        ...(withWareki ? [{ key: 'fiscalYearLabel', header: '年度（和暦）' }] : []),
        { key: 'code', header: '指標コード' },
        { key: 'definitionVersion', header: '定義版' },
        { key: 'name', header: '指標名' },
        { key: 'measure', header: '算出元コード' },
        { key: 'measureLabel', header: '算出元' },
        { key: 'unit', header: '単位' },
        { key: 'target', header: '目標値' },
        { key: 'actual', header: '実績値' },
        { key: 'achievementRate', header: '達成率' },
      ],
      rows: report.results.map((result) => ({ ...result, fiscalYear: report.fiscalYear, fiscalYearLabel: report.fiscalYearLabel })),
    };
  }
}
