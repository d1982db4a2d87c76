import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { GAP_CONSTRAINTS, PARTICIPATION_PURPOSES, type GapConstraint, type ParticipationPurpose } from '@tsunagu/contracts';
import { EnumQuery, ListQuery, UuidQuery } from '@tsunagu/platform-http';

export class GapSummaryQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 2000, maximum: 2100, description: '年度 (April–March); default: all.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @EnumQuery(PARTICIPATION_PURPOSES, 'Only gaps of needs with this purpose.')
  purpose?: ParticipationPurpose;
}

export class GapListQuery extends ListQuery {
  @UuidQuery('District.')
  districtId?: string;

  @UuidQuery('Need.')
  needId?: string;

  @EnumQuery(GAP_CONSTRAINTS, 'Failing constraint.')
  constraint?: GapConstraint;
}

export class CodeCount {
  @ApiProperty() code!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
}

export class DistrictGapView {
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'District (null: needs without a home district).' }) districtId!: string | null;
  @ApiProperty({ type: 'integer', description: 'Gap records.' }) gaps!: number;
  @ApiProperty({ type: 'integer', description: 'Distinct needs left without a menu.' }) needs!: number;
  @ApiProperty({ type: CodeCount, isArray: true, description: 'Failing constraints (GAP_CONSTRAINTS), most frequent first.' }) constraints!: CodeCount[];
  @ApiProperty({ type: CodeCount, isArray: true, description: 'Purposes wanted, most frequent first.' }) purposes!: CodeCount[];
  @ApiProperty({ type: CodeCount, isArray: true, description: 'Time slots wanted (weekday:slot), most frequent first.' }) times!: CodeCount[];
}

export class GapSummaryView {
  @ApiProperty({ type: 'integer', nullable: true }) fiscalYear!: number | null;
  @ApiProperty({ type: DistrictGapView, isArray: true }) items!: DistrictGapView[];
}

export class GapView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) needId!: string;
  @ApiProperty({ enum: PARTICIPATION_PURPOSES, isArray: true }) purposes!: ParticipationPurpose[];
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) districtId!: string | null;
  @ApiProperty({ type: 'string', isArray: true }) weekdays!: string[];
  @ApiProperty({ type: 'string', isArray: true }) timeSlots!: string[];
  @ApiProperty({ enum: GAP_CONSTRAINTS, isArray: true }) failingConstraints!: GapConstraint[];
  @ApiProperty({ format: 'date' }) recordedOn!: string;
}
