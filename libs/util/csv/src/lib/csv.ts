import { stringify } from 'csv-stringify/sync';

/*
 * The one CSV writer of the services and the console (DOMAIN §6.2 exports). Cells come from staff and agency
 * input — a district, resource or organisation name — and a spreadsheet runs a cell that starts with = + - @
 * (or a tab or CR before one) as a formula: `=HYPERLINK("http://x","y")` would be a live link in Excel. Every
 * text cell that could start a formula gets a leading apostrophe (OWASP "CSV Injection"); numbers stay numbers,
 * so a genuine -2 is still -2.
 */

/** Starts of a text cell that a spreadsheet may evaluate. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text as a spreadsheet shows it without evaluating it: an apostrophe before a formula start. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | bigint | boolean | Date | null | undefined;

export interface CsvColumn<R> {
  key: keyof R & string;
  header: string;
}

export interface CsvOptions {
  /** How booleans are written (tidy exports: 1 and 0). */
  booleans?: [string, string];
}

/**
 * A CSV document: the header row, then one line per row, CRLF line ends (what Excel expects), quoting as RFC
 * 4180 needs, blank for null/undefined, and every text cell neutralised against formula injection.
 */
export function toCsv<R>(columns: readonly CsvColumn<R>[], rows: readonly R[], options: CsvOptions = {}): string {
  const [yes, no] = options.booleans ?? ['1', '0'];
  const records = [columns.map((column) => column.header), ...rows.map((row) => columns.map((column) => row[column.key] as CsvValue))];
  return stringify(records, {
    record_delimiter: 'windows',
    cast: {
      string: (value) => neutraliseFormula(value),
      boolean: (value) => (value ? yes : no),
      date: (value) => value.toISOString(),
      number: (value) => String(value),
      object: (value) => neutraliseFormula(JSON.stringify(value)),
    },
  });
}
