import { parse } from 'csv-parse/sync';
import { Workbook, type CellValue } from 'exceljs';
import { DomainException } from '@tsunagu/platform-errors';
import { CsvEncodingError, decodeCsvBytes, type CsvEncoding } from '@tsunagu/util-csv';

export type ImportFormat = 'csv' | 'xlsx';

export interface ImportTable {
  format: ImportFormat;
  encoding: 'utf-8' | 'cp932' | 'xlsx';
  header: string[];
  /** Data rows with the line (CSV) or row number (XLSX) staff see in their spreadsheet. */
  rows: { line: number; cells: string[] }[];
}

/** XLSX files are ZIP archives: they start with PK\x03\x04. */
export function looksLikeXlsx(body: Buffer): boolean {
  return body.length > 4 && body[0] === 0x50 && body[1] === 0x4b && body[2] === 0x03 && body[3] === 0x04;
}

/** Reads the first sheet of an XLSX file, or a CSV file in UTF-8 (with or without BOM) or CP932. */
export async function readImportTable(body: Buffer, format: ImportFormat, encoding: CsvEncoding): Promise<ImportTable> {
  const table = format === 'xlsx' ? await readXlsx(body) : readCsv(body, encoding);
  // Rows with no value at all (Excel's trailing blank rows) are not records.
  table.rows = table.rows.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  if (table.header.every((cell) => cell.trim() === '')) throw DomainException.invalidField('body', 'ファイルが空です（1行目に見出しが必要です）');
  if (table.rows.length === 0) throw DomainException.invalidField('body', '見出しの行だけでデータの行がありません');
  return table;
}

function readCsv(body: Buffer, encoding: CsvEncoding): ImportTable {
  let decoded: ReturnType<typeof decodeCsvBytes>;
  try {
    decoded = decodeCsvBytes(body, encoding);
  } catch (error) {
    if (error instanceof CsvEncodingError) throw DomainException.invalidField('encoding', 'ファイルが UTF-8 ではありません（Shift_JIS の場合は encoding=cp932）');
    throw error;
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decoded.text, { info: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as unknown as typeof records;
  } catch (error) {
    // csv-parse names the line it stopped at; its message never quotes a cell.
    const line = (error as { lines?: number }).lines;
    throw DomainException.invalidField('body', `CSV として読めません${line ? `（${line}行目付近: 引用符の閉じ忘れなど）` : ''}`);
  }
  if (records.length === 0) throw DomainException.invalidField('body', 'ファイルが空です（1行目に見出しが必要です）');
  return {
    format: 'csv',
    encoding: decoded.encoding,
    header: records[0].record,
    rows: records.slice(1).map(({ record, info }) => ({ line: info.lines - record.join('').split('\n').length + 1, cells: record })),
  };
}

async function readXlsx(body: Buffer): Promise<ImportTable> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw DomainException.invalidField('body', 'XLSX ファイルとして読めません');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw DomainException.invalidField('body', 'XLSX ファイルにシートがありません');
  const lines: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    lines.push({ line: rowNumber, cells: Array.from(cells, (cell) => cell ?? '') });
  });
  if (lines.length === 0) throw DomainException.invalidField('body', 'ファイルが空です（1行目に見出しが必要です）');
  return { format: 'xlsx', encoding: 'xlsx', header: lines[0].cells, rows: lines.slice(1) };
}

/**
 * A cell as the text staff see. A formula cell gives the value Excel stored with it (nothing is ever evaluated here);
 * dates become ISO dates, and date-times the date and time as the sheet shows them (`2024-04-02 10:30`).
 */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateCellText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: CellValue }).result;
      return result === undefined || (typeof result === 'object' && result !== null && 'error' in result) ? '' : cellText(result);
    }
    if ('text' in value && typeof value.text === 'string') return value.text;
  }
  return '';
}

/**
 * Excel keeps no time zone: a cell holds the wall-clock date and time, which exceljs reads as that time in UTC (a date
 * is UTC midnight). Written back as that wall clock (Japan time, for the rows that read one); to the second, since a
 * serial's binary fraction is a few microseconds off.
 */
function dateCellText(value: Date): string {
  if (Number.isNaN(value.getTime())) return '';
  const wallClock = new Date(Math.round(value.getTime() / 1000) * 1000).toISOString();
  const [date, time] = [wallClock.slice(0, 10), wallClock.slice(11, 19)];
  if (time === '00:00:00') return date;
  return `${date} ${time.endsWith(':00') ? time.slice(0, 5) : time}`;
}
