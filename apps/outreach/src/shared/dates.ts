/*
 * Japan dates for outreach. intake and reporting each keep the same two helpers in their shared folders;
 * they belong in @tsunagu/util-japanese-calendar (not owned by this service yet — see docs/services/outreach.md).
 */
const JST_OFFSET_MS = 9 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The calendar date in Japan (Asia/Tokyo has no DST, so a fixed +09:00 offset is exact). */
export function dateInJapan(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** 年度 (April – March) of a Japanese calendar date. */
export function fiscalYearOf(isoDate: string): number {
  const [year, month] = isoDate.split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

/** The instant a Japan calendar date starts (00:00 JST). */
export function startOfJapanDay(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - JST_OFFSET_MS);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
