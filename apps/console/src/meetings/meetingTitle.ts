import { formatDate } from '@tsunagu/util-japanese-calendar';
import { japanDateAndTime } from '../dates/date-time';

/**
 * A meeting as links, pickers and page titles name it: its local name (or legal type) and the day it is held in Japan,
 * in 和暦 as the city's records write it — 「重層的支援会議 令和7年7月15日」.
 */
export function meetingTitle(meeting: object): string {
  const record = meeting as { localName?: unknown; legalTypeLabel?: unknown; heldAt?: unknown };
  const day = typeof record.heldAt === 'string' ? japanDateAndTime(record.heldAt)?.date : undefined;
  const name = [record.localName, record.legalTypeLabel].find((value) => typeof value === 'string' && value !== '') ?? '';
  return `${String(name)} ${day ? formatDate(day, 'wareki') : ''}`.trim();
}
