import { EntityManager } from '@mikro-orm/core';
import { fiscalYearLabel } from '@tsunagu/util-japanese-calendar';
import { UNDISCLOSED_DISTRICT, UNDISCLOSED_DISTRICT_LABEL } from './districts';
import { queryProjections } from './live-projections';
import { publishList } from './suppression';
import type { TidyTable } from './tidy-export';

/* The measure reports (多機関協働, アウトリーチ, 参加支援): counts per (measure, code), built, published and laid out alike. */

/** One count of a measure report (outreach, participation), optionally broken down by a code or a district id. */
export interface MeasureCount {
  measure: string;
  code: string | null;
  count: number;
}

/**
 * A measure of a measure report and what it is broken down by: a code table (every code listed, zeros
 * included), the municipality's districts (those with a count, in its own order), or nothing (one total).
 */
export interface MeasureDefinition<M extends string = string> {
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

/** Builds the cells of a measure report from the counts the queries found (absent = 0). */
export async function measureReport<M extends string>(
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
export function measureTable(name: string, report: MeasureReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
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

/** Runs a measure report's query (columns measure, code, count) and keeps the counts above zero. */
export async function measureCounts(em: EntityManager, sql: string, params: unknown[]): Promise<MeasureCount[]> {
  const rows = await queryProjections<{
    measure: string;
    code: string | null;
    count: string;
  }>(em, sql, params);
  return rows
    .filter((row) => Number(row.count) > 0)
    .map((row) => ({
      measure: row.measure,
      code: row.code,
      count: Number(row.count),
    }));
}
