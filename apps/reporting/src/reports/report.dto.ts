import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DateProperty } from '@tsunagu/platform-http';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

/** Output options shared by every report. */
export class ExportOptions {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ enum: ['utf-8', 'cp932'], default: 'utf-8', description: 'CSV encoding: UTF-8 with BOM, or CP932 (refused, with the characters listed, when the data has characters CP932 cannot hold).' })
  @IsOptional()
  @IsIn(['utf-8', 'cp932'])
  encoding?: 'utf-8' | 'cp932';

  @ApiPropertyOptional({ description: 'Adds 和暦 columns next to the 西暦 ones.', default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  wareki?: boolean;
}

export class MutualAidQuery extends ExportOptions {
  @ApiPropertyOptional({ description: 'As of the end of this day (Japan time); default today.', example: '2025-09-30' })
  @IsOptional()
  @DateProperty()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Also list districts with none of the three services (default: only 実施地区, as the city\'s table).', default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeAll?: boolean;
}

export const CONSULTATION_DIMENSIONS = ['total', 'route', 'category', 'issue-tag', 'district', 'receiving-organization'] as const;

export class FiscalYearQuery extends ExportOptions {
  @ApiProperty({ description: '年度 (西暦 of its April), e.g. 2025 = 令和7年度', example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  fiscalYear!: number;
}

export class ConsultationsQuery extends FiscalYearQuery {
  @ApiPropertyOptional({ enum: CONSULTATION_DIMENSIONS, default: 'total' })
  @IsOptional()
  @IsIn([...CONSULTATION_DIMENSIONS])
  by?: (typeof CONSULTATION_DIMENSIONS)[number];

  @ApiPropertyOptional({
    enum: ['internal', 'published'],
    default: 'internal',
    description: 'published: cells with 1 … threshold-1 consultations are blanked and flagged (秘匿), for outward publication.',
  })
  @IsOptional()
  @IsIn(['internal', 'published'])
  view?: 'internal' | 'published';
}

export class MeasureReportQuery extends FiscalYearQuery {
  @ApiPropertyOptional({
    enum: ['internal', 'published'],
    default: 'internal',
    description: 'published: counts of 1 … threshold-1 are blanked and flagged (秘匿), for outward publication.',
  })
  @IsOptional()
  @IsIn(['internal', 'published'])
  view?: 'internal' | 'published';
}

/** The per-事業 年度 report (issue 17): JSON, tidy CSV, or XLSX with one sheet per 事業. */
export class JigyoReportQuery {
  @ApiProperty({ description: '年度 (西暦 of its April), e.g. 2025 = 令和7年度', example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  fiscalYear!: number;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json', description: 'xlsx: one sheet per 事業 with 和暦 headings, as cities file it; csv: tidy long format.' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';

  @ApiPropertyOptional({ enum: ['utf-8', 'cp932'], default: 'utf-8', description: 'CSV encoding: UTF-8 with BOM, or CP932.' })
  @IsOptional()
  @IsIn(['utf-8', 'cp932'])
  encoding?: 'utf-8' | 'cp932';

  @ApiPropertyOptional({ description: 'CSV: adds 和暦 columns next to the 西暦 ones.', default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  wareki?: boolean;

  @ApiPropertyOptional({
    enum: ['internal', 'published'],
    default: 'internal',
    description: 'published: small counts and the counts that would give them away through the totals are blanked and flagged (秘匿).',
  })
  @IsOptional()
  @IsIn(['internal', 'published'])
  view?: 'internal' | 'published';

  @ApiPropertyOptional({ description: 'A closed 年度: the figures of this closing version instead of the one in force.', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}
