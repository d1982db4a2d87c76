import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { BooleanQuery, EnumQuery } from '@tsunagu/platform-http';
import { IMPORT_ENCODINGS, IMPORT_FORMATS, ImportColumnView, ImportProblemView } from '@tsunagu/platform-import';
import { IMPORT_RECORD_TYPES, type ImportRecordType } from './import-templates';

export class ImportQuery {
  @ApiProperty({ enum: IMPORT_RECORD_TYPES, description: 'Which template the file follows: targets (アウトリーチ対象) or contacts (訪問・接触記録; import their targets first).' })
  @IsIn(IMPORT_RECORD_TYPES)
  type!: ImportRecordType;

  @BooleanQuery('true: check the file and report what would happen, changing nothing (default false).')
  dryRun?: boolean;

  @EnumQuery(IMPORT_FORMATS, 'csv or xlsx; by default from the Content-Type (and the file itself: an XLSX file is a ZIP archive).')
  format?: (typeof IMPORT_FORMATS)[number];

  @EnumQuery(IMPORT_ENCODINGS, 'CSV only: auto (UTF-8 with or without BOM, else CP932), utf-8 or cp932 (Shift_JIS).')
  encoding?: (typeof IMPORT_ENCODINGS)[number];
}

export class ImportReportView {
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The import run (its audit record’s resource); null for a dry run or a refused file.' })
  id!: string | null;
  @ApiProperty({ enum: IMPORT_RECORD_TYPES }) type!: ImportRecordType;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ enum: IMPORT_FORMATS }) format!: 'csv' | 'xlsx';
  @ApiProperty({ enum: ['utf-8', 'cp932', 'xlsx'] }) encoding!: 'utf-8' | 'cp932' | 'xlsx';
  @ApiProperty({ type: 'integer', description: 'Data rows read.' }) rows!: number;
  @ApiProperty({ type: 'integer', description: 'Records created (dry run: that would be created).' }) created!: number;
  @ApiProperty({ type: 'integer', description: 'Records whose source id was imported before: left as they are.' }) unchanged!: number;
  @ApiProperty({ type: ImportProblemView, isArray: true, description: 'Rows imported in a nearer state than the file gives (a 終結 target is imported open so its contacts can follow), in Japanese.' })
  notices!: ImportProblemView[];
  @ApiProperty({ type: ImportProblemView, isArray: true, description: 'Every problem; any problem means nothing was imported.' })
  problems!: ImportProblemView[];
}

export class ImportTemplateView {
  @ApiProperty({ enum: IMPORT_RECORD_TYPES }) type!: ImportRecordType;
  @ApiProperty() label!: string;
  @ApiProperty({ type: 'string', enum: IMPORT_RECORD_TYPES, isArray: true, description: 'Types whose source ids its rows name (import those first).' })
  references!: ImportRecordType[];
  @ApiProperty({ type: ImportColumnView, isArray: true }) columns!: ImportColumnView[];
}
