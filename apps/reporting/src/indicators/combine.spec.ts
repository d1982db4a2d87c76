import { combine, publishCombined } from './combine';

describe('combined measures', () => {
  it('computes from their parts', () => {
    expect(combine('sum', 3, 4)).toBe(7);
    expect(combine('difference', 10, 4)).toBe(6);
    expect(combine('ratio', 2, 3)).toBe(0.667);
    expect(combine('percentage', 2, 3)).toBe(66.7);
  });

  it('gives none, not a division by zero, for a ratio or percentage of nothing', () => {
    expect(combine('ratio', 5, 0)).toBeNull();
    expect(combine('percentage', 0, 0)).toBeNull();
    expect(combine('sum', 0, 0)).toBe(0);
  });

  it('suppresses a published figure when a part is a small count', () => {
    expect(publishCombined('percentage', 1, 10, 3)).toEqual({ value: null, suppressed: true });
    expect(publishCombined('percentage', 5, 10, 3)).toEqual({ value: 50, suppressed: false });
    expect(publishCombined('difference', 5, 4, 3)).toEqual({ value: null, suppressed: true });
    expect(publishCombined('percentage', 1, 10, null)).toEqual({ value: 10, suppressed: false });
  });
});
