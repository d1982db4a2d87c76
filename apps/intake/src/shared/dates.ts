/** Today's date in Japan (Asia/Tokyo has no DST, so a fixed +09:00 offset is exact). */
export function todayInJapan(now = new Date()): string {
  return dateInJapan(now);
}

export function dateInJapan(instant: Date): string {
  return new Date(instant.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

/** 年度 (April – March) of a Japanese calendar date. */
export function fiscalYearOf(isoDate: string): number {
  const [year, month] = isoDate.split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

/** Short era label of a 年度 as used in reception numbers: 2025 → R7 (令和), 2018 → H30 (平成). */
export function fiscalYearLabel(fiscalYear: number): string {
  // A 年度 starting in April 2019 is counted as 令和元年度 in practice.
  if (fiscalYear >= 2019) return `R${fiscalYear - 2018}`;
  return `H${fiscalYear - 1988}`;
}
