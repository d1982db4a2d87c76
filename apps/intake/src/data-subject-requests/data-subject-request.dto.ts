import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { EnumQuery, ListQuery, UuidQuery, VersionProperty } from '@tsunagu/platform-http';
import {
  ARTICLE_78_GROUNDS,
  IDENTITY_VERIFICATIONS,
  REQUEST_DECISIONS,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  REQUESTER_RELATIONS,
  type Article78Ground,
  type IdentityVerification,
  type RequestDecision,
  type RequestKind,
  type RequestStatus,
  type RequesterRelation,
} from './request-codes';
import { SUSPENSION_SCOPES, type SuspensionScope } from './suspension';

export class CreateDataSubjectRequestCommand {
  @ApiProperty({
    enum: REQUEST_KINDS,
    description: 'disclosure 開示請求 (法76条), correction 訂正請求 (法90条), suspension 利用停止請求 (法98条).',
  })
  @IsIn(REQUEST_KINDS)
  kind!: RequestKind;

  @ApiProperty({
    format: 'uuid',
    description: 'The person the request is about (本人).',
  })
  @IsUUID('all')
  personId!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: '請求日時 (default: now). The decision is due 15 days after its day in Japan.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  requestedAt?: string;

  @ApiProperty({ enum: REQUESTER_RELATIONS })
  @IsIn(REQUESTER_RELATIONS)
  requesterRelation!: RequesterRelation;

  @ApiProperty({
    enum: IDENTITY_VERIFICATIONS,
    description: 'The document the requester showed (本人確認); never its number.',
  })
  @IsIn(IDENTITY_VERIFICATIONS)
  identityVerification!: IdentityVerification;

  @ApiPropertyOptional({
    maxLength: 4000,
    description: '請求の趣旨 as written on the form.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  requestText?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: '訂正請求 only: the person fields to change and their new values (familyName, givenName, kana, aliasName, formerName, birthDate, sex, address, phones, email).',
  })
  @IsOptional()
  @IsObject()
  corrections?: Record<string, unknown>;

  @ApiPropertyOptional({
    enum: SUSPENSION_SCOPES,
    description: '利用停止請求 only: what use stops (see docs/operations/data-subject-requests.md).',
  })
  @IsOptional()
  @IsIn(SUSPENSION_SCOPES)
  suspensionScope?: SuspensionScope;
}

export class ExtendDataSubjectRequestCommand {
  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    description: '延長の理由 (法83条2項: 事務処理上の困難その他正当な理由).',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @VersionProperty()
  version?: number;
}

export class DecideDataSubjectRequestCommand {
  @ApiProperty({
    enum: REQUEST_DECISIONS,
    description: 'granted 全部開示/承認, partially-granted 一部開示/一部承認, refused 不開示/却下.',
  })
  @IsIn(REQUEST_DECISIONS)
  decision!: RequestDecision;

  @ApiPropertyOptional({
    maxLength: 4000,
    description: '決定の理由 (required for a partial or refused decision).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  reason?: string;

  @ApiPropertyOptional({
    enum: ARTICLE_78_GROUNDS,
    isArray: true,
    description: '不開示情報 (法78条1項) a partial or refused disclosure names.',
  })
  @IsOptional()
  @ArrayMaxSize(ARTICLE_78_GROUNDS.length)
  @IsIn(ARTICLE_78_GROUNDS, { each: true })
  article78Grounds?: Article78Ground[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: 11,
    description: '訂正請求, 一部承認 only: the corrected fields approved (the others are not applied).',
  })
  @IsOptional()
  @ArrayMaxSize(11)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  approvedFields?: string[];

  @VersionProperty()
  version?: number;
}

export class CompleteDataSubjectRequestCommand {
  @VersionProperty()
  version?: number;
}

export class DataSubjectRequestListQuery extends ListQuery {
  @EnumQuery(REQUEST_KINDS, 'Only requests of this kind.')
  kind?: RequestKind;

  @EnumQuery(REQUEST_STATUSES, 'Only requests in this status.')
  status?: RequestStatus;

  @UuidQuery('Only requests about this person.')
  personId?: string;
}

export class RequestHistoryEntryView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({
    enum: ['received', 'extended', 'decided', 'completed', 'applied', 'lifted'],
  })
  action!: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: RequestStatus;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'An applied correction: the person fields before.',
  })
  before?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'An applied correction: the person fields after.',
  })
  after?: Record<string, unknown>;
}

export class DataSubjectRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: REQUEST_KINDS }) kind!: RequestKind;
  @ApiProperty({
    description: 'D-2026-0001 (開示), C-… (訂正), S-… (利用停止): the pack’s file name.',
  })
  requestNo!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiProperty({ enum: REQUESTER_RELATIONS })
  requesterRelation!: RequesterRelation;
  @ApiProperty({ enum: IDENTITY_VERIFICATIONS })
  identityVerification!: IdentityVerification;
  @ApiProperty() receivedBy!: string;
  @ApiProperty({ format: 'date', description: '決定期限 (請求日 + 15日).' })
  dueOn!: string;
  @ApiProperty({
    nullable: true,
    type: 'string',
    format: 'date',
    description: '延長後の期限 (+30日).',
  })
  extendedDueOn!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) extensionReason!: string | null;
  @ApiProperty({
    description: 'Past its (extended) due date without a decision.',
  })
  overdue!: boolean;
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: RequestStatus;
  @ApiProperty({ nullable: true, enum: REQUEST_DECISIONS })
  decision!: RequestDecision | null;
  @ApiProperty({ nullable: true, type: 'string' }) decisionReason!: string | null;
  @ApiProperty({ enum: ARTICLE_78_GROUNDS, isArray: true })
  article78Grounds!: Article78Ground[];
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' })
  decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' })
  completedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) completedBy!: string | null;
  @ApiProperty({
    nullable: true,
    type: 'string',
    format: 'date-time',
    description: '利用停止: lifted (解除) at.',
  })
  liftedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) liftedBy!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) requestText!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '訂正請求: { corrections }; 利用停止請求: { scope }.',
  })
  details!: Record<string, unknown>;
  @ApiProperty({ type: [RequestHistoryEntryView] })
  history!: RequestHistoryEntryView[];
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
