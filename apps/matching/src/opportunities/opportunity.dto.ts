import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  ACCOMMODATIONS,
  MENU_STATUSES,
  OPPORTUNITY_SOURCES,
  PARTICIPATION_PURPOSES,
  PHYSICAL_LOADS,
  RESOURCE_CATEGORIES,
  type Accommodation,
  type MenuStatus,
  type OpportunitySource,
  type ParticipationPurpose,
  type PhysicalLoad,
  type ResourceCategory,
} from '@tsunagu/contracts';
import { EnumQuery, ListQuery, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';
import { WeeklySlotDto, WeeklySlotsProperty, WordsProperty } from '../shared/slot.dto';

/** Participation terms staff or the host set on any opportunity (registry resource or own menu). */
export class OpportunityTerms {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, description: '活動内容' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  activityType?: string | null;

  @ApiPropertyOptional({ enum: PARTICIPATION_PURPOSES, isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(PARTICIPATION_PURPOSES.length)
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PARTICIPATION_PURPOSES, { each: true })
  purposes?: ParticipationPurpose[];

  @WordsProperty('Activity words matched against interests (e.g. 園芸, カフェ).')
  activityTags?: string[];

  @WeeklySlotsProperty('When it runs (曜日 × 時間帯); empty = to be confirmed.')
  sessions?: WeeklySlotDto[];

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1000, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  capacity?: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1000, nullable: true, description: 'Seats left (空き); null = no fixed capacity.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  seatsLeft?: number | null;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  districtId?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true, description: 'Place name (not a person’s address).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100000, description: 'Fee per session (円).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  fee?: number;

  @ApiPropertyOptional({ description: 'ボランティア保険 covered.' })
  @IsOptional()
  @IsBoolean()
  volunteerInsurance?: boolean;

  @ApiPropertyOptional({ enum: ACCOMMODATIONS, isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(ACCOMMODATIONS.length)
  @ArrayUnique()
  @IsIn(ACCOMMODATIONS, { each: true })
  accommodations?: Accommodation[];

  @ApiPropertyOptional({ enum: PHYSICAL_LOADS })
  @IsOptional()
  @IsIn(PHYSICAL_LOADS)
  physicalLoad?: PhysicalLoad;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, nullable: true, description: 'Usual number of participants.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  groupSize?: number | null;
}

export const HOST_MENU_STATUSES = MENU_STATUSES;

export class CreateMenuCommand extends OpportunityTerms {
  @ApiProperty({ format: 'uuid', description: 'The host offering the menu.' })
  @IsUUID('all')
  hostId!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  declare title: string;

  @ApiProperty({ enum: PARTICIPATION_PURPOSES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PARTICIPATION_PURPOSES, { each: true })
  declare purposes: ParticipationPurpose[];

  @ApiPropertyOptional({ enum: MENU_STATUSES, default: 'preparing', description: '準備中 / 公開 / 休止 / 終了' })
  @IsOptional()
  @IsIn(MENU_STATUSES)
  status?: MenuStatus;
}

export class UpdateOpportunityCommand extends PartialType(OpportunityTerms) {
  @ApiPropertyOptional({ enum: MENU_STATUSES, description: 'Only for host menus; a registry resource follows the registry.' })
  @IsOptional()
  @IsIn(MENU_STATUSES)
  status?: MenuStatus;

  @VersionProperty()
  version?: number;
}

export class RefreshOpportunityCommand {
  @VersionProperty()
  version?: number;
}

export class OpportunityListQuery extends ListQuery {
  @EnumQuery(MENU_STATUSES, 'Status.')
  status?: MenuStatus;

  @EnumQuery(OPPORTUNITY_SOURCES, 'Source.')
  source?: OpportunitySource;

  @UuidQuery('District.')
  districtId?: string;

  @UuidQuery('Host.')
  hostId?: string;

  @UuidQuery('Registry resource.')
  resourceId?: string;

  @EnumQuery(PARTICIPATION_PURPOSES, 'Serves this purpose.')
  purpose?: ParticipationPurpose;
}

export class OpportunityView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: OPPORTUNITY_SOURCES }) source!: OpportunitySource;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) resourceId!: string | null;
  @ApiProperty({ enum: RESOURCE_CATEGORIES, nullable: true }) resourceCategory!: ResourceCategory | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) hostId!: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) organizationId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ type: 'string', nullable: true }) activityType!: string | null;
  @ApiProperty({ enum: PARTICIPATION_PURPOSES, isArray: true }) purposes!: ParticipationPurpose[];
  @ApiProperty({ type: 'string', isArray: true }) activityTags!: string[];
  @ApiProperty({ type: WeeklySlotDto, isArray: true }) sessions!: WeeklySlotDto[];
  @ApiProperty({ type: 'integer', nullable: true }) capacity!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) seatsLeft!: number | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) districtId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) location!: string | null;
  @ApiProperty({ type: 'integer' }) fee!: number;
  @ApiProperty() volunteerInsurance!: boolean;
  @ApiProperty({ enum: ACCOMMODATIONS, isArray: true }) accommodations!: Accommodation[];
  @ApiProperty({ enum: PHYSICAL_LOADS }) physicalLoad!: PhysicalLoad;
  @ApiProperty({ type: 'integer', nullable: true }) groupSize!: number | null;
  @ApiProperty({ enum: MENU_STATUSES }) status!: MenuStatus;
  @ApiProperty({ type: 'integer' }) version!: number;
}
