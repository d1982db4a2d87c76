import holidayJp from '@holiday-jp/holiday_jp';

const DAY_MS = 24 * 3600 * 1000;

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

export function isJapaneseHoliday(isoDate: string): boolean {
  return Object.prototype.hasOwnProperty.call(holidayJp.holidays, isoDate);
}

export function isBusinessDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isJapaneseHoliday(isoDate);
}

/** The date `days` business days after `isoDate` (weekends and 国民の祝日・振替休日 skipped). */
export function addBusinessDays(isoDate: string, days: number): string {
  let current = new Date(`${isoDate}T00:00:00Z`).getTime();
  let remaining = days;
  while (remaining > 0) {
    current += DAY_MS;
    if (isBusinessDay(new Date(current).toISOString().slice(0, 10))) remaining -= 1;
  }
  return new Date(current).toISOString().slice(0, 10);
}
