import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  CONSULTANT_RELATIONS,
  CONSULTATION_CATEGORIES,
  CONSULTATION_CONSENT_STATUSES,
  CONSULTATION_ROUTES,
  CONSULTATION_STATUSES,
  DISPOSITIONS,
  ISSUE_TAGS,
  JIGYO_ATTRIBUTIONS,
  URGENCIES,
  type ConsultantRelation,
  type ConsultationCategory,
  type ConsultationConsentStatus,
  type ConsultationRoute,
  type ConsultationStatus,
  type Disposition,
  type IssueTag,
  type JigyoAttribution,
  type Urgency,
} from '@tsunagu/contracts';
import { ListQuery, EnumQuery, IntQuery, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';
import { WithheldFieldView } from '../access/withholding';

export class ReceiveConsultationCommand {
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      '受付日時 (default: now): not in the future, not before the previous 年度; decides the 年度 of the reception number and of every report. A back-dated reception is marked by `recordedAt`.',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  receivedAt?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Receiving organisation (registry id); numbers are counted per organisation. Default: the caller’s desk. Staff of a contracted desk receive only at their own desk (403 naming this field otherwise).',
  })
  @IsOptional()
  @IsUUID('all')
  receivingOrganizationId?: string;

  @ApiProperty({ enum: CONSULTATION_ROUTES, description: '相談経路' })
  @IsIn(CONSULTATION_ROUTES)
  route!: ConsultationRoute;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Referring organisation (関係機関から紹介).' })
  @IsOptional()
  @IsUUID('all')
  referrerOrganizationId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  personId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  householdId?: string | null;

  @ApiProperty({ enum: CONSULTANT_RELATIONS, description: '来談者: 本人 / 家族 / 知人 / 関係機関 / その他' })
  @IsIn(CONSULTANT_RELATIONS)
  consultantRelation!: ConsultantRelation;

  @ApiPropertyOptional({ maxLength: 50, nullable: true, description: '続柄 (e.g. 長女)' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  consultantRelationDetail?: string | null;

  @ApiProperty({ enum: CONSULTATION_CATEGORIES, isArray: true, description: '相談内容 (○), including the primary one' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @CappedArray(CONSULTATION_CATEGORIES.length)
  @IsIn(CONSULTATION_CATEGORIES, { each: true })
  categories!: ConsultationCategory[];

  @ApiProperty({ enum: CONSULTATION_CATEGORIES, description: '主たる相談内容 (◎); must be one of categories' })
  @IsIn(CONSULTATION_CATEGORIES)
  primaryCategory!: ConsultationCategory;

  @ApiPropertyOptional({ enum: ISSUE_TAGS, isArray: true, description: '課題タグ; abuse tags open a 通報 record' })
  @IsOptional()
  @IsArray()
  @CappedArray(ISSUE_TAGS.length)
  @ArrayUnique()
  @IsIn(ISSUE_TAGS, { each: true })
  issueTags?: IssueTag[];

  @ApiPropertyOptional({ maxLength: 8000, nullable: true, description: '主訴: in the person’s own words' })
  @IsOptional()
  @IsString()
  @MaxLength(8000)
  mainComplaint?: string | null;

  @ApiProperty({ enum: URGENCIES, description: '緊急 / 高 / 中 / 低' })
  @IsIn(URGENCIES)
  urgency!: Urgency;

  @ApiProperty({ enum: CONSULTATION_CONSENT_STATUSES, description: '同意あり / 同意なし / 未確認 (decides the form and the meeting track)' })
  @IsIn(CONSULTATION_CONSENT_STATUSES)
  consentStatus!: ConsultationConsentStatus;

  @ApiProperty({ enum: JIGYO_ATTRIBUTIONS, description: 'Counted under (第1号: 介護 / 障害 / 子ども / 困窮 / つながる福祉相談窓口)' })
  @IsIn(JIGYO_ATTRIBUTIONS)
  jigyoAttribution!: JigyoAttribution;
}

/** receivedAt may be corrected within its 年度 (the reception number's series); the receiving desk stays. */
export class UpdateConsultationCommand extends PartialType(OmitType(ReceiveConsultationCommand, ['receivingOrganizationId'] as const)) {
  @VersionProperty()
  version?: number;
}

export class TransitionConsultationCommand {
  @VersionProperty()
  version?: number;
}

export class TriageConsultationCommand extends TransitionConsultationCommand {
  @ApiProperty({ enum: DISPOSITIONS, description: '自機関で対応 / 他機関へつなぎ / 多機関協働へ / 支援会議へ付議 / 情報提供のみ終了 / 通報' })
  @IsIn(DISPOSITIONS)
  disposition!: Disposition;
}

export class CancelConsultationCommand extends TransitionConsultationCommand {
  @ApiProperty({ maxLength: 1000, description: 'Why it was entered in error.' })
  @IsString()
  @MaxLength(1000)
  reason!: string;
}

export class ConsultationListQuery extends ListQuery {
  @EnumQuery(CONSULTATION_STATUSES, 'Status.')
  status?: ConsultationStatus;

  @UuidQuery('Receiving organisation.')
  receivingOrganizationId?: string;

  @IntQuery('年度 (e.g. 2025 for 令和7年度).')
  fiscalYear?: number;

  @UuidQuery('Subject person.')
  personId?: string;

  @UuidQuery('Subject household.')
  householdId?: string;

  @EnumQuery(URGENCIES, 'Urgency.')
  urgency?: Urgency;

  @EnumQuery(ISSUE_TAGS, 'Has this issue tag.')
  issueTag?: IssueTag;

  @EnumQuery(CONSULTATION_CATEGORIES, 'Primary category.')
  primaryCategory?: ConsultationCategory;
}

export class ConsultationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'R7-000123' }) receptionNo!: string;
  @ApiProperty({ type: 'integer' }) fiscalYear!: number;
  @ApiProperty({ format: 'date-time', description: '受付日時 (entered by staff; decides the 年度)' }) receivedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded; later than receivedAt for a back-dated reception' }) recordedAt!: string;
  @ApiProperty({ format: 'uuid' }) receivingOrganizationId!: string;
  @ApiProperty() receiverStaff!: string;
  @ApiProperty({ enum: CONSULTATION_ROUTES }) route!: ConsultationRoute;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) referrerOrganizationId!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) personId!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) householdId!: string | null;
  @ApiProperty({ enum: CONSULTANT_RELATIONS }) consultantRelation!: ConsultantRelation;
  @ApiProperty({ nullable: true, type: 'string' }) consultantRelationDetail!: string | null;
  @ApiProperty({ enum: CONSULTATION_CATEGORIES, isArray: true, nullable: true, description: 'null when withheld (health/disability or DV/abuse among them, see withheldFields).' })
  categories!: ConsultationCategory[] | null;
  @ApiProperty({ enum: CONSULTATION_CATEGORIES, nullable: true, description: 'null when withheld with categories.' }) primaryCategory!: ConsultationCategory | null;
  @ApiProperty({ enum: ISSUE_TAGS, isArray: true, nullable: true, description: 'null when withheld (abuse, DV, dementia, mental health or suicide risk among them).' })
  issueTags!: IssueTag[] | null;
  @ApiProperty({ nullable: true, type: 'string', description: '主訴; null when empty or withheld.' }) mainComplaint!: string | null;
  @ApiProperty({ enum: URGENCIES }) urgency!: Urgency;
  @ApiProperty({ enum: CONSULTATION_CONSENT_STATUSES }) consentStatus!: ConsultationConsentStatus;
  @ApiProperty({ enum: JIGYO_ATTRIBUTIONS }) jigyoAttribution!: JigyoAttribution;
  @ApiProperty({ enum: DISPOSITIONS, nullable: true }) disposition!: Disposition | null;
  @ApiProperty({ enum: CONSULTATION_STATUSES }) status!: ConsultationStatus;
  @ApiProperty({ type: 'string', isArray: true, description: 'Transition endpoints allowed from this status.' }) allowedActions!: string[];
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) closedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) cancellationReason!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({
    type: WithheldFieldView,
    isArray: true,
    description: 'Fields withheld from the caller (value null) and why: a consultation received at another desk, without a consent or 106条の6 basis covering the caller’s desk.',
  })
  withheldFields!: WithheldFieldView[];
}

