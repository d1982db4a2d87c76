import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { CARE_EDGE_KINDS, RELATIONS_TO_KEY, type CareEdgeKind, type RelationToKey } from '@tsunagu/contracts';
import { ListQuery, UuidQuery, VersionProperty, CappedArray } from '@tsunagu/platform-http';

export class CareEdgeDto {
  @ApiProperty({ format: 'uuid', description: 'The member who is cared for / depended on.' })
  @IsUUID('all')
  toPersonId!: string;

  @ApiProperty({ enum: CARE_EDGE_KINDS, description: '介護 / 育児 / 経済的依存 / 見守り' })
  @IsIn(CARE_EDGE_KINDS)
  kind!: CareEdgeKind;
}

export class HouseholdMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  personId!: string;

  @ApiProperty({ enum: RELATIONS_TO_KEY, description: 'Relation to the key person (本人, 配偶者, 子, 父, 母, …).' })
  @IsIn(RELATIONS_TO_KEY)
  relationToKey!: RelationToKey;

  @ApiPropertyOptional({ default: true, description: '同居' })
  @IsOptional()
  @IsBoolean()
  cohabiting?: boolean;

  @ApiPropertyOptional({ default: false, description: '主たる介護者' })
  @IsOptional()
  @IsBoolean()
  mainCarer?: boolean;

  @ApiPropertyOptional({ type: CareEdgeDto, isArray: true, description: 'Who this member cares for or depends on.' })
  @IsOptional()
  @IsArray()
  @CappedArray(20)
  @ValidateNested({ each: true })
  @Type(() => CareEdgeDto)
  careEdges?: CareEdgeDto[];
}

export class RegisterHouseholdCommand {
  @ApiProperty({ maxLength: 100, example: '山田家' })
  @IsString()
  @Length(1, 100)
  label!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Key person (must be a member).' })
  @IsOptional()
  @IsUUID('all')
  keyPersonId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  districtId?: string | null;

  @ApiPropertyOptional({ type: 'string', isArray: true, description: '住基 世帯番号' })
  @IsOptional()
  @IsArray()
  @CappedArray(5)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  jukiSetaiNumbers?: string[];

  @ApiPropertyOptional({ type: HouseholdMemberDto, isArray: true })
  @IsOptional()
  @IsArray()
  @CappedArray(30)
  @ValidateNested({ each: true })
  @Type(() => HouseholdMemberDto)
  members?: HouseholdMemberDto[];
}

export class UpdateHouseholdCommand extends PartialType(RegisterHouseholdCommand) {
  @VersionProperty()
  version?: number;
}

export class HouseholdListQuery extends ListQuery {
  @UuidQuery('Households this person belongs to.')
  personId?: string;

  @UuidQuery('Households in this district.')
  districtId?: string;
}

export class HouseholdMemberView {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ enum: RELATIONS_TO_KEY }) relationToKey!: RelationToKey;
  @ApiProperty() cohabiting!: boolean;
  @ApiProperty() mainCarer!: boolean;
  @ApiProperty({ description: 'Derived from the birth date (under 18 today).', nullable: true, type: 'boolean' }) isMinor!: boolean | null;
  @ApiProperty({ type: CareEdgeDto, isArray: true }) careEdges!: CareEdgeDto[];
}

export class HouseholdView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) keyPersonId!: string | null;
  @ApiProperty({ nullable: true, type: 'string', format: 'uuid' }) districtId!: string | null;
  @ApiProperty({ description: 'The district is hidden because a member has DV address protection and the caller may not see it.' })
  districtMasked!: boolean;
  @ApiProperty({ type: 'string', isArray: true }) jukiSetaiNumbers!: string[];
  @ApiProperty({ type: HouseholdMemberView, isArray: true }) members!: HouseholdMemberView[];
  @ApiProperty({ type: 'integer' }) version!: number;
}
