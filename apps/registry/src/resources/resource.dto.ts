import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  INSURANCE_SCHEMES,
  RESOURCE_ACTIVITIES,
  RESOURCE_CATEGORIES,
  RESOURCE_ELIGIBILITIES,
  RESOURCE_STATUSES,
  SCHEDULE_FREQUENCIES,
  WEEKDAYS,
  type InsuranceScheme,
  type ResourceActivity,
  type ResourceCategory,
  type ResourceEligibility,
  type ResourceStatus,
  type ScheduleFrequency,
  type Weekday,
} from '@tsunagu/contracts';
import { KeysetListQuery, BooleanQuery, DateProperty, EnumQuery, TIME_OF_DAY, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';
import { ContactDto } from '../shared/contact.dto';

export class ScheduleDto {
  @ApiPropertyOptional({ enum: SCHEDULE_FREQUENCIES, nullable: true, description: 'weekly = 毎週, monthly = 毎月' })
  @IsOptional()
  @IsIn(SCHEDULE_FREQUENCIES)
  frequency?: ScheduleFrequency | null;

  @ApiProperty({ enum: WEEKDAYS, isArray: true, description: 'Days it runs: mo tu we th fr sa su (月〜日).' })
  @IsArray()
  @CappedArray(WEEKDAYS.length)
  @ArrayUnique()
  @IsIn(WEEKDAYS, { each: true })
  weekdays!: Weekday[];

  @ApiPropertyOptional({ example: '09:30', nullable: true })
  @IsOptional()
  @Matches(TIME_OF_DAY, { message: 'opensAt must be a time HH:MM' })
  opensAt?: string | null;

  @ApiPropertyOptional({ example: '11:30', nullable: true })
  @IsOptional()
  @Matches(TIME_OF_DAY, { message: 'closesAt must be a time HH:MM' })
  closesAt?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, example: '第2・第4金曜、祝日は休み' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}

/** Fields staff enter for a 地域資源; status changes go through the transition endpoints. */
export class RegisterResourceCommand {
  @ApiProperty({ maxLength: 200, example: '見守り香南' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Reading (かな or カナ; stored as katakana).', example: 'ミマモリコウナン' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  kana?: string;

  @ApiPropertyOptional({ maxLength: 4000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Providing organisation.' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string | null;

  @ApiProperty({ type: 'string', format: 'uuid', isArray: true })
  @IsArray()
  @ArrayUnique()
  @CappedArray(200)
  @IsUUID('all', { each: true })
  districtIds!: string[];

  @ApiProperty({ enum: RESOURCE_CATEGORIES })
  @IsIn(RESOURCE_CATEGORIES)
  category!: ResourceCategory;

  @ApiProperty({ enum: INSURANCE_SCHEMES })
  @IsIn(INSURANCE_SCHEMES)
  insuranceScheme!: InsuranceScheme;

  @ApiPropertyOptional({ enum: RESOURCE_ACTIVITIES, isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(RESOURCE_ACTIVITIES.length)
  @ArrayUnique()
  @IsIn(RESOURCE_ACTIVITIES, { each: true })
  activities?: ResourceActivity[];

  @ApiPropertyOptional({ enum: RESOURCE_ELIGIBILITIES, default: 'anyone' })
  @IsOptional()
  @IsIn(RESOURCE_ELIGIBILITIES)
  eligibility?: ResourceEligibility;

  @ApiPropertyOptional({ type: ScheduleDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule?: ScheduleDto | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  capacity?: number | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, example: '1回100円' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fee?: string | null;

  @ApiPropertyOptional({ type: ContactDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto | null;

  @ApiPropertyOptional({ default: false, description: 'Listed publicly (公開).' })
  @IsOptional()
  @IsBoolean()
  public?: boolean;
}

export class UpdateResourceCommand extends PartialType(RegisterResourceCommand) {
  @VersionProperty()
  version?: number;
}

export class TransitionResourceCommand {
  @VersionProperty()
  version?: number;
}

export class VerifyResourceCommand extends TransitionResourceCommand {
  @ApiPropertyOptional({ format: 'date', description: 'Date of the check (today in Japan when omitted).' })
  @IsOptional()
  @DateProperty()
  verifiedOn?: string;
}

export class ResourceListQuery extends KeysetListQuery {
  @UuidQuery('Resources serving this district.')
  district?: string;

  @EnumQuery(RESOURCE_CATEGORIES, 'Category (e.g. visit-type-b = 訪問型サービスB).')
  category?: ResourceCategory;

  @EnumQuery(INSURANCE_SCHEMES, 'Insurance scheme.')
  insuranceScheme?: InsuranceScheme;

  @EnumQuery(RESOURCE_ACTIVITIES, 'Includes this activity.')
  activity?: ResourceActivity;

  @EnumQuery(RESOURCE_ELIGIBILITIES, 'Eligibility.')
  eligibility?: ResourceEligibility;

  @EnumQuery(RESOURCE_STATUSES, 'Lifecycle status.')
  status?: ResourceStatus;

  @EnumQuery(WEEKDAYS, 'Runs on this day of the week.')
  weekday?: Weekday;

  @BooleanQuery('Only public (true) or only non-public (false) resources.')
  public?: boolean;

  @UuidQuery('Provided by this organisation.')
  organization?: string;
}

export class ResourceView extends RegisterResourceCommand {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: RESOURCE_STATUSES })
  status!: ResourceStatus;

  @ApiProperty({ format: 'date', nullable: true })
  lastVerifiedOn!: string | null;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
