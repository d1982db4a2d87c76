import * as iconv from 'iconv-lite';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { toCsv as writeCsv, type CsvColumn } from '@tsunagu/util-csv';
import { suppressCount } from './suppression';

/*
 * Tidy exports (DOMAIN §6.2): one header row, one table per file, codes next to labels, blank distinct
 * from 0, 西暦 with an optional 和暦 column. UTF-8 with BOM by default; CP932 on request, refusing (never
 * replacing) characters CP932 cannot hold.
 */

export type ExportFormat = 'json' | 'csv';
export type CsvEncoding = 'utf-8' | 'cp932';

export type Column<R> = CsvColumn<R>;

export interface TidyTable<R> {
  /** File name stem, e.g. `mutual-aid_2025-04-01`. */
  name: string;
  columns: Column<R>[];
  rows: R[];
}

export interface EncodedExport {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export function toCsv<R>(table: TidyTable<R>): string {
  return writeCsv(table.columns, table.rows, { booleans: ['1', '0'] });
}

/** Characters of `text` that CP932 (Windows-31J) cannot hold, each once, in order of appearance. */
export function cp932Unencodable(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) continue;
    if (iconv.decode(iconv.encode(char, 'cp932'), 'cp932') !== char) found.add(char);
  }
  return [...found];
}

export function encodeCsv<R>(table: TidyTable<R>, encoding: CsvEncoding): EncodedExport {
  const text = toCsv(table);
  if (encoding === 'cp932') {
    const unencodable = cp932Unencodable(text);
    if (unencodable.length > 0) {
      throw new DomainException(DomainErrorCode.ValidationFailed, `CP932 cannot hold ${unencodable.length} character(s) of this export; use UTF-8 or correct the data`, {
        errors: { encoding: `CP932で表せない文字: ${unencodable.join(' ')}` },
        unencodable: unencodable.map((char) => ({ char, codePoint: `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` })),
      });
    }
    return { body: iconv.encode(text, 'cp932'), contentType: 'text/csv; charset=Shift_JIS', fileName: `${table.name}_cp932.csv` };
  }
  return { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), contentType: 'text/csv; charset=utf-8', fileName: `${table.name}_utf8bom.csv` };
}

/** Published cells with 0 < n < threshold become blank and flagged; zeros stay (the primary rule of shared/suppression). */
export function suppress(count: number, threshold: number): { count: number | null; suppressed: boolean } {
  const cell = suppressCount(count, threshold);
  return { count: cell.value, suppressed: cell.suppressed };
}
