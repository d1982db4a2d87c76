import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { AREA_GROUPS, type AreaGroup } from '@tsunagu/contracts';
import { ListQuery, BooleanQuery, DateProperty, EnumQuery, UuidQuery, VersionProperty } from '@tsunagu/platform-http';

export class DistrictOfficeDto {
  @ApiPropertyOptional({ maxLength: 100, example: '香南コミュニティセンター' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiPropertyOptional({ maxLength: 20 })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;
}

export class RegisterDistrictCommand {
  @ApiProperty({ example: '国分寺南', maxLength: 50 })
  @IsString()
  @Length(1, 50)
  shortName!: string;

  @ApiProperty({ example: '国分寺南部校区コミュニティ協議会', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  officialName!: string;

  @ApiProperty({ example: 'コクブンジミナミ', description: 'かな or カナ; stored as katakana.', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  kana!: string;

  @ApiProperty({ type: 'integer', minimum: 0 })
  @IsInt()
  @Min(0)
  sortOrder!: number;

  @ApiPropertyOptional({ enum: AREA_GROUPS, default: 'honcho' })
  @IsOptional()
  @IsIn(AREA_GROUPS)
  areaGroup?: AreaGroup;

  @ApiPropertyOptional({ type: DistrictOfficeDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DistrictOfficeDto)
  office?: DistrictOfficeDto | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  isIsland?: boolean;
}

export class UpdateDistrictCommand extends PartialType(RegisterDistrictCommand) {
  @VersionProperty()
  version?: number;
}

export class DistrictListQuery extends ListQuery {
  @EnumQuery(AREA_GROUPS, 'Area group (本庁, 旧○○町).')
  areaGroup?: AreaGroup;

  @BooleanQuery('Island districts only (true) or mainland only (false).')
  isIsland?: boolean;
}

export class DistrictView extends RegisterDistrictCommand {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;
}

export class RegisterAreaMappingCommand {
  @ApiProperty({ maxLength: 20, description: 'アドレス・ベース・レジストリ 町字ID' })
  @IsString()
  @Length(1, 20)
  machiazaCode!: string;

  @ApiProperty({ maxLength: 100, example: '中間町' })
  @IsString()
  @Length(1, 100)
  machiazaName!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  banchiFrom?: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  banchiTo?: number | null;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  districtId!: string;

  @ApiProperty({ format: 'date' })
  @DateProperty()
  validFrom!: string;

  @ApiPropertyOptional({ format: 'date', nullable: true })
  @IsOptional()
  @DateProperty()
  validTo?: string | null;
}

export class UpdateAreaMappingCommand extends PartialType(RegisterAreaMappingCommand) {
  @VersionProperty()
  version?: number;
}

export class AreaMappingListQuery extends ListQuery {
  @UuidQuery('Mappings into this district.')
  district?: string;

  @ApiPropertyOptional({ description: 'Exact 町字ID.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  machiazaCode?: string;
}

export class AreaMappingView extends RegisterAreaMappingCommand {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;
}
