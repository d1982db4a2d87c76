import { fiscalYearLabel, fiscalYearOf } from './dates';

describe('dates', () => {
  it('derives 年度 and its era label', () => {
    expect(fiscalYearOf('2025-04-01')).toBe(2025);
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearLabel(2025)).toBe('R7');
    expect(fiscalYearLabel(2018)).toBe('H30');
  });
});
