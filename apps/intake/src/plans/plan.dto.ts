import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { EVALUATION_DECISIONS, GOAL_RESULTS, GOAL_TERMS, PLAN_STATUSES, CLOSURE_REASONS, type ClosureReason, type EvaluationDecision, type GoalResult, type GoalTerm, type PlanStatus } from '@tsunagu/contracts';
import { ListQuery, DateProperty, EnumQuery, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';

export class PlanGoalDto {
  @ApiProperty({ maxLength: 20, example: 'g1', description: 'Id of the goal within the plan (actions and evaluations refer to it).' })
  @IsString()
  @Length(1, 20)
  id!: string;

  @ApiProperty({ enum: GOAL_TERMS, description: '長期 / 短期' })
  @IsIn(GOAL_TERMS)
  term!: GoalTerm;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  text!: string;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @DateProperty()
  targetDate?: string | null;
}

export class PlanActionDto {
  @ApiPropertyOptional({ nullable: true, description: 'Goal this action serves.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  goalId?: string | null;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  organizationId!: string;

  @ApiProperty({ maxLength: 200, example: '見守り・安否確認' })
  @IsString()
  @Length(1, 200)
  role!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  content!: string;

  @ApiPropertyOptional({ maxLength: 100, nullable: true, example: '週1回' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  frequency?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @DateProperty()
  start?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @DateProperty()
  end?: string | null;

  @ApiPropertyOptional({ default: false, description: '主担当' })
  @IsOptional()
  @IsBoolean()
  isLead?: boolean;
}

export class DraftPlanCommand {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  caseId!: string;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true, description: '本人・世帯の意向' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  wishes?: string | null;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true, description: '課題整理' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  issueSummary?: string | null;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true, description: '総合的な支援の方向性' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  overallDirection?: string | null;

  @ApiPropertyOptional({ type: PlanGoalDto, isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(30)
  @ValidateNested({ each: true })
  @Type(() => PlanGoalDto)
  goals?: PlanGoalDto[];

  @ApiPropertyOptional({ type: PlanActionDto, isArray: true, description: '役割分担' })
  @IsOptional()
  @IsArray()
  @CappedArray(60)
  @ValidateNested({ each: true })
  @Type(() => PlanActionDto)
  actions?: PlanActionDto[];

  @ApiPropertyOptional({ default: false, description: '参加支援事業の利用' })
  @IsOptional()
  @IsBoolean()
  usesParticipationSupport?: boolean;

  @ApiPropertyOptional({ default: false, description: 'アウトリーチ事業の利用' })
  @IsOptional()
  @IsBoolean()
  usesOutreach?: boolean;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: '次回評価予定日' })
  @IsOptional()
  @DateProperty()
  nextReviewOn?: string | null;
}

export class UpdatePlanCommand extends PartialType(OmitType(DraftPlanCommand, ['caseId'] as const)) {
  @VersionProperty()
  version?: number;
}

export class PlanTransitionCommand {
  @VersionProperty()
  version?: number;
}

export class ApprovePlanCommand extends PlanTransitionCommand {
  @ApiProperty({ format: 'uuid', description: 'The 重層的支援会議 (held) that approved the plan.' })
  @IsUUID('all')
  meetingId!: string;
}

export class GoalEvaluationDto {
  @ApiProperty()
  @IsString()
  @Length(1, 20)
  goalId!: string;

  @ApiProperty({ enum: GOAL_RESULTS, description: '達成 / 一部達成 / 未達成 / 評価不能' })
  @IsIn(GOAL_RESULTS)
  result!: GoalResult;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class RecordEvaluationCommand {
  @ApiPropertyOptional({ format: 'date', description: 'Default: today.' })
  @IsOptional()
  @DateProperty()
  evaluatedOn?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The 重層的支援会議 that evaluated it.' })
  @IsOptional()
  @IsUUID('all')
  meetingId?: string | null;

  @ApiProperty({ type: GoalEvaluationDto, isArray: true })
  @IsArray()
  @CappedArray(30)
  @ValidateNested({ each: true })
  @Type(() => GoalEvaluationDto)
  goalResults!: GoalEvaluationDto[];

  @ApiProperty({ enum: EVALUATION_DECISIONS, description: '継続 / 再プラン / 終結 / 中断' })
  @IsIn(EVALUATION_DECISIONS)
  decision!: EvaluationDecision;

  @ApiPropertyOptional({ enum: CLOSURE_REASONS, description: 'Required when the decision is 終結.' })
  @IsOptional()
  @IsIn(CLOSURE_REASONS)
  closureReason?: ClosureReason;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Reason, when the decision is 中断.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  suspensionReason?: string;
}

export class PlanListQuery extends ListQuery {
  @UuidQuery('Plans of this case.')
  caseId?: string;

  @EnumQuery(PLAN_STATUSES, 'Status.')
  status?: PlanStatus;
}

export class PlanView extends DraftPlanCommand {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer', description: 'Plan revision (1, 2, …).' }) planVersion!: number;
  @ApiProperty({ format: 'date' }) createdOn!: string;
  @ApiProperty() authorStaff!: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status!: PlanStatus;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) consentId!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) meetingId!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class EvaluationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ format: 'date' }) evaluatedOn!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) meetingId!: string | null;
  @ApiProperty({ type: GoalEvaluationDto, isArray: true }) goalResults!: GoalEvaluationDto[];
  @ApiProperty({ enum: EVALUATION_DECISIONS }) decision!: EvaluationDecision;
}
