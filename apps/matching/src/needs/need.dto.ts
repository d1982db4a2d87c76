import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  ACCOMMODATIONS,
  NEED_STATUSES,
  PARTICIPATION_PURPOSES,
  PHYSICAL_LOADS,
  SCORE_FACTORS,
  TRAVEL_MEANS,
  TRAVEL_RANGES,
  type Accommodation,
  type NeedStatus,
  type ParticipationPurpose,
  type PhysicalLoad,
  type ScoreFactor,
  type TravelMeans,
  type TravelRange,
} from '@tsunagu/contracts';
import { EnumQuery, ListQuery, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';
import { WeeklySlotDto, WeeklySlotsProperty, WordsProperty } from '../shared/slot.dto';

export class NeedFields {
  @ApiProperty({ enum: PARTICIPATION_PURPOSES, isArray: true, description: '居場所 / 役割・ボランティア / 就労体験 / 就労 / 学び / 趣味・交流 / 住まい関連' })
  @IsArray()
  @CappedArray(PARTICIPATION_PURPOSES.length)
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PARTICIPATION_PURPOSES, { each: true })
  purposes!: ParticipationPurpose[];

  @WordsProperty('Interest words (関心), e.g. 園芸, カフェ.')
  interests?: string[];

  @ApiPropertyOptional({ type: 'string', format: 'uuid', nullable: true, description: 'Home district (地区).' })
  @IsOptional()
  @IsUUID('all')
  homeDistrictId?: string | null;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', isArray: true, description: 'Neighbouring or preferred districts (希望地区).' })
  @IsOptional()
  @IsArray()
  @CappedArray(44)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  preferredDistrictIds?: string[];

  @ApiPropertyOptional({ enum: TRAVEL_RANGES, description: '自宅の地区内 / 近隣・希望の地区まで / 市内どこでも' })
  @IsOptional()
  @IsIn(TRAVEL_RANGES)
  travelRange?: TravelRange;

  @ApiPropertyOptional({ enum: TRAVEL_MEANS, isArray: true, description: '移動手段' })
  @IsOptional()
  @IsArray()
  @CappedArray(TRAVEL_MEANS.length)
  @ArrayUnique()
  @IsIn(TRAVEL_MEANS, { each: true })
  travelMeans?: TravelMeans[];

  @WeeklySlotsProperty('When the person can take part (曜日 × 時間帯); empty = not yet heard.')
  availability?: WeeklySlotDto[];

  @ApiPropertyOptional({ enum: PHYSICAL_LOADS, nullable: true, description: '体調: the heaviest activity allowed.' })
  @IsOptional()
  @IsIn(PHYSICAL_LOADS)
  maxPhysicalLoad?: PhysicalLoad | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, nullable: true, description: '対人不安: the largest group the person can join.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  maxGroupSize?: number | null;

  @ApiPropertyOptional({ enum: ACCOMMODATIONS, isArray: true, description: '必要な合理的配慮' })
  @IsOptional()
  @IsArray()
  @CappedArray(ACCOMMODATIONS.length)
  @ArrayUnique()
  @IsIn(ACCOMMODATIONS, { each: true })
  accommodations?: Accommodation[];

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100000, nullable: true, description: 'Most the person can pay per session (円).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  maxFee?: number | null;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, description: 'Notes on health, anxieties and considerations (配慮事項); staff only.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

export class RegisterNeedCommand extends NeedFields {
  @ApiProperty({ format: 'uuid', description: "Intake's person id (no personal data is copied)." })
  @IsUUID('all')
  personId!: string;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', nullable: true, description: "Intake's multi-agency case." })
  @IsOptional()
  @IsUUID('all')
  caseId?: string | null;
}

export class UpdateNeedCommand extends PartialType(NeedFields) {
  @VersionProperty()
  version?: number;
}

export class NeedStatusCommand {
  @ApiProperty({ enum: NEED_STATUSES, description: '聴取中 → マッチング中 → 参加中 → 休止 / 終了' })
  @IsIn(NEED_STATUSES)
  status!: NeedStatus;

  @VersionProperty()
  version?: number;
}

export class NeedListQuery extends ListQuery {
  @UuidQuery('Needs of this person.')
  personId?: string;

  @EnumQuery(NEED_STATUSES, 'Status.')
  status?: NeedStatus;

  @UuidQuery('Home district.')
  homeDistrictId?: string;
}

export class SuggestionQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, description: 'How many suggestions (default MATCHING_SUGGESTION_LIMIT).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class NeedView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) caseId!: string | null;
  @ApiProperty({ enum: PARTICIPATION_PURPOSES, isArray: true }) purposes!: ParticipationPurpose[];
  @ApiProperty({ type: 'string', isArray: true }) interests!: string[];
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) homeDistrictId!: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true }) preferredDistrictIds!: string[];
  @ApiProperty({ description: 'Home and preferred districts are withheld (null / empty) from you: the person is under DV address protection (住基 DV等支援措置).' })
  addressMasked!: boolean;
  @ApiProperty({ description: 'The person is under DV address protection in intake.' }) addressProtected!: boolean;
  @ApiProperty({ enum: TRAVEL_RANGES }) travelRange!: TravelRange;
  @ApiProperty({ enum: TRAVEL_MEANS, isArray: true }) travelMeans!: TravelMeans[];
  @ApiProperty({ type: WeeklySlotDto, isArray: true }) availability!: WeeklySlotDto[];
  @ApiProperty({ enum: PHYSICAL_LOADS, nullable: true }) maxPhysicalLoad!: PhysicalLoad | null;
  @ApiProperty({ type: 'integer', nullable: true }) maxGroupSize!: number | null;
  @ApiProperty({ enum: ACCOMMODATIONS, isArray: true }) accommodations!: Accommodation[];
  @ApiProperty({ type: 'integer', nullable: true }) maxFee!: number | null;
  @ApiProperty({ type: 'string', nullable: true }) notes!: string | null;
  @ApiProperty({ enum: NEED_STATUSES }) status!: NeedStatus;
  @ApiProperty({ enum: NEED_STATUSES, isArray: true, description: 'Where it may move next.' }) allowedStatuses!: NeedStatus[];
  @ApiProperty({ format: 'date' }) registeredOn!: string;
  @ApiProperty() registeredBy!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class ReasonView {
  @ApiProperty({ enum: SCORE_FACTORS }) factor!: ScoreFactor;
  @ApiProperty({ type: 'integer', description: "This factor's points; the reasons add up to the score." }) points!: number;
  @ApiProperty({ description: 'Japanese explanation, e.g. 火曜午前に参加可能 / 自宅の地区内 / 関心: 園芸.' }) text!: string;
}

export class SuggestionView {
  @ApiProperty({ format: 'uuid' }) opportunityId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) organizationId!: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) districtId!: string | null;
  @ApiProperty({ enum: PARTICIPATION_PURPOSES, isArray: true }) purposes!: ParticipationPurpose[];
  @ApiProperty({ type: 'integer' }) score!: number;
  @ApiProperty({ type: ReasonView, isArray: true }) reasons!: ReasonView[];
}

export class SuggestionsView {
  @ApiProperty({ format: 'uuid' }) needId!: string;
  @ApiProperty({ type: SuggestionView, isArray: true }) items!: SuggestionView[];
  @ApiProperty({ type: 'integer', description: 'Opportunities looked at.' }) considered!: number;
  @ApiProperty({ type: 'integer', description: 'Opportunities that passed every hard constraint.' }) passed!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'How many opportunities each hard constraint removed.' }) rejections!: Record<string, number>;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The menu gap already recorded today for this outcome (by the need’s own writes or the periodic check); null when none. Reading suggestions records nothing.' }) gapId!: string | null;
}
