import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { LEGAL_BASES, NOTE_KINDS, type LegalBasis, type NoteKind } from '@tsunagu/contracts';
import { ListQuery, EnumQuery, UuidQuery } from '@tsunagu/platform-http';
import { WithheldFieldView } from '../access/withholding';

export class RecordProgressNoteCommand {
  @ApiPropertyOptional({ format: 'uuid', description: 'Case the note belongs to (agencies: a case their organisation has a role in).' })
  @IsOptional()
  @IsUUID('all')
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Or the consultation it belongs to (staff only).' })
  @IsOptional()
  @IsUUID('all')
  consultationId?: string;

  @ApiProperty({ format: 'date-time' })
  @IsDateString({ strict: true })
  occurredAt!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1440 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440)
  durationMin?: number;

  @ApiProperty({ enum: NOTE_KINDS, description: '面談 / 電話 / 訪問 / 同行 / メール・文書 / 関係機関連絡 / 会議 / その他' })
  @IsIn(NOTE_KINDS)
  kind!: NoteKind;

  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @Length(1, 20000)
  text!: string;

  @ApiProperty({ enum: LEGAL_BASES, description: 'Legal basis the information came in under (本人同意 / 社福法106条の6支援会議 / 虐待防止法等通報 / 自機関所掌事務 / 他法令 / 公開情報).' })
  @IsIn(LEGAL_BASES)
  legalBasis!: LegalBasis;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for the 106条の6 basis: the 支援会議 the information was shared in.' })
  @IsOptional()
  @IsUUID('all')
  meetingId?: string;
}

export class ProgressNoteListQuery extends ListQuery {
  @UuidQuery('Notes of this case.')
  caseId?: string;

  @UuidQuery('Notes of this consultation.')
  consultationId?: string;

  @EnumQuery(LEGAL_BASES, 'Legal basis.')
  legalBasis?: LegalBasis;
}

export class ProgressNoteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) caseId!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) consultationId!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ nullable: true, type: 'integer' }) durationMin!: number | null;
  @ApiProperty({ enum: NOTE_KINDS }) kind!: NoteKind;
  @ApiProperty() authorStaff!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) authorOrganizationId!: string | null;
  @ApiProperty({ nullable: true, type: 'string', description: 'null when withheld (see withheldFields).' }) text!: string | null;
  @ApiProperty({ enum: LEGAL_BASES }) legalBasis!: LegalBasis;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) meetingId!: string | null;
  @ApiProperty({ type: WithheldFieldView, isArray: true, description: 'Fields withheld from the caller (value null) and why: 支援経過 of another organisation without a basis that covers the caller.' })
  withheldFields!: WithheldFieldView[];
}
