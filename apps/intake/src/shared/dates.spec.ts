import { addBusinessDays, fiscalYearLabel, fiscalYearOf, isBusinessDay } from './dates';

describe('dates', () => {
  it('counts business days over weekends and public holidays', () => {
    // 2025-04-25 is a Friday; 4/29 is 昭和の日.
    expect(addBusinessDays('2025-04-25', 1)).toBe('2025-04-28');
    expect(addBusinessDays('2025-04-25', 3)).toBe('2025-05-01');
    // Golden Week: 5/3 (Sat) 憲法記念日, 5/4 (Sun) みどりの日, 5/5 こどもの日, 5/6 振替休日.
    expect(addBusinessDays('2025-05-02', 1)).toBe('2025-05-07');
    expect(isBusinessDay('2025-05-06')).toBe(false);
  });

  it('derives 年度 and its era label', () => {
    expect(fiscalYearOf('2025-04-01')).toBe(2025);
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearLabel(2025)).toBe('R7');
    expect(fiscalYearLabel(2018)).toBe('H30');
  });
});
