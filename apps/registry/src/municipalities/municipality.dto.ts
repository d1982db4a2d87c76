import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { VersionProperty } from '@tsunagu/platform-http';

export class MunicipalityFeaturesDto {
  @ApiPropertyOptional({ description: 'Runs 重層的支援体制整備事業.' })
  @IsOptional()
  @IsBoolean()
  jusouEnabled?: boolean;

  @ApiPropertyOptional({ description: 'Convenes 支援会議 under 社会福祉法第106条の6.' })
  @IsOptional()
  @IsBoolean()
  supportMeeting1066Enabled?: boolean;
}

export class UpdateMunicipalityCommand {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ example: '04-01', description: 'MM-DD the 年度 starts on.' })
  @IsOptional()
  @Matches(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'fiscalYearStart must be MM-DD' })
  fiscalYearStart?: string;

  @ApiPropertyOptional({ type: MunicipalityFeaturesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MunicipalityFeaturesDto)
  features?: MunicipalityFeaturesDto;

  @VersionProperty()
  version?: number;
}

export class MunicipalityFeaturesView {
  @ApiProperty()
  jusouEnabled!: boolean;

  @ApiProperty()
  supportMeeting1066Enabled!: boolean;
}

export class MunicipalityView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '372013', description: '全国地方公共団体コード' })
  lgCode!: string;

  @ApiProperty({ example: '高松市' })
  name!: string;

  @ApiProperty({ nullable: true, example: '香川県' })
  prefecture!: string | null;

  @ApiProperty({ example: '04-01' })
  fiscalYearStart!: string;

  @ApiProperty({ type: MunicipalityFeaturesView })
  features!: MunicipalityFeaturesView;

  @ApiProperty({ type: 'integer' })
  version!: number;
}
