import holidayJp from '@holiday-jp/holiday_jp';
import { addDays } from './japan-dates';

/*
 * 営業日 in Japan: Monday to Friday except 国民の祝日 and 振替休日 (from @holiday-jp/holiday_jp, the
 * Cabinet Office list). One definition for every service, so intake's follow-up due dates and reporting's
 * "business days to first contact" never disagree. Dates are `YYYY-MM-DD` calendar dates in Japan.
 */

const nextDay = (isoDate: string) => addDays(isoDate, 1);

export function isJapaneseHoliday(isoDate: string): boolean {
  return Object.prototype.hasOwnProperty.call(holidayJp.holidays, isoDate);
}

export function isBusinessDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isJapaneseHoliday(isoDate);
}

/** The date `days` business days after `isoDate` (weekends and 国民の祝日・振替休日 skipped). */
export function addBusinessDays(isoDate: string, days: number): string {
  let current = isoDate;
  let remaining = days;
  while (remaining > 0) {
    current = nextDay(current);
    if (isBusinessDay(current)) remaining -= 1;
  }
  return current;
}

/** Business days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function businessDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) if (isBusinessDay(day)) count += 1;
  return count;
}

/** Public holidays from `from` to `to` inclusive, in order (for queries that count business days in SQL). */
export function japaneseHolidaysBetween(from: string, to: string): string[] {
  return Object.keys(holidayJp.holidays)
    .filter((date) => date >= from && date <= to)
    .sort();
}
