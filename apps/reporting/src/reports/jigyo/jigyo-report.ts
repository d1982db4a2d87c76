import { JIGYO_ATTRIBUTION_LABELS, RESOURCE_CATEGORY_LABELS } from '@tsunagu/contracts';
import { fiscalYearLabel, wareki } from '@tsunagu/util-japanese-calendar';
import { costPerResult } from '../../shared/cost';
import { publishList, publishTable, suppressCount, type PublishedCell } from '../../shared/suppression';
import { NO_DISTRICT, UNDISCLOSED_DISTRICT, UNDISCLOSED_DISTRICT_LABEL } from '../../shared/districts';
import { UNATTRIBUTED, type MonthCount } from './jigyo-queries';

/*
 * The 年度 report a municipality files (issue 17): one sheet per 事業, each a few tables of months × rows.
 * Built in two steps — the figures (internal view: every count) and their publication (published view: small
 * cells suppressed with their complements) — so a closed year stores the figures and publishes them the same way.
 */

export const JIGYO = ['comprehensive', 'multi-agency', 'outreach', 'participation', 'community'] as const;
export type Jigyo = (typeof JIGYO)[number];

export const JIGYO_LABELS: Record<Jigyo, string> = {
  comprehensive: '包括的相談支援事業（第1号）',
  'multi-agency': '多機関協働事業',
  outreach: 'アウトリーチ等を通じた継続的支援事業',
  participation: '参加支援事業',
  community: '地域づくり事業',
};

/** Sheet names (Excel allows 31 characters). */
export const JIGYO_SHEET_NAMES: Record<Jigyo, string> = {
  comprehensive: '包括的相談支援',
  'multi-agency': '多機関協働',
  outreach: 'アウトリーチ等継続的支援',
  participation: '参加支援',
  community: '地域づくり',
};

/**
 * How a table's figures add up, which decides how it is suppressed:
 * - `grid`: rows and months add up to the row totals, the total row and the grand total (suppressed as one table);
 * - `measures`: unrelated measures, each adding up over the months to its 年度 total (each row suppressed as a list);
 * - `distinct`: 実人数 — a 年度 or total figure is not the sum of its parts, so each figure stands alone (primary only);
 * - `figures`: one 年度 figure per row (primary only).
 */
export type TableKind = 'grid' | 'measures' | 'distinct' | 'figures';

export interface ReportRow {
  code: string | null;
  label: string;
  /** One per month of the 年度 (empty for `figures`). */
  cells: PublishedCell[];
  total: PublishedCell;
}

export interface ReportTable {
  key: string;
  title: string;
  unit: '件' | '人' | '回' | '箇所' | '地区' | '団体';
  kind: TableKind;
  rows: ReportRow[];
  /** 計 (grid: the sums; distinct: distinct over all rows); null for measures and figures. */
  totalRow: ReportRow | null;
}

export interface ReportSheet {
  jigyo: Jigyo;
  title: string;
  tables: ReportTable[];
  /** 事業費 and staff of the 年度 with the cost per result; absent when none was entered. */
  cost?: SheetCost | null;
}

/** 事業費 (yen) and staff (常勤換算) entered for a 事業 and 年度. */
export interface BudgetFigures {
  amountYen: number;
  staffFte: number;
}

export interface SheetCost extends BudgetFigures {
  results: { table: string; code: string | null; label: string; unit: string; count: number | null; costPerResult: number | null }[];
}

/** The results a 事業's cost is divided by: (table key, row code; null = the table's 計 row). */
export const COST_RESULTS: Record<Jigyo, [string, string | null][]> = {
  comprehensive: [
    ['persons', null],
    ['consultations', null],
  ],
  'multi-agency': [
    ['multi-agency', 'cases-opened'],
    ['multi-agency', 'plans-made'],
  ],
  outreach: [
    ['outreach-persons', 'targets-contacted'],
    ['outreach', 'targets-newly-connected'],
  ],
  participation: [
    ['participation-year', 'persons-supported'],
    ['participation', 'matches-started'],
  ],
  community: [
    ['resource-districts', 'resource-districts'],
    ['council-meetings', '2'],
  ],
};

