import { Body, Controller, Get, HttpCode, Module, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { REOPEN_REASONS, type ReopenReason } from '@tsunagu/contracts';
import { Audited } from '@tsunagu/platform-audit';
import { CityStaffOnly, CurrentPrincipal, Roles } from '@tsunagu/platform-auth';
import type { Principal } from '@tsunagu/platform-context';
import { JigyoReportUseCase } from '../reports/jigyo/jigyo-report.usecase';
import { JigyoReportQuery } from '../reports/report.dto';
import { reportAction } from '../reports/reports.controller';
import { ReportsModule } from '../reports/reports.module';
import { encodeCsv } from '../shared/tidy-export';
import { ReportClosures, type ClosureView, type FigureChange } from './report-closures.usecases';

export class CloseYearCommand {
  @ApiProperty({ description: '年度 to close (西暦 of its April)', example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2200)
  fiscalYear!: number;
}

export class ReopenYearCommand {
  @ApiProperty({ enum: REOPEN_REASONS, description: 'Why the closed figures must change' })
  @IsIn([...REOPEN_REASONS])
  reason!: ReopenReason;

  @ApiPropertyOptional({ maxLength: 500, description: 'Staff note (stays in reporting; never name a person).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ClosuresQuery {
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2200)
  fiscalYear?: number;
}

export class DiffQuery {
  @ApiProperty({ minimum: 1, description: 'Revision compared from' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from!: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Revision compared to; the live figures when omitted' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to?: number;
}

/** The per-事業 年度 report: the closing in force (or a given revision) once the 年度 is closed, the live figures before. */
@ApiTags('reports')
@Roles('analyst', 'supervisor', 'admin')
@Controller()
export class JigyoReportController {
  constructor(
    private readonly jigyo: JigyoReportUseCase,
    private readonly closures: ReportClosures,
  ) {}

  @Get('reports/jigyo')
  @Audited('JigyoReport', { action: reportAction })
  @ApiOperation({
    summary:
      '年度 report per 事業 (第1号 包括的相談支援 by field, 多機関協働, アウトリーチ, 参加支援, 地域づくり): 延べ and 実人数 by month, district and organisation; a closed 年度 answers with its frozen, signed figures',
  })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async jigyoReport(@CurrentPrincipal() principal: Principal, @Query() query: JigyoReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const closure = await this.closures.figuresOf(query.fiscalYear, query.version);
    const figures = closure ? { ...closure.figures, closure: (({ id, revision, status, closedAt, signatureValid }) => ({ id, revision, status, closedAt, signatureValid }))(this.closures.view(closure)) } : { ...(await this.jigyo.liveFigures(principal.municipality, query.fiscalYear)), closure: null };
    const report = await this.jigyo.present(figures, query.view ?? 'internal');
    if (query.format === 'xlsx' || query.format === 'csv') {
      const file = query.format === 'xlsx' ? await this.jigyo.xlsx(report) : encodeCsv(this.jigyo.table(report, query.wareki ?? false), query.encoding ?? 'utf-8');
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      return file.body;
    }
    return report;
  }
}

/** 年度 closing (確定): supervisors and admins close and reopen; analysts read the versions and their differences. */
@ApiTags('report-closures')
@Audited('ReportClosure')
@Controller('report-closures')
export class ReportClosuresController {
  constructor(private readonly closures: ReportClosures) {}

  @Get()
  @Roles('analyst', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Every closing of the caller’s municipality (one 年度 with fiscalYear), newest first, with whether its signature still holds' })
  list(@Query() query: ClosuresQuery): Promise<ClosureView[]> {
    return this.closures.list(query.fiscalYear);
  }

  @Post()
  @HttpCode(201)
  @Roles('supervisor', 'admin')
  @CityStaffOnly()
  @ApiOperation({ summary: 'Closes a 年度 (確定): freezes its per-事業 figures as a signed snapshot and publishes report.finalised; 409 when already closed' })
  close(@CurrentPrincipal() principal: Principal, @Body() command: CloseYearCommand): Promise<ClosureView> {
    return this.closures.close(principal.municipality, command.fiscalYear, principal.subject);
  }

  @Post(':fiscalYear/reopen')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @CityStaffOnly()
  @ApiOperation({ summary: 'Reopens a closed 年度 with a reason; the closed version is kept (its status becomes reopened) beside the next closing' })
  reopen(@CurrentPrincipal() principal: Principal, @Param('fiscalYear', ParseIntPipe) fiscalYear: number, @Body() command: ReopenYearCommand): Promise<ClosureView> {
    return this.closures.reopen(fiscalYear, principal.subject, command.reason, command.note ?? null);
  }

  @Get(':fiscalYear/diff')
  @Roles('analyst', 'supervisor', 'admin')
  @ApiOperation({ summary: 'The figures that differ between two closings of a 年度, or between a closing and the live figures' })
  diff(@CurrentPrincipal() principal: Principal, @Param('fiscalYear', ParseIntPipe) fiscalYear: number, @Query() query: DiffQuery): Promise<FigureChange[]> {
    return this.closures.diff(principal.municipality, fiscalYear, query.from, query.to);
  }
}

@Module({ imports: [ReportsModule], controllers: [JigyoReportController, ReportClosuresController], providers: [ReportClosures] })
export class ClosuresModule {}
