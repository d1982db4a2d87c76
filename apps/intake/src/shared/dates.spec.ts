import { fiscalYearLabel } from './dates';

describe('dates', () => {
  it('derives the era label of a 年度 for reception and case numbers', () => {
    expect(fiscalYearLabel(2025)).toBe('R7');
    expect(fiscalYearLabel(2019)).toBe('R1');
    expect(fiscalYearLabel(2018)).toBe('H30');
  });
});
