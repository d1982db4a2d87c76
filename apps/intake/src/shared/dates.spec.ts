import { fiscalYearPrefix } from './dates';

describe('dates', () => {
  it('derives the era label of a 年度 for reception and case numbers', () => {
    expect(fiscalYearPrefix(2025)).toBe('R7');
    expect(fiscalYearPrefix(2019)).toBe('R1');
    expect(fiscalYearPrefix(2018)).toBe('H30');
  });
});
