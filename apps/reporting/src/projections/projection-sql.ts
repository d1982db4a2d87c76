/** Runs one statement with `?` placeholders; returns the affected row count. */
export type SqlRunner = (sql: string, params: readonly unknown[]) => Promise<number>;

/** PostgreSQL array literal of ids or ASCII codes (never free text, so no quoting is needed). */
export function pgArray(values: readonly string[]): string {
  for (const value of values) if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new Error(`not an id or code: ${value}`);
  return `{${values.join(',')}}`;
}
