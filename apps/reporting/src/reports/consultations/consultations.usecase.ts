import { Injectable } from '@nestjs/common';
import { CONSULTATION_CATEGORY_LABELS, CONSULTATION_ROUTE_LABELS, ISSUE_TAG_LABELS } from '@tsunagu/contracts';
import { fiscalYearLabel, fiscalYearMonths, wareki } from '@tsunagu/util-japanese-calendar';
import { DistrictQueries, UNDISCLOSED_DISTRICT, UNDISCLOSED_DISTRICT_LABEL } from '../../shared/districts';
import { publishTable } from '../../shared/suppression';
import { SuppressionThreshold } from '../../shared/suppression-threshold';
import { type Column, type TidyTable } from '../../shared/tidy-export';
import type { ConsultationsQuery } from '../report.dto';
import { ConsultationsQueries } from './consultations.queries';

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

/** 相談受付件数 per 年度 and month, by route, category, issue tag, district or receiving organisation. */
@Injectable()
export class ConsultationsReportUseCase {
  constructor(
    private readonly queries: ConsultationsQueries,
    private readonly districts: DistrictQueries,
    private readonly threshold: SuppressionThreshold,
  ) {}

  async execute(municipality: string, query: ConsultationsQuery): Promise<ConsultationsReport> {
    const by = query.by ?? 'total';
    const view = query.view ?? 'internal';
    const counts = await this.queries.consultations(municipality, query.fiscalYear, by);
    const threshold = view === 'published' ? await this.threshold.of(municipality) : null;
    const labels = DIMENSION_LABELS[by];
    const months = new Set(fiscalYearMonths(query.fiscalYear));
    const districts = by === 'district' ? await this.districts.districts(municipality) : null;
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
