/**
 * 和暦 (Japanese era) dates — DOMAIN.md §6.1. Dates travel as ISO 8601 (`YYYY-MM-DD`); staff read and type
 * 和暦 (令和7年4月1日, 元年 for year 1, short R7.4.1 / JIS X 0301 R07.04.01) or 西暦. Pure functions, no Intl
 * calendar support needed (browsers and Node's ICU differ in how they print 元年). Shared by the services (reports,
 * sheets) and the console, so a date reads the same everywhere.
 */

export interface Era {
  /** 令和 */
  name: string;
  /** R (JIS X 0301 / ISO 8601-style initial) */
  initial: string;
  /** First day of the era (ISO date, inclusive). */
  start: string;
}

/** Newest first. 明治 starts at its proclamation (1868-10-23); the Gregorian calendar from 明治6年 (1873). */
export const ERAS: readonly Era[] = [
  { name: '令和', initial: 'R', start: '2019-05-01' },
  { name: '平成', initial: 'H', start: '1989-01-08' },
  { name: '昭和', initial: 'S', start: '1926-12-25' },
  { name: '大正', initial: 'T', start: '1912-07-30' },
  { name: '明治', initial: 'M', start: '1868-10-23' },
];

export type Calendar = 'wareki' | 'seireki';

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

function isoOf({ year, month, day }: DateParts): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function isRealDate({ year, month, day }: DateParts): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The calendar date of an ISO date (`2025-04-01`) as written, or of a timestamp (`2025-03-31T16:00:00Z`) in
 * Japan time (UTC+9, no daylight saving).
 */
export function datePartsOf(value: string | Date): DateParts | undefined {
  if (typeof value === 'string') {
    const match = ISO_DATE.exec(value);
    if (!match) return undefined;
    if (value.length === 10) {
      const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
      return isRealDate(parts) ? parts : undefined;
    }
  }
  const time = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(time)) return undefined;
  const japan = new Date(time + 9 * 3600_000);
  return { year: japan.getUTCFullYear(), month: japan.getUTCMonth() + 1, day: japan.getUTCDate() };
}

/** The era of a date, or undefined before 明治. */
export function eraOf(parts: DateParts): Era | undefined {
  const iso = isoOf(parts);
  return ERAS.find((era) => iso >= era.start);
}

/** 令和7年 → { era: 令和, year: 7 }. */
export function warekiYear(parts: DateParts): { era: Era; year: number } | undefined {
  const era = eraOf(parts);
  if (!era) return undefined;
  return { era, year: parts.year - Number(era.start.slice(0, 4)) + 1 };
}

export type WarekiStyle = 'long' | 'short' | 'jis';

/**
 * 和暦 text of a date: long 「令和7年4月1日」 (元年 for year 1), short 「R7.4.1」, JIS X 0301 「R07.04.01」.
 * Dates before 明治 fall back to 西暦. Returns '' for an empty or unreadable value.
 */
export function formatWareki(value: string | Date | null | undefined, style: WarekiStyle = 'long'): string {
  if (value === null || value === undefined || value === '') return '';
  const parts = datePartsOf(value);
  if (!parts) return '';
  const wareki = warekiYear(parts);
  if (!wareki) return formatSeireki(value);
  const { era, year } = wareki;
  if (style === 'short') return `${era.initial}${year}.${parts.month}.${parts.day}`;
  if (style === 'jis') return `${era.initial}${pad(year)}.${pad(parts.month)}.${pad(parts.day)}`;
  return `${era.name}${year === 1 ? '元' : year}年${parts.month}月${parts.day}日`;
}

/** 西暦 text: 「2025年4月1日」 (Japanese) or 「2025-04-01」 (ISO, for English). */
export function formatSeireki(value: string | Date | null | undefined, style: 'japanese' | 'iso' = 'japanese'): string {
  if (value === null || value === undefined || value === '') return '';
  const parts = datePartsOf(value);
  if (!parts) return '';
  return style === 'iso' ? isoOf(parts) : `${parts.year}年${parts.month}月${parts.day}日`;
}

