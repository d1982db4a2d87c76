import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { LEGAL_BASES, REFERRAL_REASONS, REFERRAL_STATUSES, type LegalBasis, type ReferralReason, type ReferralStatus } from '@tsunagu/contracts';
import { ListQuery, BooleanQuery, DateProperty, EnumQuery, UuidQuery, VersionProperty } from '@tsunagu/platform-http';

/** Bases a referral may share information under; everything else needs one of these. */
export const REFERRAL_BASES = ['consent', 'support-meeting-106-6', 'mandatory-report'] as const satisfies readonly LegalBasis[];

export class RequestReferralCommand {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  consultationId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Referring organisation (default: the consultation’s receiving organisation).' })
  @IsOptional()
  @IsUUID('all')
  fromOrganizationId?: string;

  @ApiProperty({ format: 'uuid', description: 'Organisation the person is referred to (registry id).' })
  @IsUUID('all')
  toOrganizationId!: string;

  @ApiPropertyOptional({ format: 'date', description: 'Date of the referral in Japan (default: today; not in the future).' })
  @IsOptional()
  @DateProperty()
  referredOn?: string;

  @ApiPropertyOptional({ default: false, description: '同行' })
  @IsOptional()
  @IsBoolean()
  accompanied?: boolean;

  @ApiProperty({ enum: LEGAL_BASES, description: '本人同意 (a covering consent must exist), 社福法106条の6支援会議 (basisNote names the meeting) or 虐待防止法等通報 (a 通報 record on the consultation).' })
  @IsIn(LEGAL_BASES)
  infoBasis!: LegalBasis;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Required for the 106条の6 basis: the 支援会議 that decided the sharing.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  basisNote?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  requestNote?: string;
}

export class RespondReferralCommand {
  @ApiPropertyOptional({ maxLength: 4000, description: 'A note for the referring organisation.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;

  @VersionProperty()
  version?: number;
}

/** 不受理 / 不調: the reason is a code (counted in reports); その他 needs the note that explains it. */
export class CloseReferralWithReasonCommand {
  @ApiProperty({ enum: REFERRAL_REASONS, description: '対象外 / 受入枠なし / 本人辞退 / 連絡不能 / その他 (then `note` is required).' })
  @IsIn(REFERRAL_REASONS, { message: `reasonCode must be one of ${REFERRAL_REASONS.join(', ')}` })
  reasonCode!: ReferralReason;

  @ApiPropertyOptional({ maxLength: 4000, description: 'Required with reasonCode `other`: what the reason is. Stays in intake (never in an event).' })
  @ValidateIf((command: CloseReferralWithReasonCommand) => command.reasonCode === 'other' || command.note !== undefined)
  @IsString()
  @Matches(/\S/, { message: 'note is required when reasonCode is other (その他)' })
  @MaxLength(4000)
  note?: string;

  @VersionProperty()
  version?: number;
}

export class CompleteReferralCommand extends RespondReferralCommand {
  @ApiPropertyOptional({ format: 'date', description: 'Date of the first contact (default: today): between the referral date and today.' })
  @IsOptional()
  @DateProperty()
  firstContactOn?: string;
}

export class ReferralListQuery extends ListQuery {
  @EnumQuery(REFERRAL_STATUSES, 'Status.')
  status?: ReferralStatus;

  @UuidQuery('Referred from this organisation.')
  fromOrganizationId?: string;

  @UuidQuery('Referred to this organisation.')
  toOrganizationId?: string;

  @UuidQuery('Made from this consultation.')
  consultationId?: string;

  @UuidQuery('About this person (their timeline).')
  personId?: string;

  @BooleanQuery('Open (依頼/受理) and past their follow-up date.')
  overdue?: boolean;

  @BooleanQuery('Addressed to the caller’s own desk (its agency; city staff: the city desk), the requests it has to answer. Nothing for a caller without a desk.')
  incoming?: boolean;
}

export class ReferralView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) consultationId!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) personId!: string | null;
  @ApiProperty({ format: 'uuid' }) fromOrganizationId!: string;
  @ApiProperty({ format: 'uuid' }) toOrganizationId!: string;
  @ApiProperty({ format: 'date' }) referredOn!: string;
  @ApiProperty() accompanied!: boolean;
  @ApiProperty({ enum: LEGAL_BASES }) infoBasis!: LegalBasis;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) consentId!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) mandatoryReportId!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) basisNote!: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty({ description: 'The consent the referral rested on was withdrawn and no other consent covers the receiving organisation: it can no longer be accepted (decline it, or record a new consent).' })
  consentLapsed!: boolean;
  @ApiProperty({ type: 'string', isArray: true, description: 'Actions the status allows and the caller may take: only the organisation referred to (or a supervisor/admin of the municipality) answers.' })
  allowedActions!: string[];
  @ApiProperty({ format: 'date', description: 'Follow-up due (business days; weekends and public holidays skipped).' }) followUpDue!: string;
  @ApiProperty({ nullable: true, type: 'string' }) requestNote!: string | null;
  @ApiProperty({ nullable: true, type: 'string' }) responseNote!: string | null;
  @ApiProperty({ nullable: true, enum: REFERRAL_REASONS, description: 'Why it was declined (不受理) or failed (不調).' }) reasonCode!: ReferralReason | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date-time' }) respondedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'date' }) firstContactOn!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
}
