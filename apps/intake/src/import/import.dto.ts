import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { BooleanQuery, EnumQuery } from '@tsunagu/platform-http';
import { IMPORT_ENCODINGS, IMPORT_FORMATS, ImportColumnView, ImportProblemView } from '@tsunagu/platform-import';
import { IMPORT_RECORD_TYPES, type ImportRecordType } from './import-templates';

export class ImportQuery {
  @ApiProperty({ enum: IMPORT_RECORD_TYPES, description: 'Which template the file follows: persons (対象者), households (世帯), consultations (相談受付), consents (同意), referrals (つなぎ), cases (多機関協働ケース), plans (支援プラン).' })
  @IsIn(IMPORT_RECORD_TYPES)
  type!: ImportRecordType;

  @BooleanQuery('true: check the file and report what would happen, changing nothing (default false).')
  dryRun?: boolean;

  @EnumQuery(IMPORT_FORMATS, 'csv or xlsx; by default from the Content-Type (and the file itself: an XLSX file is a ZIP archive).')
  format?: (typeof IMPORT_FORMATS)[number];

  @EnumQuery(IMPORT_ENCODINGS, 'CSV only: auto (UTF-8 with or without BOM, else CP932), utf-8 or cp932 (Shift_JIS).')
  encoding?: (typeof IMPORT_ENCODINGS)[number];
}

export class ImportDuplicateView {
  @ApiProperty({ type: 'integer' }) line!: number;
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true, description: 'Existing people who may be the same person (check them; nothing is merged).' })
  candidateIds!: string[];
  @ApiProperty({ type: 'integer', isArray: true, description: 'Earlier lines of the same file that may be the same person.' })
  candidateLines!: number[];
  @ApiProperty({ type: 'string', isArray: true, enum: ['kana-birth-date', 'phone'] }) matchedOn!: string[];
}

export class ImportReportView {
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The import (GET /imports/{id}); null for a dry run or a refused file.' })
  id!: string | null;
  @ApiProperty({ enum: IMPORT_RECORD_TYPES }) type!: ImportRecordType;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ enum: IMPORT_FORMATS }) format!: 'csv' | 'xlsx';
  @ApiProperty({ enum: ['utf-8', 'cp932', 'xlsx'] }) encoding!: 'utf-8' | 'cp932' | 'xlsx';
  @ApiProperty({ type: 'integer', description: 'Data rows read.' }) rows!: number;
  @ApiProperty({ type: 'integer', description: 'Records created (dry run: that would be created).' }) created!: number;
  @ApiProperty({ type: 'integer', description: 'Records whose source id was imported before: left as they are.' }) unchanged!: number;
  @ApiProperty({ type: ImportDuplicateView, isArray: true }) duplicates!: ImportDuplicateView[];
  @ApiProperty({
    type: ImportProblemView,
    isArray: true,
    description: 'Rows imported in a nearer state than the file gives, because the API’s rules need records the old system does not bring (a held 重層的支援会議): by line and column, in Japanese.',
  })
  notices!: ImportProblemView[];
  @ApiProperty({ type: ImportProblemView, isArray: true, description: 'Every problem; any problem means nothing was imported.' })
  problems!: ImportProblemView[];
}

export class ImportRunView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: IMPORT_RECORD_TYPES }) type!: ImportRecordType;
  @ApiProperty({ enum: ['completed'], description: 'Imports run within the request; a recorded import is complete.' }) status!: 'completed';
  @ApiProperty({ enum: IMPORT_FORMATS }) format!: string;
  @ApiProperty({ type: 'integer' }) rows!: number;
  @ApiProperty({ type: 'integer' }) created!: number;
  @ApiProperty({ type: 'integer' }) unchanged!: number;
  @ApiProperty({ type: 'integer' }) duplicateCandidates!: number;
  @ApiPropertyOptional({ type: 'string', format: 'uuid', nullable: true, description: 'The desk the records belong to.' }) organizationId!: string | null;
  @ApiProperty() importedBy!: string;
  @ApiProperty({ format: 'date-time' }) importedAt!: string;
}

export class ImportTemplateView {
  @ApiProperty({ enum: IMPORT_RECORD_TYPES }) type!: ImportRecordType;
  @ApiProperty() label!: string;
  @ApiProperty({ type: 'string', enum: IMPORT_RECORD_TYPES, isArray: true, description: 'Types whose source ids its rows name (import those first).' })
  references!: ImportRecordType[];
  @ApiProperty({ type: ImportColumnView, isArray: true }) columns!: ImportColumnView[];
}

export class ImportJobView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: IMPORT_RECORD_TYPES }) type!: ImportRecordType;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed'], description: 'failed: the file had problems (see report), or the job was cut off; nothing was imported.' })
  status!: 'running' | 'succeeded' | 'failed';
  @ApiProperty({ type: 'integer', description: 'Data rows of the file (0 until it is read).' }) rows!: number;
  @ApiProperty({ type: 'integer', description: 'Rows checked so far.' }) checkedRows!: number;
  @ApiProperty({ type: 'integer', description: 'Records created so far (kept only if the whole file succeeds).' }) created!: number;
  @ApiProperty({ type: ImportReportView, nullable: true, description: 'The report once finished, as the answer of an import in the request.' })
  report!: ImportReportView | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Why it failed, in Japanese (never a cell).' }) failure!: string | null;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt!: string | null;
}
