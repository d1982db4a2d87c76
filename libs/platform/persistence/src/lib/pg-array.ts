/**
 * A list of strings as PostgreSQL's array text, for a `?::text[]` or `?::uuid[]` parameter: raw bindings spread a JS
 * array into `?, ?, ?`. Every element is double-quoted with `"` and `\` escaped, so commas, braces, spaces, empty
 * strings and the word NULL arrive as written.
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
