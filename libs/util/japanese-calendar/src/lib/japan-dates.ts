/*
 * Calendar dates in Japan. Dates are `YYYY-MM-DD` strings of the Japanese calendar day; Asia/Tokyo has no DST,
 * so a fixed +09:00 offset is exact. One definition for every service.
 */

const JST_OFFSET_MS = 9 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The calendar date in Japan of an instant. */
export function dateInJapan(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in Japan. */
export function todayInJapan(now = new Date()): string {
  return dateInJapan(now);
}

/** The instant a Japan calendar date starts (00:00 JST). */
export function startOfJapanDay(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - JST_OFFSET_MS);
}

/** The instant a Japan calendar date ends, as an ISO timestamp (exclusive upper bound for "as of" queries). */
export function endOfJapanDay(isoDate: string): string {
  return new Date(new Date(`${isoDate}T00:00:00+09:00`).getTime() + DAY_MS).toISOString();
}

/** Adds calendar days (negative: subtracts). */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
