/*
 * Date-times as staff enter them: a 和暦/西暦 date (parseDateInput) and a 24-hour Japan time, stored as the ISO instant
 * the API expects. Japan has no DST, so +09:00 is exact.
 */

/** Reads `9:05`, `09:05`, `0905`, `９：０５`, `9時5分` as `09:05`; undefined when it is not a time of day. */
export function parseTimeInput(input: string | null | undefined): string | undefined {
  if (!input) return undefined;
  const text = input
    .replace(/[０-９]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/[：]/g, ':')
    .replace(/\s+/g, '');
  const match = /^(\d{1,2})(?::|時)?(\d{2})分?$/.exec(text) ?? /^(\d{1,2})時$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** The ISO instant of an ISO date and `HH:mm` in Japan. */
export function japanInstant(isoDate: string, time: string): string {
  return new Date(`${isoDate}T${time}:00+09:00`).toISOString();
}

/** An instant's Japan date (ISO) and time (`HH:mm`). */
export function japanDateAndTime(instant: string | Date): { date: string; time: string } | undefined {
  const value = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(value.getTime())) return undefined;
  const japan = new Date(value.getTime() + 9 * 3_600_000).toISOString();
  return { date: japan.slice(0, 10), time: japan.slice(11, 16) };
}
