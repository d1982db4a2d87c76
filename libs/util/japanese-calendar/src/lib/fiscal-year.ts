/** 年度 (April – March) and 和暦 labels (DOMAIN §6.1). Dates are `YYYY-MM-DD` in Japan time. */

const era = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: 'UTC' });
const eraMonth = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', timeZone: 'UTC' });
const eraDay = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** ICU writes 令和1年; staff expect 令和元年. */
const gannen = (text: string) => text.replace(/^(\D+?)1年/, '$1元年');

/** 年度 of a Japanese calendar date: 2026-03-31 → 2025, 2026-04-01 → 2026. */
export function fiscalYearOf(isoDate: string): number {
  const [year, month] = isoDate.split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

/** First and last day of a 年度. */
export function fiscalYearRange(fiscalYear: number): { start: string; end: string } {
  return { start: `${fiscalYear}-04-01`, end: `${fiscalYear + 1}-03-31` };
}

/** The 12 months of a 年度, `YYYY-MM`. */
export function fiscalYearMonths(fiscalYear: number): string[] {
  return Array.from({ length: 12 }, (_, index) => {
    const month = ((index + 3) % 12) + 1;
    const year = index < 9 ? fiscalYear : fiscalYear + 1;
    return `${year}-${String(month).padStart(2, '0')}`;
  });
}

/** 令和7年度 for 2025 (the era of the year's 1 April, so 2019 is 平成31年度). */
export function fiscalYearLabel(fiscalYear: number): string {
  return `${gannen(era.format(new Date(`${fiscalYear}-04-01T00:00:00Z`)))}度`;
}

/** `YYYY-MM` → 令和7年4月; `YYYY-MM-DD` → 令和7年4月1日. */
export function wareki(value: string): string {
  if (/^\d{4}-\d{2}$/.test(value)) return gannen(eraMonth.format(new Date(`${value}-01T00:00:00Z`)));
  return gannen(eraDay.format(new Date(`${value}T00:00:00Z`)));
}