export interface JigyoReport {
  title: string;
  municipality: string;
  fiscalYear: number;
  fiscalYearLabel: string;
  /** The 12 months, `YYYY-MM`, and their 和暦 headings. */
  months: string[];
  monthLabels: string[];
  view: 'internal' | 'published';
  suppressionThreshold: number | null;
  sheets: ReportSheet[];
  notes: string[];
  /** 事業費 and staff per 事業 as entered when the figures were taken (a closing freezes them with the counts). */
  budgets?: Partial<Record<Jigyo, BudgetFigures>>;
  /** The closing whose frozen figures these are; null for the live figures of an open 年度. */
  closure?: { id: string; revision: number; status: 'closed' | 'reopened'; closedAt: string; signatureValid: boolean } | null;
}

export interface FigureContext {
  municipality: string;
  fiscalYear: number;
  months: string[];
  districts: Map<string, { districtNo: number; districtName: string | null }>;
}

const cell = (value: number): PublishedCell => ({ value, suppressed: false });

/** Counts of one measure by code and month (absent = 0); month null = the 年度 figure the database counted itself. */
function index(counts: readonly MonthCount[], measure: string): Map<string, Map<string | null, number>> {
  const byCode = new Map<string, Map<string | null, number>>();
  for (const count of counts.filter((candidate) => candidate.measure === measure)) {
    const code = count.code ?? '';
    const months = byCode.get(code) ?? new Map<string | null, number>();
    months.set(count.month, (months.get(count.month) ?? 0) + count.count);
    byCode.set(code, months);
  }
  return byCode;
}

/** A row adding up over the months. */
function summedRow(code: string | null, label: string, months: readonly string[], values: Map<string | null, number> | undefined): ReportRow {
  const cells = months.map((month) => values?.get(month) ?? 0);
  return { code, label, cells: cells.map(cell), total: cell(cells.reduce((sum, value) => sum + value, 0)) };
}

/** A 実人数 row: months and the 年度 as the database counted them. */
function distinctRow(code: string | null, label: string, months: readonly string[], values: Map<string | null, number> | undefined): ReportRow {
  return { code, label, cells: months.map((month) => cell(values?.get(month) ?? 0)), total: cell(values?.get(null) ?? 0) };
}

function gridTable(key: string, title: string, unit: ReportTable['unit'], rows: ReportRow[]): ReportTable {
  const totals = rows[0]?.cells.map((_, j) => rows.reduce((sum, row) => sum + (row.cells[j].value ?? 0), 0)) ?? [];
  const totalRow: ReportRow = { code: null, label: '計', cells: totals.map(cell), total: cell(rows.reduce((sum, row) => sum + (row.total.value ?? 0), 0)) };
  return { key, title, unit, kind: 'grid', rows, totalRow };
}

/** The field rows of 第1号: the four fields the grant names, then the city's own desk and その他; 未設定 only when it occurs. */
const FIELD_ORDER = ['long-term-care', 'disability', 'children', 'financial-hardship', 'tsunagaru-desk', 'other'];

