import { describe, expect, it } from 'vitest';
import { barShares, fiscalYearMonths, funnelBars, monthlyBars, mutualAidBars } from './chartData';

describe('chart data', () => {
  it('lists the months of a 年度 from April to March', () => {
    const months = fiscalYearMonths(2025);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2025-04');
    expect(months[8]).toBe('2025-12');
    expect(months[9]).toBe('2026-01');
    expect(months[11]).toBe('2026-03');
  });

  it('fills months without consultations with 0, sums breakdown rows and keeps suppression', () => {
    const bars = monthlyBars(2025, [
      { month: '2025-05', count: 3, suppressed: false },
      { month: '2025-05', count: 2, suppressed: false },
      { month: '2026-02', count: null, suppressed: true },
      { month: '2024-05', count: 9, suppressed: false },
    ]);
    expect(bars.map((bar) => bar.value)).toEqual([0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(bars[1]).toMatchObject({ key: '2025-05', label: '5月' });
    expect(bars[10]).toMatchObject({ key: '2026-02', suppressed: true, value: 0 });
    expect(bars[0].suppressed).toBe(false);
  });

  it('orders the referral funnel and keeps unknown statuses at the end', () => {
    const bars = funnelBars({ completed: 2, requested: 7, accepted: 4, 'on-hold': 1 });
    expect(bars.map((bar) => [bar.key, bar.value])).toEqual([
      ['requested', 7],
      ['accepted', 4],
      ['completed', 2],
      ['declined', 0],
      ['failed', 0],
      ['on-hold', 1],
    ]);
    expect(bars[0].label).toBe('tsunagu.codes.referralStatus.requested');
  });

  it('scales mutual-aid coverage to the number of districts', () => {
    const { bars, max } = mutualAidBars({ rows: [{}, {}, {}, {}], totals: { visitTypeB: 1, dayTypeB: 2, other: 0, districts: 3 } });
    expect(max).toBe(4);
    expect(barShares(bars, max)).toEqual([0.25, 0.5, 0, 0.75]);
  });

  it('scales to the largest bar without a maximum, and an all-zero chart stays empty', () => {
    expect(barShares([{ key: 'a', label: 'a', value: 2 }, { key: 'b', label: 'b', value: 8 }])).toEqual([0.25, 1]);
    expect(barShares([{ key: 'a', label: 'a', value: 0 }])).toEqual([0]);
  });
});
