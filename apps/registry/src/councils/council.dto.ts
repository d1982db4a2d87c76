import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { COUNCIL_LAYERS, COUNCIL_STATUSES, type CouncilLayer, type CouncilStatus } from '@tsunagu/contracts';
import { ListQuery, DateProperty, EnumQuery, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';

export class CouncilMemberDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @ApiProperty({ maxLength: 100, example: '民生委員児童委員協議会' })
  @IsString()
  @Length(1, 100)
  role!: string;
}

export class EstablishCouncilCommand {
  @ApiProperty({ enum: COUNCIL_LAYERS, description: '1 = city-wide, 2 = district (地域福祉ネットワーク会議)' })
  @IsIn(COUNCIL_LAYERS)
  layer!: CouncilLayer;

  @ApiProperty({ maxLength: 200, example: '香南地区地域福祉ネットワーク会議' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Required for layer 2.' })
  @IsOptional()
  @IsUUID('all')
  districtId?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @DateProperty()
  establishedOn?: string | null;

  @ApiPropertyOptional({ type: CouncilMemberDto, isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(100)
  @ValidateNested({ each: true })
  @Type(() => CouncilMemberDto)
  members?: CouncilMemberDto[];

  @ApiPropertyOptional({ enum: COUNCIL_STATUSES, default: 'preparing', description: '準備中 / 設置済 / 休止' })
  @IsOptional()
  @IsIn(COUNCIL_STATUSES)
  status?: CouncilStatus;
}

export class UpdateCouncilCommand extends PartialType(EstablishCouncilCommand) {
  @VersionProperty()
  version?: number;
}

export class CouncilListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: COUNCIL_LAYERS })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsIn(COUNCIL_LAYERS)
  layer?: CouncilLayer;

  @UuidQuery('Council of this district.')
  district?: string;

  @EnumQuery(COUNCIL_STATUSES, 'Status.')
  status?: CouncilStatus;
}

export class CouncilView extends EstablishCouncilCommand {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;
}

export class RecordCouncilMeetingCommand {
  @ApiProperty({ format: 'date' })
  @DateProperty()
  heldOn!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  participantsCount?: number | null;

  @ApiPropertyOptional({ type: 'string', isArray: true, description: 'Local issues raised (no personal case details).' })
  @IsOptional()
  @IsArray()
  @CappedArray(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  issuesRaised?: string[];

  @ApiPropertyOptional({ type: 'string', isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  actionsAgreed?: string[];
}

export class UpdateCouncilMeetingCommand extends PartialType(RecordCouncilMeetingCommand) {
  @VersionProperty()
  version?: number;
}

export class CouncilMeetingListQuery extends ListQuery {}

export class CouncilMeetingView extends RecordCouncilMeetingCommand {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  councilId!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;
}
