/** 年度 (April – March) (DOMAIN §6.1); its 和暦 label is in ./wareki. Dates are `YYYY-MM-DD` in Japan time. */

/** 年度 of a Japanese calendar date: 2026-03-31 → 2025, 2026-04-01 → 2026. */
export function fiscalYearOf(isoDate: string): number {
  const [year, month] = isoDate.split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

/** First and last day of a 年度. */
export function fiscalYearRange(fiscalYear: number): { start: string; end: string } {
  return { start: `${fiscalYear}-04-01`, end: `${fiscalYear + 1}-03-31` };
}

/** The 12 months of a 年度, `YYYY-MM`. */
export function fiscalYearMonths(fiscalYear: number): string[] {
  return Array.from({ length: 12 }, (_, index) => {
    const month = ((index + 3) % 12) + 1;
    const year = index < 9 ? fiscalYear : fiscalYear + 1;
    return `${year}-${String(month).padStart(2, '0')}`;
  });
}
