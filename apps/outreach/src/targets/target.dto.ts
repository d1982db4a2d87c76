import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  DISCOVERY_ROUTES,
  ISSUE_TAGS,
  OUTREACH_CLOSE_REASONS,
  OUTREACH_STAGES,
  RISK_LEVELS,
  TARGET_IDENTITIES,
  type DiscoveryRoute,
  type IssueTag,
  type OutreachCloseReason,
  type OutreachStage,
  type RiskLevel,
  type TargetIdentity,
} from '@tsunagu/contracts';
import { BooleanQuery, DateProperty, EnumQuery, ListQuery, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';

const MOVABLE_STAGES = OUTREACH_STAGES.filter((stage) => stage !== 'closed' && stage !== 'not-contacted');

export class RegisterTargetCommand {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Intake person id, when the person is known.' })
  @IsOptional()
  @IsUUID('all')
  personId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Intake household id, when only the household is known.' })
  @IsOptional()
  @IsUUID('all')
  householdId?: string | null;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, description: 'Place and what was seen (required when neither person nor household is known), e.g. 「○○町の角の家、50代男性」.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  locationDescription?: string | null;

  @ApiProperty({ enum: DISCOVERY_ROUTES, description: '把握経路: 支援会議 / 民生委員・児童委員 / 地域住民 / 地域福祉ネットワーク会議 / 関係機関 / 事業者見守り協定 / ライフライン事業者 / 相談窓口 / その他' })
  @IsIn(DISCOVERY_ROUTES)
  discoveryRoute!: DiscoveryRoute;

  @ApiPropertyOptional({ format: 'date', description: 'Date the target came to notice (default: today in Japan); starts the inactivity clock.' })
  @IsOptional()
  @DateProperty()
  discoveredOn?: string;

  @ApiPropertyOptional({ enum: ISSUE_TAGS, isArray: true, description: '課題タグ (reasons for concern)' })
  @IsOptional()
  @IsArray()
  @CappedArray(ISSUE_TAGS.length)
  @ArrayUnique()
  @IsIn(ISSUE_TAGS, { each: true })
  reasonTags?: IssueTag[];

  @ApiProperty({ enum: RISK_LEVELS, description: '高 / 中 / 低' })
  @IsIn(RISK_LEVELS)
  riskLevel!: RiskLevel;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'District (地域コミュニティ協議会区域, registry id).' })
  @IsOptional()
  @IsUUID('all')
  districtId?: string | null;

  @ApiProperty({ format: 'uuid', description: 'Organisation responsible for the outreach (registry id); agency users may only name their own.' })
  @IsUUID('all')
  assignedOrganizationId!: string;

  @ApiPropertyOptional({ type: 'string', isArray: true, description: 'Subjects of the assigned staff (担当支援員).' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @CappedArray(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  assignedStaff?: string[];

  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true, description: 'Linked 支援会議 (intake meeting ids).' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @CappedArray(50)
  @IsUUID('all', { each: true })
  meetingIds?: string[];

  @ApiPropertyOptional({ maxLength: 4000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string | null;
}

export class ChangeStageCommand {
  @ApiProperty({ enum: MOVABLE_STAGES, description: 'Next stage; 終結 goes through POST …/close with a reason.' })
  @IsIn(MOVABLE_STAGES)
  to!: OutreachStage;

  @VersionProperty()
  version?: number;
}

export class CloseTargetCommand {
  @ApiProperty({ enum: OUTREACH_CLOSE_REASONS, description: '他機関支援へ移行 / 関係安定 / 転出 / 死亡 / 長期接触不能 / その他' })
  @IsIn(OUTREACH_CLOSE_REASONS)
  reason!: OutreachCloseReason;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;

  @VersionProperty()
  version?: number;
}

export class TargetListQuery extends ListQuery {
  @EnumQuery(OUTREACH_STAGES, 'Stage.')
  stage?: OutreachStage;

  @EnumQuery(RISK_LEVELS, 'Risk level.')
  riskLevel?: RiskLevel;

  @UuidQuery('District.')
  districtId?: string;

  @UuidQuery('Assigned organisation.')
  assignedOrganizationId?: string;

  @UuidQuery('Targets of this intake person.')
  personId?: string;

  @BooleanQuery('Only targets assigned to me (担当).')
  mine?: boolean;
}

export class TargetView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TARGET_IDENTITIES }) identity!: TargetIdentity;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) personId!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) householdId!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) locationDescription!: string | null;
  @ApiProperty({ enum: DISCOVERY_ROUTES }) discoveryRoute!: DiscoveryRoute;
  @ApiProperty({ format: 'date' }) discoveredOn!: string;
  @ApiProperty({ enum: ISSUE_TAGS, isArray: true }) reasonTags!: IssueTag[];
  @ApiProperty({ enum: RISK_LEVELS }) riskLevel!: RiskLevel;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) districtId!: string | null;
  @ApiProperty({ description: 'District and place description are withheld (null) from you: the person or a household member is under DV address protection (住基 DV等支援措置).' })
  addressMasked!: boolean;
  @ApiProperty({ description: 'The person or a household member is under DV address protection in intake.' }) addressProtected!: boolean;
  @ApiProperty({ format: 'uuid' }) assignedOrganizationId!: string;
  @ApiProperty({ type: 'string', isArray: true }) assignedStaff!: string[];
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true }) meetingIds!: string[];
  @ApiProperty({ enum: OUTREACH_STAGES }) stage!: OutreachStage;
  @ApiProperty({ enum: OUTREACH_STAGES, isArray: true, description: 'Stages a stage change may move to now.' }) allowedStages!: OutreachStage[];
  @ApiProperty({ format: 'date-time' }) stageChangedAt!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'date' }) firstConnectedOn!: string | null;
  @ApiProperty({ nullable: true, enum: OUTREACH_CLOSE_REASONS }) closeReason!: OutreachCloseReason | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date' }) closedOn!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) note!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) lastContactAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) lastSuccessfulContactAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class UpdateTargetCommand {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The intake person, once known (identity becomes person).' })
  @IsOptional()
  @IsUUID('all')
  personId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  householdId?: string | null;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  locationDescription?: string | null;

  @ApiPropertyOptional({ enum: ISSUE_TAGS, isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(ISSUE_TAGS.length)
  @ArrayUnique()
  @IsIn(ISSUE_TAGS, { each: true })
  reasonTags?: IssueTag[];

  @ApiPropertyOptional({ enum: RISK_LEVELS })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  riskLevel?: RiskLevel;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  districtId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'Agency users may only name their own organisation.' })
  @IsOptional()
  @IsUUID('all')
  assignedOrganizationId?: string;

  @ApiPropertyOptional({ type: 'string', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @CappedArray(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  assignedStaff?: string[];

  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @CappedArray(50)
  @IsUUID('all', { each: true })
  meetingIds?: string[];

  @ApiPropertyOptional({ maxLength: 4000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string | null;

  @VersionProperty()
  version?: number;
}
