import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import {
  CASE_TRACK_LABELS,
  CLOSURE_REASON_LABELS,
  CONTACT_METHOD_LABELS,
  CONTACT_RESULT_LABELS,
  DISCOVERY_ROUTE_LABELS,
  FOLLOW_UP_SIDE_LABELS,
  GAP_CONSTRAINT_LABELS,
  MATCH_END_REASON_LABELS,
  OUTREACH_CLOSE_REASON_LABELS,
  OUTREACH_STAGE_LABELS,
  PARTICIPATION_PURPOSE_LABELS,
  CONSULTATION_CATEGORY_LABELS,
  CONSULTATION_ROUTE_LABELS,
  ISSUE_TAG_LABELS,
  MEETING_LEGAL_TYPE_LABELS,
  REFERRAL_STATUS_LABELS,
} from '@tsunagu/contracts';
import { InjectConfig } from '@tsunagu/platform-config';
import { fiscalYearLabel, fiscalYearMonths, todayInJapan, wareki } from '@tsunagu/util-japanese-calendar';
import type { ReportingConfig } from '../config';
import { publishCombined } from '../indicators/combine';
import { CombinedMeasure, COMBINED_MEASURE_PREFIX, IndicatorDefinition, IndicatorTarget, INDICATOR_MEASURE_LABELS, type IndicatorMeasure } from '../indicators/indicator.entity';
import { ReportingSetting } from '../settings/reporting-setting.entity';
import { publishList, publishTable, suppressCount, type PublishedCell } from '../shared/suppression';
import { type Column, type TidyTable } from '../shared/tidy-export';
import type { MeasureReportQuery, ConsultationsQuery, MutualAidQuery } from './report.dto';
import { ReportQueries, UNDISCLOSED_DISTRICT, UNDISCLOSED_DISTRICT_LABEL, type CaseMeasureCount, type ReferralFigures } from './report-queries';

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
  totals: {
    visitTypeB: number;
    dayTypeB: number;
    other: number;
    districts: number;
  };
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
      rows: report.rows.map((row) => ({
        asOf: report.asOf,
        asOfWareki: report.asOfWareki,
        ...row,
      })),
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
  /** by=district only: 地区番号 (null for consultations without a district, an unknown one, or the 非公開 row). */
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
    const inYear = counts.filter((row) => months.has(row.month));
    const published = threshold === null ? null : publishCounts(inYear, threshold);
    const cells = inYear
      .map((row, i): ConsultationCell => {
        const shown = published ? published[i] : { count: row.count, suppressed: false };
        if (districts) {
          const district = row.code ? districts.get(row.code) : undefined;
          return {
            month: row.month,
            districtNo: district?.districtNo ?? null,
            code: row.code,
            // 非公開: households whose district intake withholds (DV address protection), never shown under a district.
            label: row.code === UNDISCLOSED_DISTRICT ? UNDISCLOSED_DISTRICT_LABEL : (district?.districtName ?? null),
            ...shown,
          };
        }
        return {
          month: row.month,
          code: row.code,
          label: row.code && labels ? (labels[row.code] ?? null) : null,
          ...shown,
        };
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
      rows: report.cells.map((cell) => ({
        ...cell,
        fiscalYear: report.fiscalYear,
        fiscalYearLabel: report.fiscalYearLabel,
        monthWareki: wareki(cell.month),
        by: report.by,
      })),
    };
  }
}

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
    private readonly queries: ReportQueries,
    private readonly consultations: ConsultationsReportUseCase,
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
    const threshold = await this.consultations.threshold(municipality);
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

type CaseMeasure = CaseMeasureCount['measure'];

/**
 * A measure of a measure report and what it is broken down by: a code table (every code listed, zeros
 * included), the municipality's districts (those with a count, in its own order), or nothing (one total).
 */
interface MeasureDefinition<M extends string = string> {
  measure: M;
  label: string;
  codes: Readonly<Record<string, string>> | 'district' | null;
}

