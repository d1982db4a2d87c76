import { addDays, dateInJapan, daysBetween, endOfJapanDay, startOfJapanDay, todayInJapan } from './japan-dates';

describe('Japan dates', () => {
  it('takes the calendar date in Japan (UTC+9)', () => {
    expect(dateInJapan(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
    expect(dateInJapan(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
    expect(todayInJapan(new Date('2025-12-31T15:00:00Z'))).toBe('2026-01-01');
    expect(todayInJapan()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('starts a Japan day at 15:00 UTC the day before and ends it 24 hours later', () => {
    expect(startOfJapanDay('2026-01-05').toISOString()).toBe('2026-01-04T15:00:00.000Z');
    expect(endOfJapanDay('2026-03-31')).toBe('2026-03-31T15:00:00.000Z');
    expect(endOfJapanDay('2026-01-05')).toBe(startOfJapanDay('2026-01-06').toISOString());
  });

  it('counts calendar days across month and year ends', () => {
    expect(addDays('2026-01-28', 7)).toBe('2026-02-04');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-02-25', '2026-03-02')).toBe(5);
    expect(daysBetween('2026-03-02', '2026-02-25')).toBe(-5);
  });
});