/** The internal view: every count, as the projections hold it now. */
export function buildJigyoFigures(counts: Record<Jigyo, readonly MonthCount[]>, context: FigureContext): JigyoReport {
  const { months } = context;
  const comprehensive = counts.comprehensive;
  const consultations = index(comprehensive, 'consultations');
  const fields = [...FIELD_ORDER, ...(consultations.has(UNATTRIBUTED) ? [UNATTRIBUTED] : [])];
  const fieldLabel = (code: string) => (code === UNATTRIBUTED ? '未設定' : ((JIGYO_ATTRIBUTION_LABELS as Record<string, string>)[code] ?? code));
  const persons = index(comprehensive, 'persons');
  const byDistrict = index(comprehensive, 'consultations-by-district');
  const districtCodes = [...byDistrict.keys()].sort((a, b) => (context.districts.get(a)?.districtNo ?? Number.MAX_SAFE_INTEGER) - (context.districts.get(b)?.districtNo ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b));
  const districtLabel = (code: string) =>
    code === UNDISCLOSED_DISTRICT ? UNDISCLOSED_DISTRICT_LABEL : code === NO_DISTRICT ? '地区不明' : (context.districts.get(code)?.districtName ?? `地区 ${code}`);
  const byOrganization = index(comprehensive, 'consultations-by-organization');
  const measureRows = (all: readonly MonthCount[], definitions: [string, string][]) => definitions.map(([measure, label]) => summedRow(measure, label, months, index(all, measure).get('')));
  const figureRows = (all: readonly MonthCount[], definitions: [string, string][]) =>
    definitions.map(([measure, label]): ReportRow => ({ code: measure, label, cells: [], total: cell(index(all, measure).get('')?.get(null) ?? 0) }));
  const resources = index(counts.community, 'resources');
  const councilMeetings = index(counts.community, 'council-meetings');
  const coordinators = index(counts.community, 'coordinators');

  const sheets: ReportSheet[] = [
    {
      jigyo: 'comprehensive',
      title: JIGYO_LABELS.comprehensive,
      tables: [
        gridTable('consultations', '相談受付件数（延べ）分野別', '件', fields.map((code) => summedRow(code, fieldLabel(code), months, consultations.get(code)))),
        {
          key: 'persons',
          title: '相談者の実人数 分野別（人物未特定の相談を除く）',
          unit: '人',
          kind: 'distinct',
          rows: fields.map((code) => distinctRow(code, fieldLabel(code), months, persons.get(code))),
          totalRow: distinctRow(null, '計（重複除く）', months, persons.get('')),
        },
        { key: 'unidentified', title: '人物未特定の相談件数', unit: '件', kind: 'measures', rows: [summedRow('unidentified', '人物未特定', months, index(comprehensive, 'unidentified').get(''))], totalRow: null },
        gridTable('consultations-by-district', '相談受付件数（延べ）地区別', '件', districtCodes.map((code) => summedRow(code, districtLabel(code), months, byDistrict.get(code)))),
        gridTable(
          'consultations-by-organization',
          '相談受付件数（延べ）受付機関別',
          '件',
          [...byOrganization.keys()].sort().map((code) => summedRow(code, code, months, byOrganization.get(code))),
        ),
      ],
    },
    {
      jigyo: 'multi-agency',
      title: JIGYO_LABELS['multi-agency'],
      tables: [
        {
          key: 'multi-agency',
          title: '多機関協働 実施状況',
          unit: '件',
          kind: 'measures',
          rows: measureRows(counts['multi-agency'], [
            ['cases-opened', '新規ケース（受理）'],
            ['cases-closed', '終結'],
            ['plans-made', '支援プラン作成'],
            ['plans-revised', '支援プラン改定'],
            ['jusou-meetings-held', '重層的支援会議 開催回数'],
            ['support-meetings-held', '支援会議（法第106条の6） 開催回数'],
          ]),
          totalRow: null,
        },
      ],
    },
    {
      jigyo: 'outreach',
      title: JIGYO_LABELS.outreach,
      tables: [
        {
          key: 'outreach',
          title: 'アウトリーチ 実施状況',
          unit: '件',
          kind: 'measures',
          rows: measureRows(counts.outreach, [
            ['targets-registered', '新規把握（対象者）'],
            ['contacts', '接触・訪問 延べ回数'],
            ['targets-newly-connected', '新たに相談・支援につながった'],
            ['targets-handed-over', '相談受付・多機関協働への引継'],
          ]),
          totalRow: null,
        },
        {
          key: 'outreach-persons',
          title: '接触を試みた対象の実数',
          unit: '人',
          kind: 'distinct',
          rows: [distinctRow('targets-contacted', '接触を試みた対象（実数）', months, index(counts.outreach, 'targets-contacted').get(''))],
          totalRow: null,
        },
      ],
    },
    {
      jigyo: 'participation',
      title: JIGYO_LABELS.participation,
      tables: [
        {
          key: 'participation',
          title: '参加支援 実施状況',
          unit: '件',
          kind: 'measures',
          rows: measureRows(counts.participation, [
            ['needs-registered', '参加ニーズ聴取'],
            ['matches-started', 'マッチング（参加開始）'],
            ['matches-settled', '定着'],
          ]),
          totalRow: null,
        },
        {
          key: 'participation-year',
          title: '参加支援 年度の実数',
          unit: '人',
          kind: 'figures',
          rows: figureRows(counts.participation, [
            ['persons-supported', '支援対象者数（実人数）'],
            ['cooperating-hosts', '協力事業者数（実数）'],
          ]),
          totalRow: null,
        },
      ],
    },
    {
      jigyo: 'community',
      title: JIGYO_LABELS.community,
      tables: [
        {
          key: 'resources',
          title: '地域資源（活動中・公開）種別（年度末）',
          unit: '箇所',
          kind: 'figures',
          rows: Object.entries(RESOURCE_CATEGORY_LABELS)
            .filter(([code]) => resources.has(code))
            .map(([code, label]) => ({ code, label, cells: [], total: cell(resources.get(code)?.get(null) ?? 0) })),
          totalRow: null,
        },
        { key: 'resource-districts', title: '地域資源のある地区数（年度末）', unit: '地区', kind: 'figures', rows: figureRows(counts.community, [['resource-districts', '地区数']]), totalRow: null },
        {
          key: 'council-meetings',
          title: '協議体 開催回数',
          unit: '回',
          kind: 'measures',
          rows: [
            ['1', '第1層協議体'],
            ['2', '第2層協議体（地域福祉ネットワーク会議）'],
          ].map(([code, label]) => summedRow(code, label, months, councilMeetings.get(code))),
          totalRow: null,
        },
        {
          key: 'coordinators',
          title: '生活支援コーディネーター 配置人数（年度末）',
          unit: '人',
          kind: 'figures',
          rows: ['1', '2', '3'].map((code): ReportRow => ({ code, label: `第${code}層`, cells: [], total: cell(coordinators.get(code)?.get(null) ?? 0) })),
          totalRow: null,
        },
      ],
    },
  ];
  return {
    title: '重層的支援体制整備事業 実施状況（事業別）',
    municipality: context.municipality,
    fiscalYear: context.fiscalYear,
    fiscalYearLabel: fiscalYearLabel(context.fiscalYear),
    months,
    monthLabels: months.map((month) => wareki(month)),
    view: 'internal',
    suppressionThreshold: null,
    sheets,
    notes: [
      '相談は受付日の月・年度に計上。実人数は仮名化した人物キー（自治体ごとの鍵付きハッシュ）で重複を除いた人数で、人物未特定の相談は含まない。',
      '実人数の年度計・合計は各月・各分野の合計ではない（同じ人が複数月・複数分野に計上されうる）。',
      '性別・年齢階級はイベントに含まれないため集計していない。',
    ],
  };
}