/** One cell of a measure report (多機関協働, アウトリーチ, 参加支援). */
export interface MeasureCell<M extends string = string> {
  measure: M;
  measureLabel: string;
  code: string | null;
  label: string | null;
  count: number | null;
  suppressed: boolean;
}

/** The common shape of the measure reports: one row per (measure, code), published views with small cells blanked. */
export interface MeasureReport<M extends string = string> {
  title: string;
  municipality: string;
  fiscalYear: number;
  fiscalYearLabel: string;
  view: 'internal' | 'published';
  suppressionThreshold: number | null;
  cells: MeasureCell<M>[];
}

/**
 * Published counts of a (code × month) table with complementary suppression over the whole grid and its totals,
 * in the order of `counts` (absent cells are zeros, never published as suppressed).
 */
function publishCounts(counts: readonly { month: string; code: string | null; count: number }[], threshold: number): { count: number | null; suppressed: boolean }[] {
  const codes = [...new Set(counts.map((row) => row.code ?? ''))];
  const months = [...new Set(counts.map((row) => row.month))];
  const grid = codes.map((code) => months.map((month) => counts.filter((row) => (row.code ?? '') === code && row.month === month).reduce((sum, row) => sum + row.count, 0)));
  const table = publishTable(grid, threshold);
  return counts.map((row) => {
    const cell = table.cells[codes.indexOf(row.code ?? '')][months.indexOf(row.month)];
    return { count: cell.value, suppressed: cell.suppressed };
  });
}

/** Builds the cells of a measure report from the counts the queries found (absent = 0). */
async function measureReport<M extends string>(
  title: string,
  definitions: readonly MeasureDefinition<M>[],
  counts: readonly { measure: string; code: string | null; count: number }[],
  context: {
    municipality: string;
    fiscalYear: number;
    threshold: number | null;
    districts: () => Promise<{ districtId: string; name: string | null }[]>;
  },
): Promise<MeasureReport<M>> {
  const found = new Map(counts.map((row) => [`${row.measure}:${row.code ?? ''}`, row.count]));
  const needsDistricts = definitions.some((definition) => definition.codes === 'district');
  const districts = needsDistricts ? await context.districts() : [];
  const cells = definitions.flatMap(({ measure, label: measureLabel, codes }) => {
    const entries: (readonly [string | null, string | null])[] =
      codes === 'district'
        ? [
            ...districts.filter((district) => found.has(`${measure}:${district.districtId}`)).map((district) => [district.districtId, district.name] as const),
            // Counts withheld for DV address protection (「非公開」), without a district (place unknown) or in a district the registry has not announced.
            ...counts
              .filter((row) => row.measure === measure && !districts.some((district) => district.districtId === row.code))
              .map((row) => [row.code, row.code === UNDISCLOSED_DISTRICT ? UNDISCLOSED_DISTRICT_LABEL : null] as const),
          ]
        : codes
          ? Object.entries(codes)
          : [[null, null] as const];
    const counted = entries.map(([code]) => found.get(`${measure}:${code ?? ''}`) ?? 0);
    // A measure's codes add up to its total: suppressed as a list, so no count is the total minus the others.
    const shown = context.threshold === null ? null : publishList(counted, context.threshold).cells;
    return entries.map(([code, label], i): MeasureCell<M> => ({
      measure,
      measureLabel,
      code,
      label,
      ...(shown ? { count: shown[i].value, suppressed: shown[i].suppressed } : { count: counted[i], suppressed: false }),
    }));
  });
  return {
    title,
    municipality: context.municipality,
    fiscalYear: context.fiscalYear,
    fiscalYearLabel: fiscalYearLabel(context.fiscalYear),
    view: context.threshold === null ? 'internal' : 'published',
    suppressionThreshold: context.threshold,
    cells,
  };
}

