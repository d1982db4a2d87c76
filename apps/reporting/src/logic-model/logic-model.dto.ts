import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { VersionProperty } from '@tsunagu/platform-http';
import { JIGYO, type Jigyo } from '../reports/jigyo/jigyo-report';
import { LOGIC_MODEL_STAGES, type JigyoBudget, type LogicModelItem, type LogicModelStage } from './logic-model.entity';

export class LogicModelItemFields {
  @ApiProperty({ enum: LOGIC_MODEL_STAGES, description: '活動 → アウトプット → 短期アウトカム → 長期アウトカム' })
  @IsIn([...LOGIC_MODEL_STAGES])
  stage!: LogicModelStage;

  @ApiPropertyOptional({ minimum: 0, maximum: 999, description: 'Order within the stage; the end when omitted on create.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(999)
  position?: number;

  @ApiProperty({ example: '関係機関向け研修の開催', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'jusou-meetings', description: 'Code of the indicator measuring this output or outcome (not on an activity).' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/)
  indicatorCode?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2000, description: 'Why, assumptions, data source (about the programme; never about a person).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class CreateLogicModelItemCommand extends LogicModelItemFields {
  @ApiProperty({ example: 2025, description: '年度 (西暦 of its April)' })
  @IsInt()
  @Min(2000)
  @Max(2200)
  fiscalYear!: number;

  @ApiProperty({ enum: JIGYO })
  @IsIn([...JIGYO])
  jigyo!: Jigyo;
}

/** A PATCH: the fields sent change, the others stay (`indicatorCode: null` or `note: null` clears one). */
export class UpdateLogicModelItemCommand {
  @ApiPropertyOptional({ enum: LOGIC_MODEL_STAGES })
  @IsOptional()
  @IsIn([...LOGIC_MODEL_STAGES])
  stage?: LogicModelStage;

  @ApiPropertyOptional({ minimum: 0, maximum: 999 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(999)
  position?: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/)
  indicatorCode?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @VersionProperty()
  version?: number;
}

export class LogicModelQuery {
  @ApiProperty({ example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  fiscalYear!: number;

  @ApiPropertyOptional({ enum: ['internal', 'published'], description: 'published: small actuals suppressed, as in the indicators report' })
  @IsOptional()
  @IsIn(['internal', 'published'])
  view?: 'internal' | 'published';
}

export class BudgetsQuery {
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  fiscalYear?: number;
}

export class SetBudgetCommand {
  @ApiProperty({ minimum: 0, example: 48_000_000, description: '事業費 in yen (決算 or 予算, as the note says)' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  amountYen!: number;

  @ApiProperty({ minimum: 0, example: 4.5, description: 'Staff in full-time equivalents (常勤換算), two decimals' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(99_999)
  staffFte!: number;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @VersionProperty()
  version?: number;
}

export class BudgetView {
  @ApiProperty() id!: string;
  @ApiProperty() fiscalYear!: number;
  @ApiProperty({ enum: JIGYO }) jigyo!: Jigyo;
  @ApiProperty() amountYen!: number;
  @ApiProperty() staffFte!: number;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() version!: number;
}

export function budgetView(budget: JigyoBudget): BudgetView {
  const { id, fiscalYear, jigyo, amountYen, staffFte, note, version } = budget;
  return { id, fiscalYear, jigyo, amountYen: Number(amountYen), staffFte: Number(staffFte), note, version };
}

export class LogicModelItemView {
  @ApiProperty() id!: string;
  @ApiProperty() fiscalYear!: number;
  @ApiProperty({ enum: JIGYO }) jigyo!: Jigyo;
  @ApiProperty({ enum: LOGIC_MODEL_STAGES }) stage!: LogicModelStage;
  @ApiProperty() position!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) indicatorCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() version!: number;
}

export function itemView(item: LogicModelItem): LogicModelItemView {
  const { id, fiscalYear, jigyo, stage, position, title, indicatorCode, note, version } = item;
  return { id, fiscalYear, jigyo, stage, position, title, indicatorCode, note, version };
}
