import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { AGENDA_ITEMS, MEETING_LEGAL_TYPES, MEETING_STATUSES, type AgendaItem, type MeetingLegalType, type MeetingStatus } from '@tsunagu/contracts';
import { ListQuery, EnumQuery, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';

export class AttendeeDto {
  @ApiPropertyOptional({ maxLength: 200, nullable: true, description: 'Subject of the attendee’s account, when they have one.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  staffSubject?: string | null;

  @ApiProperty({ maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  organizationId!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    readOnly: true,
    description: '守秘義務の確認 of this person (required for 106条の6 meetings before they are held). Read-only: recorded by POST /meetings/{id}/acknowledge-confidentiality; a value sent here is ignored.',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  confidentialityAckAt?: string | null;
}

export class AcknowledgeConfidentialityCommand {
  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Secretariat only: the account subject of the attendee whose signed 誓約書 is entered. Omit everything to acknowledge for yourself.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  staffSubject?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Secretariat only, for an attendee without an account: the name in the attendee list (with organizationId).' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Secretariat only: the attendee’s organisation (with name, or to narrow staffSubject).' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;
}

export class MeetingCaseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  caseId!: string;

  @ApiProperty({ enum: AGENDA_ITEMS, description: '情報共有 / 支援方針検討 / プラン審議 / 評価 / 終結判断' })
  @IsIn(AGENDA_ITEMS)
  agenda!: AgendaItem;
}

export class RoleAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  organizationId!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  role!: string;
}

export class MeetingDecisionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  caseId!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  decision!: string;

  @ApiPropertyOptional({ type: RoleAssignmentDto, isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(30)
  @ValidateNested({ each: true })
  @Type(() => RoleAssignmentDto)
  roleAssignments?: RoleAssignmentDto[];
}

export class ScheduleMeetingCommand {
  @ApiProperty({ enum: MEETING_LEGAL_TYPES, description: 'Legal type (decides the sharing regime).' })
  @IsIn(MEETING_LEGAL_TYPES)
  legalType!: MeetingLegalType;

  @ApiPropertyOptional({ maxLength: 100, nullable: true, example: 'まるごと会議', description: 'Local display name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  localName?: string | null;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  convenerOrganizationId!: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  chairStaff?: string | null;

  @ApiProperty({ format: 'date-time' })
  @IsDateString({ strict: true })
  heldAt!: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  place?: string | null;

  @ApiPropertyOptional({ type: AttendeeDto, isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(60)
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendees?: AttendeeDto[];

  @ApiPropertyOptional({ type: MeetingCaseDto, isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(60)
  @ValidateNested({ each: true })
  @Type(() => MeetingCaseDto)
  cases?: MeetingCaseDto[];
}

export class UpdateMeetingCommand extends PartialType(OmitType(ScheduleMeetingCommand, ['legalType'] as const)) {
  @ApiPropertyOptional({ type: MeetingDecisionDto, isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(60)
  @ValidateNested({ each: true })
  @Type(() => MeetingDecisionDto)
  decisions?: MeetingDecisionDto[];

  @ApiPropertyOptional({ maxLength: 20000, nullable: true, description: '議事録 (非公開)' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  minutes?: string | null;

  @VersionProperty()
  version?: number;
}

export class MeetingTransitionCommand {
  @VersionProperty()
  version?: number;
}

export class MeetingListQuery extends ListQuery {
  @EnumQuery(MEETING_LEGAL_TYPES, 'Legal type.')
  legalType?: MeetingLegalType;

  @EnumQuery(MEETING_STATUSES, 'Status.')
  status?: MeetingStatus;

  @UuidQuery('Meetings that discussed this case.')
  caseId?: string;
}

export class MeetingView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: MEETING_LEGAL_TYPES }) legalType!: MeetingLegalType;
  @ApiProperty() legalTypeLabel!: string;
  @ApiProperty({ nullable: true, type: 'string' }) localName!: string | null;
  @ApiProperty({ format: 'uuid' }) convenerOrganizationId!: string;
  @ApiProperty({ nullable: true, type: 'string' }) chairStaff!: string | null;
  @ApiProperty({ format: 'date-time' }) heldAt!: string;
  @ApiProperty({ nullable: true, type: 'string' }) place!: string | null;
  @ApiProperty({ type: AttendeeDto, isArray: true }) attendees!: AttendeeDto[];
  @ApiProperty({ type: MeetingCaseDto, isArray: true }) cases!: MeetingCaseDto[];
  @ApiProperty({ type: MeetingDecisionDto, isArray: true }) decisions!: MeetingDecisionDto[];
  @ApiProperty({ nullable: true, type: 'string', description: '議事録 (非公開): null unless the caller may read the meeting’s material.' }) minutes!: string | null;
  @ApiProperty({ description: 'True when the minutes are withheld: the caller is neither the secretariat nor a listed attendee who acknowledged confidentiality.' })
  materialWithheld!: boolean;
  @ApiProperty({ enum: MEETING_STATUSES }) status!: MeetingStatus;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class PackNoteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) authorOrganizationId!: string | null;
  @ApiProperty() text!: string;
}

export class PackCaseView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty() agenda!: string;
  @ApiProperty() track!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) currentPlanId!: string | null;
  @ApiProperty({ type: PackNoteView, isArray: true }) notes!: PackNoteView[];
}

export class MeetingPackView {
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty({ enum: MEETING_LEGAL_TYPES }) legalType!: MeetingLegalType;
  @ApiProperty({ type: 'string', isArray: true, description: 'Legal bases of the material included (the rest is withheld by law).' }) includedBases!: string[];
  @ApiProperty({ type: PackCaseView, isArray: true }) cases!: PackCaseView[];
}
