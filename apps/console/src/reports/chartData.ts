/** Chart data from the reporting service's reports (pure: tested without a browser). */

export interface Bar {
  key: string;
  /** i18n key or plain text of the bar's label. */
  label: string;
  value: number;
  /** Small cell hidden in a published view (drawn as ＊, counted as 0). */
  suppressed?: boolean;
}

/** The 12 months of a 年度 (April → March) as `YYYY-MM`. */
export function fiscalYearMonths(fiscalYear: number): string[] {
  return Array.from({ length: 12 }, (_, index) => {
    const month = ((index + 3) % 12) + 1;
    const year = month >= 4 ? fiscalYear : fiscalYear + 1;
    return `${year}-${String(month).padStart(2, '0')}`;
  });
}

/** Consultations per month: every month of the 年度 (months without consultations are 0), breakdown rows summed. */
export function monthlyBars(fiscalYear: number, cells: ReadonlyArray<{ month: string; count: number | null; suppressed: boolean }>): Bar[] {
  return fiscalYearMonths(fiscalYear).map((month) => {
    const ofMonth = cells.filter((cell) => cell.month === month);
    return {
      key: month,
      label: `${Number(month.slice(5))}月`,
      value: ofMonth.reduce((sum, cell) => sum + (cell.count ?? 0), 0),
      suppressed: ofMonth.length > 0 && ofMonth.every((cell) => cell.suppressed),
    };
  });
}

/** The つなぎ funnel in its order (依頼 → 受理 → 完了, then 不受理 and 不調), whatever the order of the report's keys. */
export const FUNNEL_ORDER = ['requested', 'accepted', 'completed', 'declined', 'failed'] as const;

export function funnelBars(byStatus: Readonly<Record<string, number>>): Bar[] {
  const known = FUNNEL_ORDER.map((status) => ({ key: status, label: `tsunagu.codes.referralStatus.${status}`, value: byStatus[status] ?? 0 }));
  const others = Object.keys(byStatus)
    .filter((status) => !(FUNNEL_ORDER as readonly string[]).includes(status))
    .sort()
    .map((status) => ({ key: status, label: `tsunagu.codes.referralStatus.${status}`, value: byStatus[status] ?? 0 }));
  return [...known, ...others];
}

/** Mutual-aid coverage: districts running each kind of service, out of all districts of the report. */
export function mutualAidBars(report: { rows: ReadonlyArray<unknown>; totals: { visitTypeB: number; dayTypeB: number; other: number; districts: number } }): { bars: Bar[]; max: number } {
  return {
    max: report.rows.length,
    bars: [
      { key: 'visitTypeB', label: 'tsunagu.reports.visit_type_b', value: report.totals.visitTypeB },
      { key: 'dayTypeB', label: 'tsunagu.reports.day_type_b', value: report.totals.dayTypeB },
      { key: 'other', label: 'tsunagu.reports.other', value: report.totals.other },
      { key: 'districts', label: 'tsunagu.reports.districts_total', value: report.totals.districts },
    ],
  };
}

/** Bar lengths as a share (0–1) of the scale: the given maximum, else the largest value (an all-zero chart stays empty). */
export function barShares(bars: readonly Bar[], max?: number): number[] {
  const scale = max ?? Math.max(0, ...bars.map((bar) => bar.value));
  return bars.map((bar) => (scale > 0 ? Math.min(1, Math.max(0, bar.value) / scale) : 0));
}
