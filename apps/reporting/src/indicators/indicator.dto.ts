import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, Max, MinLength } from 'class-validator';
import {
  COMBINED_MEASURE_PREFIX,
  INDICATOR_MEASURES,
  MEASURE_OPERATIONS,
  type CombinedMeasure,
  type IndicatorDefinition,
  type IndicatorMeasure,
  type IndicatorTarget,
  type MeasureOperation,
} from './indicator.entity';

const COMBINED_CODE = '[a-z0-9][a-z0-9-]{0,29}';
/** A built-in measure or `combined:<code>` (whether that combined measure exists is checked against the municipality's). */
const MEASURE_REFERENCE = new RegExp(`^(${INDICATOR_MEASURES.join('|')}|${COMBINED_MEASURE_PREFIX}${COMBINED_CODE})$`);

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

  @ApiProperty({ example: 'jusou-meetings-held', description: `What the actual is computed from: a built-in measure (${INDICATOR_MEASURES.join(', ')}) or \`${COMBINED_MEASURE_PREFIX}<code>\` of a combined measure.` })
  @Matches(MEASURE_REFERENCE, { message: 'a built-in measure or combined:<code> of a combined measure' })
  measure!: string;

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
  @ApiProperty({ description: 'A built-in measure or combined:<code>' }) measure!: string;
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

export class CreateCombinedMeasureCommand {
  @ApiProperty({ example: 'referral-completion-rate', description: 'Stable code (a-z, 0-9, -); indicators refer to it as combined:<code>.' })
  @Matches(new RegExp(`^${COMBINED_CODE}$`))
  code!: string;

  @ApiProperty({ example: 'つなぎ完了率', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: MEASURE_OPERATIONS, description: 'sum (a + b), difference (a − b), ratio (a ÷ b, 3 decimals), percentage (100 × a ÷ b, 1 decimal); none when b is 0' })
  @IsIn([...MEASURE_OPERATIONS])
  operation!: MeasureOperation;

  @ApiProperty({ enum: INDICATOR_MEASURES, description: 'a' })
  @IsIn([...INDICATOR_MEASURES])
  leftMeasure!: IndicatorMeasure;

  @ApiProperty({ enum: INDICATOR_MEASURES, description: 'b' })
  @IsIn([...INDICATOR_MEASURES])
  rightMeasure!: IndicatorMeasure;

  @ApiProperty({ example: '%', maxLength: 20 })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  unit!: string;
}

export class CombinedMeasureView extends CreateCombinedMeasureCommand {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'combined:referral-completion-rate', description: 'What an indicator names as its measure' }) measure!: string;
}

export function combinedMeasureView(measure: CombinedMeasure): CombinedMeasureView {
  const { id, code, name, operation, leftMeasure, rightMeasure, unit } = measure;
  return { id, code, name, operation, leftMeasure, rightMeasure, unit, measure: `${COMBINED_MEASURE_PREFIX}${code}` };
}
