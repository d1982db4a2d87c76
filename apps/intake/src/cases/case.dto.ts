import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CASE_STATUSES, CASE_TRACKS, CLOSURE_REASONS, type CaseStatus, type CaseTrack, type ClosureReason } from '@tsunagu/contracts';
import { BooleanQuery, ListQuery, DateProperty, EnumQuery, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';

export class OpenCaseCommand {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  householdId!: string;

  @ApiProperty({ format: 'uuid', description: 'Key person (a member of the household).' })
  @IsUUID('all')
  keyPersonId!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Consultation the case came from.' })
  @IsOptional()
  @IsUUID('all')
  consultationId?: string | null;

  @ApiProperty({ enum: CASE_TRACKS, description: 'pre-consent: 支援会議 track (潜在); consented: 重層 track (needs consent of the key person).' })
  @IsIn(CASE_TRACKS)
  track!: CaseTrack;

  @ApiProperty({ format: 'uuid', description: '多機関協働事業者' })
  @IsUUID('all')
  coordinatorOrganizationId!: string;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true, description: 'Agencies working on the case.' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @CappedArray(30)
  @IsUUID('all', { each: true })
  memberOrganizationIds?: string[];
}

export class CaseTransitionCommand {
  @VersionProperty()
  version?: number;
}

export class DecideSupportCommand extends CaseTransitionCommand {
  @ApiPropertyOptional({ format: 'date', description: '支援決定日 (default: today).' })
  @IsOptional()
  @DateProperty()
  decidedOn?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The 重層的支援会議 that reviewed the plan (default: the one that approved it).' })
  @IsOptional()
  @IsUUID('all')
  meetingId?: string;
}

export class SuspendCaseCommand extends CaseTransitionCommand {
  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MaxLength(1000)
  reason!: string;
}

export class CloseCaseCommand extends CaseTransitionCommand {
  @ApiProperty({ enum: CLOSURE_REASONS, description: '目標達成 / 主担当機関へ移行 / 他機関へ引継 / 転出 / 死亡 / 連絡途絶 / 本人辞退・拒否 / その他' })
  @IsIn(CLOSURE_REASONS)
  reason!: ClosureReason;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class AssignLeadCommand extends CaseTransitionCommand {
  @ApiProperty({ format: 'uuid', description: '主担当機関' })
  @IsUUID('all')
  leadOrganizationId!: string;
}

export class CaseListQuery extends ListQuery {
  @EnumQuery(CASE_STATUSES, 'Status.')
  status?: CaseStatus;

  @EnumQuery(CASE_TRACKS, 'Track.')
  track?: CaseTrack;

  @UuidQuery('Household.')
  householdId?: string;

  @UuidQuery('Involves this organisation (coordinator, lead or member).')
  organizationId?: string;

  @BooleanQuery('My cases: true lists the cases the caller coordinates (coordinatorStaff is the caller), false the others.')
  mine?: boolean;
}

export class CaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'C-R7-0001' }) caseNo!: string;
  @ApiProperty({ type: 'string', format: 'date', description: 'The day the case was opened (registered), in Japan.' }) openedOn!: string;
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ format: 'uuid' }) keyPersonId!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) consultationId!: string | null;
  @ApiProperty({ enum: CASE_TRACKS }) track!: CaseTrack;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) consentId!: string | null;
  @ApiProperty({ enum: CASE_STATUSES }) status!: CaseStatus;
  @ApiProperty({ type: 'string', isArray: true }) allowedActions!: string[];
  @ApiProperty({ format: 'uuid' }) coordinatorOrganizationId!: string;
  @ApiProperty() coordinatorStaff!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) leadOrganizationId!: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true }) memberOrganizationIds!: string[];
  @ApiProperty({ nullable: true, type: 'string', format: 'date' }) supportDecidedOn!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) supportDecisionMeetingId!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) coordinatorReleasedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date' }) suspendedOn!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) suspensionReason!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date' }) closedOn!: string | null;
  @ApiProperty({ enum: CLOSURE_REASONS, nullable: true }) closureReason!: ClosureReason | null;
  @ApiProperty({ nullable: true, type: 'string' }) closureNote!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
}