export class MandatoryReportListQuery extends ListQuery {
  @UuidQuery('Opened by this consultation.')
  consultationId?: string;

  @ApiPropertyOptional({ enum: ['decision-pending', 'reported', 'not-required'] })
  @IsOptional()
  @IsIn(['decision-pending', 'reported', 'not-required'])
  status?: 'decision-pending' | 'reported' | 'not-required';
}

export class DecideMandatoryReportCommand {
  @ApiProperty({ enum: ['reported', 'not-required'], description: '通報済 / 通報不要' })
  @IsIn(['reported', 'not-required'])
  decision!: 'reported' | 'not-required';

  @ApiPropertyOptional({ maxLength: 200, description: 'Where it was reported (e.g. 長寿福祉課, 児童相談所).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reportedTo?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;

  @VersionProperty()
  version?: number;
}

export class MandatoryReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) consultationId!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) personId!: string | null;
  @ApiProperty({ description: 'Law code (e.g. elder-abuse-prevention-act)' }) law!: string;
  @ApiProperty({ description: '高齢者虐待防止法 etc.' }) lawLabel!: string;
  @ApiProperty() issueTag!: string;
  @ApiProperty({ enum: ['decision-pending', 'reported', 'not-required'] }) status!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) reportedTo!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) note!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
}

