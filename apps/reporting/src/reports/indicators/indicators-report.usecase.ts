import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { fiscalYearLabel, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { publishCombined } from '../../indicators/combine';
import { CombinedMeasure, COMBINED_MEASURE_PREFIX, IndicatorDefinition, IndicatorTarget, INDICATOR_MEASURE_LABELS, type IndicatorMeasure } from '../../indicators/indicator.entity';
import { suppressCount, type PublishedCell } from '../../shared/suppression';
import { SuppressionThreshold } from '../../shared/suppression-threshold';
import { type TidyTable } from '../../shared/tidy-export';
import type { MeasureReportQuery } from '../report.dto';
import { IndicatorActualsQueries } from './indicator-actuals.queries';

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
    private readonly queries: IndicatorActualsQueries,
    private readonly em: EntityManager,
    private readonly threshold: SuppressionThreshold,
  ) {}

  async execute(municipality: string, query: MeasureReportQuery): Promise<IndicatorsReport> {
    const threshold = (query.view ?? 'internal') === 'published' ? await this.threshold.of(municipality) : null;
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
