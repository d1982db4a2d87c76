import { ApiProperty } from '@nestjs/swagger';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldErrors } from '@tsunagu/platform-http';
import { DomainErrorCode, DomainException, type FieldErrors } from '@tsunagu/platform-errors';
import type { CsvEncoding } from '@tsunagu/util-csv';
import { readImportHeader, type ImportHeaderTemplate } from './import-header';
import { cellProblem, ImportRow, type ImportColumn, type ImportProblem } from './import-row';
import { looksLikeXlsx, readImportTable, type ImportFormat, type ImportTable } from './import-table';

/*
 * What every service's データ取込 does around its own templates: the request (file as body, format, 10 MiB), the
 * report's problem and column views, the source id of a row, the API's validation of a row's command, and the
 * all-or-nothing answer (a dry run or a file with problems is rolled back, keeping its report).
 */

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'cp932'] as const;

/** Largest import file (bytes): the local edge's and the production ingress's request limit (10 MiB). Larger files are split. */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

export class ImportProblemView {
  @ApiProperty({ type: 'integer', description: 'Line of the file (CSV) or row of the sheet (XLSX); 1 is the header.' }) line!: number;
  @ApiProperty({ description: 'The column heading as in the file (or 「N列目」).' }) column!: string;
  @ApiProperty({ description: 'What is wrong, in Japanese (never the cell’s value).' }) message!: string;
}

export class ImportColumnView {
  @ApiProperty({ description: 'Heading in the file.' }) header!: string;
  @ApiProperty({ type: 'string', isArray: true }) aliases!: string[];
  @ApiProperty() required!: boolean;
  @ApiProperty() description!: string;
}

/** A template's columns as `GET /imports/templates` shows them. */
export function importColumnViews(columns: readonly ImportColumn[]): ImportColumnView[] {
  return columns.map((column) => ({ header: column.header, aliases: [...(column.aliases ?? [])], required: column.required ?? false, description: column.description }));
}

/** The request's file and its format (the query's, else from the Content-Type and the bytes); 415 when there is no file. */
export function importFileOf(body: unknown, contentType: string | undefined, format: ImportFormat | undefined): { body: Buffer; format: ImportFormat } {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new DomainException(DomainErrorCode.UnsupportedMediaType, 'Send the file as the request body with Content-Type text/csv or the XLSX type', {
      errors: { body: 'ファイルを送ってください（text/csv または XLSX）' },
    });
  }
  return { body, format: format ?? ((contentType ?? '').includes('spreadsheetml') || looksLikeXlsx(body) ? 'xlsx' : 'csv') };
}

/** Thrown inside an import's transaction to roll it back (a dry run, or a file with problems) while keeping the report. */
export class ImportRolledBack<R> extends Error {
  constructor(readonly report: R) {
    super('import rolled back');
  }
}

/** A dry run answers its report; a real run with problems imported nothing and answers 400 with the same report. */
export function answerImport<R extends { dryRun: boolean; problems: readonly { line: number; column: string; message: string }[] }>(report: R): R {
  if (report.dryRun || report.problems.length === 0) return report;
  throw new DomainException(DomainErrorCode.ValidationFailed, `${report.problems.length}件の問題があるため、このファイルは取り込みませんでした`, {
    errors: Object.fromEntries(report.problems.slice(0, 100).map((problem) => [`${problem.line}行目 ${problem.column}`, problem.message])),
    report,
  });
}

/**
 * The row's source id (NFKC), or undefined (with a problem) when it is missing, longer than 100 or repeated in the file
 * (`group`: rows of one record, such as a household's members, share it).
 */
export function importSourceIdOf(row: ImportRow, column: string, seen: Map<string, number>, group = false): string | undefined {
  const sourceId = row.required(column)?.normalize('NFKC');
  if (!sourceId) return undefined;
  if (sourceId.length > 100) {
    row.fail(column, '100文字以内にしてください');
    return undefined;
  }
  const first = seen.get(sourceId);
  if (first !== undefined && !group) {
    row.fail(column, `同じ番号が${first}行目にもあります`);
    return undefined;
  }
  if (first === undefined) seen.set(sourceId, row.line);
  return sourceId;
}

/** A row's command as the API's validation pipe would build it, or the field errors it refuses it with. */
export async function validatedImportCommand<T extends object>(type: ClassConstructor<T>, plain: object): Promise<{ command: T; errors?: undefined } | { command?: undefined; errors: FieldErrors }> {
  const command = plainToInstance(type, plain, { exposeUnsetFields: false });
  const errors = fieldErrors(await validate(command, { whitelist: true, forbidNonWhitelisted: true }));
  return Object.keys(errors).length === 0 ? { command } : { errors };
}

/** A file read against a template: its table, the columns found, one ImportRow per data row (unreadable cells already reported), and the header's problems. */
export interface ImportFile {
  table: ImportTable;
  columns: Map<string, { index: number; header: string }>;
  rows: ImportRow[];
  headerProblems: ImportProblem[];
  /** Orders problems by line, then as the file's columns stand. */
  byLineAndColumn: (a: ImportProblem, b: ImportProblem) => number;
}

export async function readImportFile(template: ImportHeaderTemplate, body: Buffer, format: ImportFormat, encoding: CsvEncoding): Promise<ImportFile> {
  const table = await readImportTable(body, format, encoding);
  const headerProblems: ImportProblem[] = [];
  const columns = readImportHeader(template, table.header, headerProblems);
  const headers = Object.fromEntries(template.columns.map((column) => [column.key, column.header]));
  const rows = table.rows.map((row) => new ImportRow(row.line, row.cells, columns, headers));
  for (const row of rows) {
    for (const key of columns.keys()) {
      const problem = cellProblem(row.text(key));
      if (problem) row.fail(key, problem);
    }
  }
  const position = new Map([...columns.values()].map((column) => [column.header, column.index]));
  const at = (problem: ImportProblem) => position.get(problem.column) ?? Number.MAX_SAFE_INTEGER;
  return { table, columns, rows, headerProblems, byLineAndColumn: (a, b) => a.line - b.line || at(a) - at(b) };
}
