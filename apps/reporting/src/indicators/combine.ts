import type { PublishedCell } from '../shared/suppression';
import type { MeasureOperation } from './indicator.entity';

/** The value of a combined measure from its two parts; none (null) for a ratio or percentage of nothing. */
export function combine(operation: MeasureOperation, a: number, b: number): number | null {
  switch (operation) {
    case 'sum':
      return a + b;
    case 'difference':
      return a - b;
    case 'ratio':
      return b === 0 ? null : Math.round((a / b) * 1000) / 1000;
    case 'percentage':
      return b === 0 ? null : Math.round((a / b) * 1000) / 10;
  }
}

/**
 * Published: a combined figure is suppressed when either part is a small count (a rate of 1 in 2 tells about one
 * person as plainly as the count does), and a sum or difference like any count.
 */
export function publishCombined(operation: MeasureOperation, a: number, b: number, threshold: number | null): PublishedCell {
  const value = combine(operation, a, b);
  if (threshold === null) return { value, suppressed: false };
  const small = (count: number) => count > 0 && count < threshold;
  const counted = operation === 'sum' || operation === 'difference';
  return small(a) || small(b) || (counted && value !== null && small(Math.abs(value))) ? { value: null, suppressed: true } : { value, suppressed: false };
}
