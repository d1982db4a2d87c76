import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, Max, MinLength } from 'class-validator';
import { INDICATOR_MEASURES, type IndicatorDefinition, type IndicatorMeasure, type IndicatorTarget } from './indicator.entity';

export class IndicatorFields {
  @ApiProperty({ example: '重層的支援会議の開催回数', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ enum: INDICATOR_MEASURES, description: 'What the actual is computed from.' })
  @IsIn([...INDICATOR_MEASURES])
  measure!: IndicatorMeasure;

  @ApiProperty({ example: '回', maxLength: 20 })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  unit!: string;
}

export class CreateIndicatorCommand extends IndicatorFields {
  @ApiProperty({ example: 'jusou-meetings', description: 'Stable code shared by every version (a-z, 0-9, -).' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/)
  code!: string;
}

export class UpdateIndicatorCommand extends IndicatorFields {
  @ApiPropertyOptional({ description: 'The version edited (or If-Match).' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class IndicatorView {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() definitionVersion!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: INDICATOR_MEASURES }) measure!: IndicatorMeasure;
  @ApiProperty() unit!: string;
  @ApiProperty({ description: 'Optimistic-lock version of the record.' }) version!: number;
}

export function indicatorView(definition: IndicatorDefinition): IndicatorView {
  const { id, code, definitionVersion, name, description, measure, unit, version } = definition;
  return { id, code, definitionVersion, name, description, measure, unit, version };
}

export class CreateTargetCommand {
  @ApiProperty({ description: 'The indicator definition (a specific version).' })
  @IsUUID()
  definitionId!: string;

  @ApiProperty({ example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  fiscalYear!: number;

  @ApiProperty({ minimum: 0, example: 12 })
  @IsInt()
  @Min(0)
  targetValue!: number;
}

export class UpdateTargetCommand {
  @ApiProperty({ minimum: 0, example: 12 })
  @IsInt()
  @Min(0)
  targetValue!: number;

  @ApiPropertyOptional({ description: 'The version edited (or If-Match).' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class TargetView {
  @ApiProperty() id!: string;
  @ApiProperty() definitionId!: string;
  @ApiProperty() fiscalYear!: number;
  @ApiProperty() targetValue!: number;
  @ApiProperty() version!: number;
}

export function targetView(target: IndicatorTarget): TargetView {
  const { id, definitionId, fiscalYear, targetValue, version } = target;
  return { id, definitionId, fiscalYear, targetValue, version };
}

export class TargetsQuery {
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  fiscalYear?: number;
}
