/** Today's date in Japan (Asia/Tokyo has no DST, so a fixed +09:00 offset is exact). */
export function todayInJapan(now = new Date()): string {
  return new Date(now.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}
