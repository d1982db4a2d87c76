import { formatDate } from '@tsunagu/util-japanese-calendar';
import { japanDateAndTime } from '../dates/date-time';

/**
 * A meeting as links, pickers and page titles name it: its local name (or legal type) and the day it is held in Japan,
 * in 和暦 as the city's records write it — 「重層的支援会議 令和7年7月15日」.
 */
export function meetingTitle(record: { localName?: string | null; legalTypeLabel?: string | null; heldAt?: string | null }): string {
  const day = record.heldAt ? japanDateAndTime(record.heldAt)?.date : undefined;
  return `${record.localName ?? record.legalTypeLabel ?? ''} ${day ? formatDate(day, 'wareki') : ''}`.trim();
}