/** The published view: small cells and the cells that would give them away are blanked and flagged (秘匿). */
export function publishJigyoReport(report: JigyoReport, threshold: number): JigyoReport {
  const value = (published: PublishedCell) => published.value ?? 0;
  const tables = (table: ReportTable): ReportTable => {
    if (table.kind === 'grid') {
      const published = publishTable(
        table.rows.map((row) => row.cells.map(value)),
        threshold,
      );
      return {
        ...table,
        rows: table.rows.map((row, i) => ({ ...row, cells: published.cells[i], total: published.rowTotals[i] })),
        totalRow: table.totalRow && { ...table.totalRow, cells: published.columnTotals, total: published.total },
      };
    }
    if (table.kind === 'measures') {
      return {
        ...table,
        rows: table.rows.map((row) => {
          const published = publishList(row.cells.map(value), threshold);
          return { ...row, cells: published.cells, total: published.total };
        }),
      };
    }
    const primary = (row: ReportRow): ReportRow => ({ ...row, cells: row.cells.map((one) => suppressCount(value(one), threshold)), total: suppressCount(value(row.total), threshold) });
    return { ...table, rows: table.rows.map(primary), totalRow: table.totalRow && primary(table.totalRow) };
  };
  return {
    ...report,
    view: 'published',
    suppressionThreshold: threshold,
    sheets: report.sheets.map((sheet) => ({ ...sheet, tables: sheet.tables.map(tables) })),
  };
}

/**
 * Cost per result beside each 事業's figures: 事業費 ÷ the 年度 figure of each result row, computed on the view shown
 * (a suppressed count gives no cost, which would give it away); none where the result is 0.
 */
export function withCosts(report: JigyoReport): JigyoReport {
  return {
    ...report,
    sheets: report.sheets.map((sheet) => {
      const budget = report.budgets?.[sheet.jigyo];
      if (!budget) return { ...sheet, cost: null };
      const results = COST_RESULTS[sheet.jigyo].flatMap(([key, code]) => {
        const table = sheet.tables.find((candidate) => candidate.key === key);
        const row = code === null ? table?.totalRow : table?.rows.find((candidate) => candidate.code === code);
        if (!table || !row) return [];
        return [{ table: key, code, label: code === null ? `${table.title} ${row.label}` : row.label, unit: table.unit, count: row.total.value, costPerResult: costPerResult(budget.amountYen, row.total.value) }];
      });
      return { ...sheet, cost: { amountYen: budget.amountYen, staffFte: budget.staffFte, results } };
    }),
  };
}
