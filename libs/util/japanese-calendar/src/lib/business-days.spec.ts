import { addBusinessDays, businessDaysBetween, isBusinessDay, isJapaneseHoliday, japaneseHolidaysBetween } from './business-days';

describe('business days in Japan', () => {
  it('counts business days over weekends and public holidays', () => {
    // 2025-04-25 is a Friday; 4/29 is 昭和の日.
    expect(addBusinessDays('2025-04-25', 1)).toBe('2025-04-28');
    expect(addBusinessDays('2025-04-25', 3)).toBe('2025-05-01');
    // Golden Week: 5/3 (Sat) 憲法記念日, 5/4 (Sun) みどりの日, 5/5 こどもの日, 5/6 振替休日.
    expect(addBusinessDays('2025-05-02', 1)).toBe('2025-05-07');
    expect(isBusinessDay('2025-05-06')).toBe(false);
    expect(addBusinessDays('2025-05-02', 0)).toBe('2025-05-02');
  });

  it('counts the business days between two dates, the inverse of addBusinessDays', () => {
    expect(businessDaysBetween('2025-04-25', '2025-05-01')).toBe(3);
    expect(businessDaysBetween('2025-05-02', '2025-05-07')).toBe(1);
    expect(businessDaysBetween('2025-05-02', '2025-05-02')).toBe(0);
    expect(businessDaysBetween('2025-05-07', '2025-05-02')).toBe(0);
    // Year end: 12/29 – 1/3 are not public holidays (年末年始 is a municipal closure, not 国民の祝日); 1/1 is.
    expect(businessDaysBetween('2025-12-26', '2026-01-05')).toBe(5);
    for (const [from, days] of [['2025-04-01', 10], ['2025-12-20', 7], ['2026-02-06', 4]] as const) {
      expect(businessDaysBetween(from, addBusinessDays(from, days))).toBe(days);
    }
  });

  it('lists the public holidays of a period', () => {
    expect(japaneseHolidaysBetween('2025-04-29', '2025-05-06')).toEqual(['2025-04-29', '2025-05-03', '2025-05-04', '2025-05-05', '2025-05-06']);
    expect(isJapaneseHoliday('2025-01-01')).toBe(true);
    expect(isJapaneseHoliday('2025-12-29')).toBe(false);
  });
});
