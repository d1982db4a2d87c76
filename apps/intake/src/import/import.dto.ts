import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IMPORT_FORMATS, ImportJobViewOf, ImportQueryOf, ImportReportViewOf, ImportTemplateViewOf } from '@tsunagu/platform-import';
import { IMPORT_RECORD_TYPES, type ImportRecordType } from './import-templates';

export class ImportQuery extends ImportQueryOf(
  IMPORT_RECORD_TYPES,
  'Which template the file follows: persons (対象者), households (世帯), consultations (相談受付), consents (同意), referrals (つなぎ), cases (多機関協働ケース), plans (支援プラン).',
) {}

export class ImportDuplicateView {
  @ApiProperty({ type: 'integer' }) line!: number;
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true, description: 'Existing people who may be the same person (check them; nothing is merged).' })
  candidateIds!: string[];
  @ApiProperty({ type: 'integer', isArray: true, description: 'Earlier lines of the same file that may be the same person.' })
  candidateLines!: number[];
  @ApiProperty({ type: 'string', isArray: true, enum: ['kana-birth-date', 'phone'] }) matchedOn!: string[];
}

export class ImportReportView extends ImportReportViewOf(IMPORT_RECORD_TYPES, {
  id: 'The import (GET /imports/{id}); null for a dry run or a refused file.',
  notices: 'Rows imported in a nearer state than the file gives, because the API’s rules need records the old system does not bring (a held 重層的支援会議): by line and column, in Japanese.',
}) {
  @ApiProperty({ type: ImportDuplicateView, isArray: true }) duplicates!: ImportDuplicateView[];
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

export class ImportTemplateView extends ImportTemplateViewOf(IMPORT_RECORD_TYPES) {}

export class ImportJobView extends ImportJobViewOf(IMPORT_RECORD_TYPES, ImportReportView) {}
