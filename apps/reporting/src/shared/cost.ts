/** 事業費 per result, whole yen; none (null) when there is no result to divide by, or the result is suppressed. */
export function costPerResult(amountYen: number | null | undefined, result: number | null | undefined): number | null {
  if (amountYen === null || amountYen === undefined || result === null || result === undefined || result <= 0) return null;
  return Math.round(amountYen / result);
}
