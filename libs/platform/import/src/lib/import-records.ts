import { ApiProperty } from '@nestjs/swagger';
import { Property } from '@mikro-orm/core';
import { IsIn } from 'class-validator';
import { BooleanQuery, EnumQuery } from '@tsunagu/platform-http';
import { TenantEntity } from '@tsunagu/platform-persistence';
import type { CsvEncoding } from '@tsunagu/util-csv';
import { ImportColumnView, ImportProblemView, IMPORT_ENCODINGS, IMPORT_FORMATS } from './import-run';
import type { ImportFormat } from './import-table';

/*
 * What every service's import of one file shares: its command (with the progress a background job follows), the run it
 * records, and the views of its query, report and templates. A service narrows `type` to its record types.
 */

export interface ImportProgress {
  /** Data rows of the file. */
  rows: number;
  /** Rows checked so far (the last data line reached). */
  checkedRows: number;
  /** Records staged so far (kept only if the whole file succeeds). */
  created: number;
}

export type ImportProgressListener = (progress: ImportProgress) => void;

export interface ImportRecordsCommand<T extends string = string> {
  type: T;
  dryRun: boolean;
  format: ImportFormat;
  encoding: CsvEncoding;
  body: Buffer;
  /** Told as rows are checked and records staged, for an import job's progress. */
  progress?: ImportProgressListener;
}

/**
 * One real import of one file: counts only (no file name, no cell), the audit record's resource. Each service maps it
 * to its own `import_run` table (`@Entity`, `@TenantScoped`), adding the columns only it has.
 */
export abstract class ImportRunBase<T extends string = string> extends TenantEntity {
  @Property({ type: 'string', length: 30 })
  recordType!: T;

  @Property({ type: 'string', length: 10 })
  format!: ImportFormat;

  @Property({ type: 'string', length: 10 })
  encoding!: 'utf-8' | 'cp932' | 'xlsx';

  @Property({ type: 'integer' })
  rows!: number;

  @Property({ type: 'integer' })
  created!: number;

  @Property({ type: 'integer' })
  unchanged!: number;

  @Property({ type: 'string', length: 200 })
  importedBy!: string;
}

/** What one file did (or, in a dry run, would do): the fields every service's report has. */
export interface ImportReport<T extends string = string> {
  id: string | null;
  type: T;
  dryRun: boolean;
  format: ImportFormat;
  encoding: 'utf-8' | 'cp932' | 'xlsx';
  rows: number;
  created: number;
  unchanged: number;
  notices: ImportProblemView[];
  problems: ImportProblemView[];
}

/*
 * The views below are made per service over its record types (`class ImportQuery extends ImportQueryOf(TYPES, …) {}`),
 * as Nest's mapped types are, so each OpenAPI document names its own types.
 */

/** POST /imports's query. */
export function ImportQueryOf<T extends string>(types: readonly T[], description: string) {
  class ImportQuery {
    @ApiProperty({ enum: types, description })
    @IsIn(types)
    type!: T;

    @BooleanQuery('true: check the file and report what would happen, changing nothing (default false).')
    dryRun?: boolean;

    @EnumQuery(IMPORT_FORMATS, 'csv or xlsx; by default from the Content-Type (and the file itself: an XLSX file is a ZIP archive).')
    format?: (typeof IMPORT_FORMATS)[number];

    @EnumQuery(IMPORT_ENCODINGS, 'CSV only: auto (UTF-8 with or without BOM, else CP932), utf-8 or cp932 (Shift_JIS).')
    encoding?: (typeof IMPORT_ENCODINGS)[number];
  }
  return ImportQuery;
}

/** The report of one file; `notices` says what the service imports in a nearer state than the file gives. */
export function ImportReportViewOf<T extends string>(types: readonly T[], about: { id: string; notices: string }) {
  class ImportReportView implements ImportReport<T> {
    @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: about.id }) id!: string | null;
    @ApiProperty({ enum: types }) type!: T;
    @ApiProperty() dryRun!: boolean;
    @ApiProperty({ enum: IMPORT_FORMATS }) format!: ImportFormat;
    @ApiProperty({ enum: ['utf-8', 'cp932', 'xlsx'] }) encoding!: 'utf-8' | 'cp932' | 'xlsx';
    @ApiProperty({ type: 'integer', description: 'Data rows read.' }) rows!: number;
    @ApiProperty({ type: 'integer', description: 'Records created (dry run: that would be created).' }) created!: number;
    @ApiProperty({ type: 'integer', description: 'Records whose source id was imported before: left as they are.' }) unchanged!: number;
    @ApiProperty({ type: ImportProblemView, isArray: true, description: about.notices }) notices!: ImportProblemView[];
    @ApiProperty({ type: ImportProblemView, isArray: true, description: 'Every problem; any problem means nothing was imported.' })
    problems!: ImportProblemView[];
  }
  return ImportReportView;
}

/** GET /imports/templates. */
export function ImportTemplateViewOf<T extends string>(types: readonly T[]) {
  class ImportTemplateView {
    @ApiProperty({ enum: types }) type!: T;
    @ApiProperty() label!: string;
    @ApiProperty({ type: 'string', enum: types, isArray: true, description: 'Types whose source ids its rows name (import those first).' })
    references!: T[];
    @ApiProperty({ type: ImportColumnView, isArray: true }) columns!: ImportColumnView[];
  }
  return ImportTemplateView;
}
