import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { fiscalYearRange, todayInJapan } from '@tsunagu/util-japanese-calendar';
import type { Column, TidyTable } from '../../shared/tidy-export';
import { DistrictQueries } from '../../shared/districts';
import { SuppressionThreshold } from '../../shared/suppression-threshold';
import { writeXlsx, SUPPRESSED_MARK, type XlsxSheet } from '../../shared/xlsx-export';
import { JigyoQueries } from './jigyo-queries';
import { JigyoBudget } from '../../logic-model/logic-model.entity';
import { buildJigyoFigures, JIGYO_SHEET_NAMES, publishJigyoReport, withCosts, type BudgetFigures, type Jigyo, type JigyoReport } from './jigyo-report';

/** The per-事業 年度 report (issue 17): figures from the live projections, published with suppression, as JSON, CSV or XLSX. */
@Injectable()
export class JigyoReportUseCase {
  constructor(
    private readonly queries: JigyoQueries,
    private readonly districts: DistrictQueries,
    private readonly threshold: SuppressionThreshold,
    private readonly em: EntityManager,
  ) {}

  /** The internal figures as the projections hold them now (what closing a year freezes). */
  async liveFigures(municipality: string, fiscalYear: number): Promise<JigyoReport> {
    const { end } = fiscalYearRange(fiscalYear);
    const today = todayInJapan();
    const [comprehensive, multiAgency, outreach, participation, community, districts] = await Promise.all([
      this.queries.comprehensive(municipality, fiscalYear),
      this.queries.multiAgency(municipality, fiscalYear),
      this.queries.outreach(municipality, fiscalYear),
      this.queries.participation(municipality, fiscalYear),
      this.queries.community(municipality, fiscalYear, today < end ? today : end),
      this.districts.districts(municipality),
    ]);
    const budgets: Partial<Record<Jigyo, BudgetFigures>> = {};
    for (const { jigyo, amountYen, staffFte } of await this.em.find(JigyoBudget, { municipality, fiscalYear })) budgets[jigyo] = { amountYen, staffFte };
    return {
      ...buildJigyoFigures(
        { comprehensive, 'multi-agency': multiAgency, outreach, participation, community },
        { municipality, fiscalYear, months: this.queries.months(fiscalYear), districts },
      ),
      budgets,
    };
  }

  /** The view asked for of some figures: as they are, or published with the municipality's threshold. */
  async present(figures: JigyoReport, view: 'internal' | 'published'): Promise<JigyoReport> {
    return withCosts(view === 'published' ? publishJigyoReport(figures, await this.threshold.of(figures.municipality)) : figures);
  }

  /** Tidy long format: one row per (事業, table, row, month or 年度). */
  table(report: JigyoReport, withWareki: boolean): TidyTable<Record<string, unknown>> {
    const columns: Column<Record<string, unknown>>[] = [
      { key: 'fiscalYear', header: '年度' },
      ...(withWareki ? [{ key: 'fiscalYearLabel', header: '年度（和暦）' }] : []),
      { key: 'jigyo', header: '事業コード' },
      { key: 'jigyoLabel', header: '事業' },
      { key: 'table', header: '表コード' },
      { key: 'tableTitle', header: '表' },
      { key: 'code', header: '行コード' },
      { key: 'label', header: '行' },
      { key: 'month', header: '月' },
      ...(withWareki ? [{ key: 'monthWareki', header: '月（和暦）' }] : []),
      { key: 'value', header: '値' },
      { key: 'unit', header: '単位' },
      { key: 'suppressed', header: '秘匿' },
    ];
    const rows = report.sheets.flatMap((sheet) =>
      sheet.tables.flatMap((table) =>
        [...table.rows, ...(table.totalRow ? [table.totalRow] : [])].flatMap((row) =>
          [...row.cells.map((cell, j) => ({ cell, month: report.months[j], monthWareki: report.monthLabels[j] })), { cell: row.total, month: '年度', monthWareki: report.fiscalYearLabel }].map(({ cell, month, monthWareki }) => ({
            fiscalYear: report.fiscalYear,
            fiscalYearLabel: report.fiscalYearLabel,
            jigyo: sheet.jigyo,
            jigyoLabel: sheet.title,
            table: table.key,
            tableTitle: table.title,
            code: row.code ?? 'total',
            label: row.label,
            month,
            monthWareki,
            value: cell.value,
            unit: table.unit,
            suppressed: cell.suppressed,
          })),
        ),
      ),
    );
    return { name: `jigyo_${report.fiscalYear}_${report.view}`, columns, rows: [...rows, ...this.costRows(report)] };
  }

  /**
   * The 事業費, staff and cost per result as rows of the same tidy table (table code `cost`), after each 事業's figures —
   * as the XLSX prints them; a cost whose result is suppressed is empty and marked suppressed, like the count.
   */
  private costRows(report: JigyoReport): Record<string, unknown>[] {
    return report.sheets.flatMap((sheet) => {
      if (!sheet.cost) return [];
      const row = (code: string, label: string, value: number | null, unit: string, suppressed: boolean) => ({
        fiscalYear: report.fiscalYear,
        fiscalYearLabel: report.fiscalYearLabel,
        jigyo: sheet.jigyo,
        jigyoLabel: sheet.title,
        table: 'cost',
        tableTitle: '事業費・職員配置と成果あたり事業費',
        code,
        label,
        month: '年度',
        monthWareki: report.fiscalYearLabel,
        value,
        unit,
        suppressed,
      });
      return [
        row('amount-yen', '事業費', sheet.cost.amountYen, '円', false),
        row('staff-fte', '職員数（常勤換算）', sheet.cost.staffFte, '人', false),
        ...sheet.cost.results.map((result) =>
          row(`per:${result.table}:${result.code ?? 'total'}`, `${result.label} 1${result.unit}あたり事業費`, result.costPerResult, '円', result.count === null),
        ),
      ];
    });
  }

  /** One sheet per 事業, 和暦 headings, the tables as printed; suppressed counts as 「＊」. */
  async xlsx(report: JigyoReport): Promise<{ body: Buffer; fileName: string; contentType: string }> {
    const sheets: XlsxSheet[] = report.sheets.map((sheet) => ({
      name: JIGYO_SHEET_NAMES[sheet.jigyo],
      title: `${report.fiscalYearLabel} ${sheet.title} 実施状況`,
      tables: sheet.tables.map((table) => ({
        title: `${table.title}（単位：${table.unit}）`,
        rowHeading: '項目',
        headings: table.kind === 'figures' ? ['年度'] : [...report.monthLabels, '年度計'],
        rows: [...table.rows, ...(table.totalRow ? [table.totalRow] : [])].map((row) => ({ label: row.label, values: [...row.cells, row.total].map((cell) => cell.value) })),
      })).concat(
        sheet.cost
          ? [
              {
                title: '事業費・職員配置と成果あたり事業費',
                rowHeading: '項目',
                headings: ['年度'],
                rows: [
                  { label: '事業費（円）', values: [sheet.cost.amountYen] },
                  { label: '職員数（常勤換算）', values: [sheet.cost.staffFte] },
                  ...sheet.cost.results.map((result) => ({ label: `${result.label} 1${result.unit}あたり事業費（円）`, values: [result.costPerResult] })),
                ],
              },
            ]
          : [],
      ),
      notes: [...report.notes, ...(report.view === 'published' ? [`${SUPPRESSED_MARK}：${report.suppressionThreshold}未満の数、及びそれを合計から逆算できないよう秘匿した数。`] : [])],
    }));
    return {
      body: await writeXlsx(sheets),
      fileName: `jigyo_${report.fiscalYear}_${report.view}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }
}