/** Tidy CSV layout of a measure report: one row per cell. */
function measureTable(name: string, report: MeasureReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
  return {
    name: `${name}_${report.fiscalYear}_${report.view}`,
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
    rows: report.cells.map((cell) => ({
      ...cell,
      fiscalYear: report.fiscalYear,
      fiscalYearLabel: report.fiscalYearLabel,
    })),
  };
}

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
    private readonly queries: ReportQueries,
    private readonly consultations: ConsultationsReportUseCase,
  ) {}

  async execute(municipality: string, query: MeasureReportQuery): Promise<CasesReport> {
    const threshold = (query.view ?? 'internal') === 'published' ? await this.consultations.threshold(municipality) : null;
    const counts = await this.queries.cases(municipality, query.fiscalYear);
    const report = await measureReport('多機関協働事業 実施状況', CASE_MEASURES, counts, {
      municipality,
      fiscalYear: query.fiscalYear,
      threshold,
      districts: () => this.queries.districtNames(municipality),
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

const OUTREACH_MEASURES: MeasureDefinition[] = [
  {
    measure: 'targets-registered',
    label: '新規把握（発見経路別）',
    codes: DISCOVERY_ROUTE_LABELS,
  },
  {
    measure: 'targets-registered-by-district',
    label: '新規把握（地区別）',
    codes: 'district',
  },
  {
    measure: 'targets-registered-by-stage',
    label: '新規把握した対象の現在の段階',
    codes: OUTREACH_STAGE_LABELS,
  },
  {
    measure: 'contacts',
    label: '接触・訪問延べ回数（結果別）',
    codes: CONTACT_RESULT_LABELS,
  },
  {
    measure: 'contacts-by-method',
    label: '接触・訪問延べ回数（方法別）',
    codes: CONTACT_METHOD_LABELS,
  },
  { measure: 'targets-contacted', label: '接触を試みた実人数', codes: null },
  {
    measure: 'targets-contacted-successfully',
    label: '会えた・話せた実人数',
    codes: null,
  },
  {
    measure: 'targets-newly-connected',
    label: '新たに相談・支援につながった人数',
    codes: null,
  },
  {
    measure: 'targets-handed-over',
    label: '相談受付・多機関協働への引継',
    codes: null,
  },
  {
    measure: 'targets-closed',
    label: '終結（理由別）',
    codes: OUTREACH_CLOSE_REASON_LABELS,
  },
  {
    measure: 'inactivity-alerts',
    label: '長期未接触アラート発生',
    codes: null,
  },
];

/** アウトリーチ等を通じた継続的支援事業 per 年度: targets, contacts, newly connected, hand-overs, closures. */
@Injectable()
export class OutreachReportUseCase {
  constructor(
    private readonly queries: ReportQueries,
    private readonly consultations: ConsultationsReportUseCase,
  ) {}

  async execute(municipality: string, query: MeasureReportQuery): Promise<MeasureReport> {
    const threshold = (query.view ?? 'internal') === 'published' ? await this.consultations.threshold(municipality) : null;
    return measureReport('アウトリーチ等を通じた継続的支援事業 実施状況', OUTREACH_MEASURES, await this.queries.outreach(municipality, query.fiscalYear), {
      municipality,
      fiscalYear: query.fiscalYear,
      threshold,
      districts: () => this.queries.districtNames(municipality),
    });
  }

  table(report: MeasureReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
    return measureTable('outreach', report, withWareki);
  }
}

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
    private readonly queries: ReportQueries,
    private readonly consultations: ConsultationsReportUseCase,
  ) {}

  async execute(municipality: string, query: MeasureReportQuery): Promise<MeasureReport> {
    const threshold = (query.view ?? 'internal') === 'published' ? await this.consultations.threshold(municipality) : null;
    return measureReport('参加支援事業 実施状況', PARTICIPATION_MEASURES, await this.queries.participation(municipality, query.fiscalYear), {
      municipality,
      fiscalYear: query.fiscalYear,
      threshold,
      districts: () => this.queries.districtNames(municipality),
    });
  }

  table(report: MeasureReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
    return measureTable('participation', report, withWareki);
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
  /** null when suppressed (published view). */
  actual: number | null;
  suppressed: boolean;
  /** actual / target, 3 decimals; null without a (non-zero) target. */
  achievementRate: number | null;
  /** The actual is a count (a built-in measure, or a sum or difference of two): a cost per result makes sense of it. */
  isCount: boolean;
}

export interface IndicatorsReport {
  view: 'internal' | 'published';
  suppressionThreshold: number | null;
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
    private readonly consultations: ConsultationsReportUseCase,
  ) {}

  async execute(municipality: string, query: MeasureReportQuery): Promise<IndicatorsReport> {
    const threshold = (query.view ?? 'internal') === 'published' ? await this.consultations.threshold(municipality) : null;
    const results = await this.results(municipality, query.fiscalYear, threshold);
    return {
      title: '評価指標 目標と実績',
      municipality,
      fiscalYear: query.fiscalYear,
      fiscalYearLabel: fiscalYearLabel(query.fiscalYear),
      view: threshold === null ? 'internal' : 'published',
      suppressionThreshold: threshold,
      results,
    };
  }

  /**
   * Target vs actual of every indicator for a 年度 (threshold: the published view's, null for internal): the actual
   * of a built-in measure from its query, of a combined measure from its two parts. The logic model reads the same.
   */
  async results(municipality: string, fiscalYear: number, threshold: number | null): Promise<IndicatorResult[]> {
    const [definitions, targets, combined, actuals] = await Promise.all([
      this.em.find(IndicatorDefinition, { municipality }, { orderBy: { code: 'asc', definitionVersion: 'desc' } }),
      this.em.find(IndicatorTarget, { municipality, fiscalYear }),
      this.em.find(CombinedMeasure, { municipality }),
      this.queries.indicatorActuals(municipality, fiscalYear, todayInJapan()),
    ]);
    const combinedByMeasure = new Map(combined.map((measure) => [`${COMBINED_MEASURE_PREFIX}${measure.code}`, measure]));
    const actualOf = (measure: string): { label: string; shown: PublishedCell; isCount: boolean } => {
      const parts = combinedByMeasure.get(measure);
      if (parts) {
        const shown = publishCombined(parts.operation, actuals[parts.leftMeasure], actuals[parts.rightMeasure], threshold);
        return { label: parts.name, shown, isCount: parts.operation === 'sum' || parts.operation === 'difference' };
      }
      const count = actuals[measure as IndicatorMeasure] ?? 0;
      // Published: an actual that is a small count is blanked (targets are plans, not counts of people).
      const shown = threshold === null ? { value: count, suppressed: false } : suppressCount(count, threshold);
      return { label: INDICATOR_MEASURE_LABELS[measure as IndicatorMeasure] ?? measure, shown, isCount: true };
    };
    const byId = new Map(definitions.map((definition) => [definition.id, definition]));
    const chosen = new Map<string, { definition: IndicatorDefinition; target: number | null }>();
    for (const target of targets) {
      const definition = byId.get(target.definitionId);
      if (definition) chosen.set(definition.code, { definition, target: target.targetValue });
    }
    // Latest version first in `definitions`, so the first seen per code is the latest.
    for (const definition of definitions) if (!chosen.has(definition.code)) chosen.set(definition.code, { definition, target: null });
    return [...chosen.values()]
      .sort((a, b) => a.definition.code.localeCompare(b.definition.code))
      .map(({ definition, target }): IndicatorResult => {
        const { label, shown, isCount } = actualOf(definition.measure);
        const actual = shown.value;
        return {
          code: definition.code,
          definitionId: definition.id,
          definitionVersion: definition.definitionVersion,
          name: definition.name,
          measure: definition.measure,
          measureLabel: label,
          unit: definition.unit,
          target,
          actual,
          suppressed: shown.suppressed,
          achievementRate: target && actual !== null ? Math.round((actual / target) * 1000) / 1000 : null,
          isCount,
        };
      });
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
        // Only the published view has suppressed cells (the internal CSV keeps its columns).
        ...(report.view === 'published' ? [{ key: 'suppressed', header: '秘匿' }] : []),
        { key: 'achievementRate', header: '達成率' },
      ],
      rows: report.results.map((result) => ({
        ...result,
        fiscalYear: report.fiscalYear,
        fiscalYearLabel: report.fiscalYearLabel,
      })),
    };
  }
}
