/** Today's date in Japan (Asia/Tokyo has no DST, so a fixed +09:00 offset is exact). */
export function todayInJapan(now = new Date()): string {
  return new Date(now.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

/** 年度 (April – March) of a Japanese calendar date. */
export function fiscalYearOf(isoDate: string): number {
  const [year, month] = isoDate.split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

/** Adds calendar days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
