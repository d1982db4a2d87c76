import { addDays, dateInJapan, daysBetween, fiscalYearOf, startOfJapanDay } from './dates';

describe('Japan dates', () => {
  it('takes the calendar date in Japan (UTC+9) and its 年度', () => {
    expect(dateInJapan(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
    expect(dateInJapan(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
  });

  it('starts a Japan day at 15:00 UTC the day before, and counts days across month ends', () => {
    expect(startOfJapanDay('2026-01-05').toISOString()).toBe('2026-01-04T15:00:00.000Z');
    expect(addDays('2026-01-28', 7)).toBe('2026-02-04');
    expect(daysBetween('2026-02-25', '2026-03-02')).toBe(5);
  });
});