/** Formats for display in the chosen calendar. */
export function formatDate(value: string | Date | null | undefined, calendar: Calendar, locale = 'ja'): string {
  if (calendar === 'wareki') return formatWareki(value, 'long');
  return formatSeireki(value, locale === 'ja' ? 'japanese' : 'iso');
}

/** Full-width digits and punctuation → ASCII; trims; removes inner spaces. */
function normalise(text: string): string {
  return text
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/[．。・]/g, '.')
    .replace(/[／]/g, '/')
    .replace(/[－ー―‐−]/g, '-')
    .replace(/\s+/g, '')
    .trim();
}

function eraByToken(token: string): Era | undefined {
  const upper = token.toUpperCase();
  return ERAS.find((era) => era.name === token || era.initial === upper || era.name[0] === token);
}

/**
 * Reads what staff type into a date field and returns the ISO date, or undefined when it is not a date:
 * 西暦 `2025-04-01`, `2025/4/1`, `2025.4.1`, `2025年4月1日`, `20250401`; 和暦 `令和7年4月1日`, `令和元年5月1日`,
 * `R7.4.1`, `R07.04.01`, `r7/4/1`, `H31.4.30`, `令7.4.1`; full-width digits are accepted. A 和暦 date must lie
 * inside its era (平成31年5月1日 does not exist: that day is 令和元年5月1日).
 */
export function parseDateInput(input: string | null | undefined): string | undefined {
  if (!input) return undefined;
  const text = normalise(input);
  if (!text) return undefined;

  let match = /^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match) {
    const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    return isRealDate(parts) ? isoOf(parts) : undefined;
  }

  match = /^(令和|平成|昭和|大正|明治|[RHSTMrhstm]|[令平昭大明])(元|\d{1,2})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$/.exec(text);
  if (!match) return undefined;
  const era = eraByToken(match[1]);
  if (!era) return undefined;
  const eraYear = match[2] === '元' ? 1 : Number(match[2]);
  if (eraYear < 1) return undefined;
  const parts = { year: Number(era.start.slice(0, 4)) + eraYear - 1, month: Number(match[3]), day: Number(match[4]) };
  if (!isRealDate(parts)) return undefined;
  return eraOf(parts) === era ? isoOf(parts) : undefined;
}

/**
 * 年度 (fiscal year, April–March) labelled 「令和7年度」 (元年度 for year 1), or 「2025年度」 in 西暦. A 年度 is named after
 * the era in force for most of it, as government documents name it after an era change: FY2019 is 令和元年度 (not
 * 平成31年度), FY1988 昭和63年度, FY1989 平成元年度 (docs/adr/0013).
 */
export function fiscalYearLabel(fiscalYear: number, calendar: Calendar = 'wareki'): string {
  if (calendar === 'seireki') return `${fiscalYear}年度`;
  const wareki = warekiYear({ year: fiscalYear, month: 10, day: 1 });
  if (!wareki) return `${fiscalYear}年度`;
  return `${wareki.era.name}${wareki.year === 1 ? '元' : wareki.year}年度`;
}

/** The short era label of a 年度 for numbers (受付番号, case numbers): 2025 → R7, 2019 → R1, 2018 → H30; same rule as above. */
export function fiscalYearInitial(fiscalYear: number): string {
  const wareki = warekiYear({ year: fiscalYear, month: 10, day: 1 });
  return wareki ? `${wareki.era.initial}${wareki.year}` : String(fiscalYear);
}

/** 和暦 of a month 「令和7年4月」 (`YYYY-MM`) or of a date 「令和7年4月1日」 (`YYYY-MM-DD`); '' when unreadable. */
export function wareki(value: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (!month) return formatWareki(value, 'long');
  const parts = { year: Number(month[1]), month: Number(month[2]), day: 1 };
  if (!isRealDate(parts)) return '';
  const year = warekiYear(parts);
  if (!year) return `${parts.year}年${parts.month}月`;
  return `${year.era.name}${year.year === 1 ? '元' : year.year}年${parts.month}月`;
}
