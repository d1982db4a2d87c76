import * as iconv from 'iconv-lite';

/*
 * The one reader of staff spreadsheets' bytes (DOMAIN §6.2): a city's kintone or Excel export is UTF-8 (with or
 * without the BOM Excel writes) or CP932 (Windows-31J, what Excel calls Shift_JIS). Used by the registry's resource
 * CSV import and intake's and outreach's record imports.
 */

export type CsvEncoding = 'utf-8' | 'cp932' | 'auto';

/** The bytes are not valid in the encoding the caller insisted on. */
export class CsvEncodingError extends Error {
  constructor(readonly encoding: 'utf-8' | 'cp932') {
    super(`the file is not valid ${encoding}`);
    this.name = 'CsvEncodingError';
  }
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** `auto` | `utf-8` | `cp932`, and the names people use for them (Shift_JIS, SJIS, Windows-31J, utf8); undefined when unknown. */
export function csvEncodingOf(name: string | undefined): CsvEncoding | undefined {
  const chosen = (name ?? 'auto').toLowerCase().replace(/^(shift_jis|shift-jis|sjis|windows-31j|ms932)$/, 'cp932').replace(/^utf8$/, 'utf-8');
  return chosen === 'auto' || chosen === 'utf-8' || chosen === 'cp932' ? chosen : undefined;
}

/**
 * Decodes a CSV file: UTF-8 with or without BOM, else (auto) CP932. Throws CsvEncodingError when `utf-8` was asked
 * for and the bytes are not UTF-8. CP932 bytes with no character (and 外字 in the user-defined area, which decode to
 * the private use area) stay visible as U+FFFD / U+E000–U+F8FF for the caller to report, never silently dropped.
 */
export function decodeCsvBytes(body: Buffer, encoding: CsvEncoding): { text: string; encoding: 'utf-8' | 'cp932' } {
  if (encoding === 'cp932') return { text: iconv.decode(body, 'cp932'), encoding: 'cp932' };
  const withoutBom = body.subarray(0, 3).equals(UTF8_BOM) ? body.subarray(3) : body;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(withoutBom), encoding: 'utf-8' };
  } catch {
    if (encoding === 'utf-8') throw new CsvEncodingError('utf-8');
    return { text: iconv.decode(body, 'cp932'), encoding: 'cp932' };
  }
}
