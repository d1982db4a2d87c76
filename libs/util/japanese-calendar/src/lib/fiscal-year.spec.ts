import { fiscalYearMonths, fiscalYearOf, fiscalYearRange } from './fiscal-year';

describe('年度 and 和暦', () => {
  it('derives the 年度 of a date (April – March) and its first and last day', () => {
    expect(fiscalYearOf('2025-04-01')).toBe(2025);
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearRange(2025)).toEqual({ start: '2025-04-01', end: '2026-03-31' });
    expect(fiscalYearMonths(2025)).toHaveLength(12);
    expect(fiscalYearMonths(2025)[0]).toBe('2025-04');
    expect(fiscalYearMonths(2025)[8]).toBe('2025-12');
    expect(fiscalYearMonths(2025)[11]).toBe('2026-03');
  });
});
