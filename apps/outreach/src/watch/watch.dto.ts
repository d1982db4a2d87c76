import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { RISK_LEVELS, TARGET_IDENTITIES, WATCHER_KINDS, OUTREACH_STAGES, type OutreachStage, type RiskLevel, type TargetIdentity, type WatcherKind } from '@tsunagu/contracts';
import { BooleanQuery, DateProperty, ListQuery, UuidQuery, CappedArray } from '@tsunagu/platform-http';

export class WatcherDto {
  @ApiProperty({ enum: WATCHER_KINDS, description: '職員 / 民生委員・児童委員 / ボランティア' })
  @IsIn(WATCHER_KINDS)
  kind!: WatcherKind;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, description: 'Staff login (subject) for kind staff.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string | null;

  @ApiPropertyOptional({ maxLength: 100, nullable: true, description: 'Name shown to staff (民生委員, volunteer).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string | null;
}

export class SetWatchPlanCommand {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 365, description: 'Visit every N days.' })
  @IsInt()
  @Min(1)
  @Max(365)
  cadenceDays!: number;

  @ApiProperty({ type: WatcherDto, isArray: true })
  @IsArray()
  @CappedArray(20)
  @ValidateNested({ each: true })
  @Type(() => WatcherDto)
  watchers!: WatcherDto[];

  @ApiPropertyOptional({ format: 'date', description: 'First day of the plan (default: today in Japan).' })
  @IsOptional()
  @DateProperty()
  startedOn?: string;

  @ApiPropertyOptional({ default: true, description: 'false ends the plan.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class WatchPlanView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) targetId!: string;
  @ApiProperty({ type: 'integer' }) cadenceDays!: number;
  @ApiProperty({ type: WatcherDto, isArray: true }) watchers!: WatcherDto[];
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date' }) startedOn!: string;
  @ApiProperty({ format: 'date' }) nextDueOn!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) districtId!: string | null;
  @ApiProperty({ description: 'The district is withheld from you (DV address protection of the target).' }) addressMasked!: boolean;
  @ApiProperty({ format: 'uuid' }) assignedOrganizationId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class OverdueQuery extends ListQuery {
  @UuidQuery('Overdue visits in this district.')
  districtId?: string;

  @UuidQuery('Overdue visits of this organisation.')
  assignedOrganizationId?: string;

  @BooleanQuery('Only my overdue visits (I am a staff watcher or the assigned staff).')
  mine?: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'Overdue as of this date (default: today in Japan).' })
  @IsOptional()
  @DateProperty()
  asOf?: string;
}

export class OverdueVisitView {
  @ApiProperty({ format: 'uuid' }) watchPlanId!: string;
  @ApiProperty({ format: 'uuid' }) targetId!: string;
  @ApiProperty({ enum: TARGET_IDENTITIES, description: 'Who the target is known as (本人 / 世帯 / 場所のみ).' }) identity!: TargetIdentity;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid', description: 'The intake person of the target, once known.' }) personId!: string | null;
  @ApiProperty({ format: 'date' }) nextDueOn!: string;
  @ApiProperty({ type: 'integer' }) daysOverdue!: number;
  @ApiProperty({ type: 'integer' }) cadenceDays!: number;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) districtId!: string | null;
  @ApiProperty({ format: 'uuid' }) assignedOrganizationId!: string;
  @ApiProperty({ type: WatcherDto, isArray: true }) watchers!: WatcherDto[];
  @ApiProperty({ enum: RISK_LEVELS }) riskLevel!: RiskLevel;
  @ApiProperty({ enum: OUTREACH_STAGES }) stage!: OutreachStage;
  @ApiProperty({ nullable: true, type: 'string' }) locationDescription!: string | null;
  @ApiProperty({ description: 'District and place description are withheld from you (DV address protection of the target).' }) addressMasked!: boolean;
}
