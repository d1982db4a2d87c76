// Japan dates and 年度 live in @tsunagu/util-japanese-calendar; only intake's own numbering prefix is here.

/**
 * Intake's short era prefix of a 年度 in reception and case numbers: 2025 → R7 (令和), 2018 → H30 (平成).
 * A 年度 starting in April 2019 is counted as 令和元年度 here (R1), unlike `fiscalYearLabel` of the calendar
 * library, which names the era of 1 April (平成31年度) for reports.
 */
export function fiscalYearPrefix(fiscalYear: number): string {
  if (fiscalYear >= 2019) return `R${fiscalYear - 2018}`;
  return `H${fiscalYear - 1988}`;
}
