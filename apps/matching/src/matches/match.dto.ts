import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  MATCH_END_REASONS,
  MATCH_STATUSES,
  OPPORTUNITY_SOURCES,
  PARTICIPATION_PURPOSES,
  type MatchEndReason,
  type MatchStatus,
  type OpportunitySource,
  type ParticipationPurpose,
} from '@tsunagu/contracts';
import { BooleanQuery, DateProperty, EnumQuery, ListQuery, UuidQuery, VersionProperty } from '@tsunagu/platform-http';

export class ProposeMatchCommand {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  needId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  opportunityId!: string;

  @ApiPropertyOptional({ enum: PARTICIPATION_PURPOSES, description: 'The purpose this match serves (default: the first the need and the opportunity share).' })
  @IsOptional()
  @IsIn(PARTICIPATION_PURPOSES)
  purpose?: ParticipationPurpose;
}

export const MATCH_TARGETS = MATCH_STATUSES.filter((status) => status !== 'proposed');

export class TransitionMatchCommand {
  @ApiProperty({ enum: MATCH_TARGETS, description: '見学 / 体験 / 参加開始（定着支援中） / 定着 / 中断 / 終了' })
  @IsIn(MATCH_TARGETS)
  status!: Exclude<MatchStatus, 'proposed'>;

  @ApiPropertyOptional({ format: 'date', description: 'Day it happened (default today, Japan time).' })
  @IsOptional()
  @DateProperty()
  on?: string;

  @ApiPropertyOptional({ enum: MATCH_END_REASONS, description: 'Required for 中断 / 終了.' })
  @IsOptional()
  @IsIn(MATCH_END_REASONS)
  reason?: MatchEndReason;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @VersionProperty()
  version?: number;
}

export class MatchListQuery extends ListQuery {
  @UuidQuery('Matches of this need.')
  needId?: string;

  @UuidQuery('Matches of this person.')
  personId?: string;

  @UuidQuery('Matches at this opportunity.')
  opportunityId?: string;

  @UuidQuery('Matches at this host organisation.')
  hostOrganizationId?: string;

  @EnumQuery(MATCH_STATUSES, 'Status.')
  status?: MatchStatus;

  @BooleanQuery('Only open matches whose next follow-up is overdue.')
  followUpOverdue?: boolean;
}

export class MatchView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) needId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ format: 'uuid' }) opportunityId!: string;
  @ApiProperty({ enum: OPPORTUNITY_SOURCES }) source!: OpportunitySource;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) resourceId!: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) hostId!: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) hostOrganizationId!: string | null;
  @ApiProperty({ enum: PARTICIPATION_PURPOSES }) purpose!: ParticipationPurpose;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) districtId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) proposedScore!: number | null;
  @ApiProperty({ enum: MATCH_STATUSES }) status!: MatchStatus;
  @ApiProperty({ enum: MATCH_STATUSES, isArray: true, description: 'Where it may move next.' }) allowedStatuses!: MatchStatus[];
  @ApiProperty({ format: 'date' }) proposedOn!: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) visitOn!: string | null;
  @ApiProperty({ type: 'string', format: 'date', isArray: true }) trialDates!: string[];
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) startedOn!: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) settledOn!: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) endedOn!: string | null;
  @ApiProperty({ enum: MATCH_END_REASONS, nullable: true }) endReason!: MatchEndReason | null;
  @ApiProperty({ type: 'string', nullable: true }) endNote!: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'Consent 参加支援受入先への提供 that allowed sharing with the host.' }) consentId!: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) nextFollowUpDue!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
}
