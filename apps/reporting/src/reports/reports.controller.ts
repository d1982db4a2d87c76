import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Audited } from '@tsunagu/platform-audit';
import type { Principal } from '@tsunagu/platform-context';
import { CurrentPrincipal, Roles } from '@tsunagu/platform-auth';
import { ProjectionStatusService, type ProjectionStatus } from '../projections/projection-status';
import { encodeCsv, type TidyTable } from '../shared/tidy-export';
import { MeasureReportQuery, ConsultationsQuery, MutualAidQuery, type ExportOptions } from './report.dto';
import { CasesReportUseCase } from './cases/cases.usecase';
import { ConsultationsReportUseCase } from './consultations/consultations.usecase';
import { IndicatorsReportUseCase } from './indicators/indicators-report.usecase';
import { MutualAidReportUseCase } from './mutual-aid/mutual-aid.usecase';
import { OutreachReportUseCase } from './outreach/outreach.usecase';
import { ParticipationReportUseCase } from './participation/participation.usecase';
import { ReferralsReportUseCase } from './referrals/referrals.usecase';

/** A report downloaded as CSV leaves the system as a file: audited as `export`; JSON (the console's screens) as `read`. */
export const reportAction = (request: { query: unknown }) => (['csv', 'xlsx'].includes((request.query as { format?: string } | undefined)?.format ?? '') ? 'export' : 'read');

/** Aggregates only; analysts, supervisors and admins; always the caller's own municipality. */
@ApiTags('reports')
@Roles('analyst', 'supervisor', 'admin')
@Controller()
export class ReportsController {
  constructor(
    private readonly mutualAid: MutualAidReportUseCase,
    private readonly consultations: ConsultationsReportUseCase,
    private readonly referrals: ReferralsReportUseCase,
    private readonly cases: CasesReportUseCase,
    private readonly indicators: IndicatorsReportUseCase,
    private readonly outreach: OutreachReportUseCase,
    private readonly participation: ParticipationReportUseCase,
    private readonly projections: ProjectionStatusService,
  ) {}

  @Get('reports/mutual-aid')
  @Audited('MutualAidReport', { action: reportAction })
  @ApiOperation({
    summary: '住民主体の支え合いサービス実施状況: districts × 訪問型サービスB / 通所型サービスB / その他, with the 実施地区 totals',
  })
  @ApiProduces('application/json', 'text/csv')
  async mutualAidReport(@CurrentPrincipal() principal: Principal, @Query() query: MutualAidQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const report = await this.mutualAid.execute(principal.municipality, query);
    return this.respond(reply, query, report, () => this.mutualAid.table(report, query.wareki ?? false));
  }

  @Get('reports/consultations')
  @Audited('ConsultationsReport', { action: reportAction })
  @ApiOperation({
    summary: '相談受付件数 per 年度 and month, by route / category / issue tag / district / receiving organisation',
  })
  @ApiProduces('application/json', 'text/csv')
  async consultationsReport(@CurrentPrincipal() principal: Principal, @Query() query: ConsultationsQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const report = await this.consultations.execute(principal.municipality, query);
    return this.respond(reply, query, report, () => this.consultations.table(report, query.wareki ?? false));
  }

  @Get('reports/referrals')
  @Audited('ReferralsReport', { action: reportAction })
  @ApiOperation({
    summary: 'つなぎ: counts per status, acceptance rate, median business days to first contact, overdue list (ids only)',
  })
  @ApiProduces('application/json', 'text/csv')
  async referralsReport(@CurrentPrincipal() principal: Principal, @Query() query: MeasureReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const report = await this.referrals.execute(principal.municipality, query);
    return this.respond(reply, query, report, () => this.referrals.table(report, query.wareki ?? false));
  }

  @Get('reports/cases')
  @Audited('CasesReport', { action: reportAction })
  @ApiOperation({
    summary: '多機関協働: cases opened, 支援決定, closures by reason, plans, meetings (支援会議 and 重層的支援会議 apart) per 年度',
  })
  @ApiProduces('application/json', 'text/csv')
  async casesReport(@CurrentPrincipal() principal: Principal, @Query() query: MeasureReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const report = await this.cases.execute(principal.municipality, query);
    return this.respond(reply, query, report, () => this.cases.table(report, query.wareki ?? false));
  }

  @Get('reports/outreach')
  @Audited('OutreachReport', { action: reportAction })
  @ApiOperation({
    summary: 'アウトリーチ per 年度: targets found (by route, district, current stage), contacts (by result, method), newly connected, hand-overs, closures, inactivity alerts',
  })
  @ApiProduces('application/json', 'text/csv')
  async outreachReport(@CurrentPrincipal() principal: Principal, @Query() query: MeasureReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const report = await this.outreach.execute(principal.municipality, query);
    return this.respond(reply, query, report, () => this.outreach.table(report, query.wareki ?? false));
  }

  @Get('reports/participation')
  @Audited('ParticipationReport', { action: reportAction })
  @ApiOperation({
    summary: '参加支援 per 年度: persons supported, cooperating hosts, matches proposed / started / settled / ended, follow-ups, menu gaps (by constraint and district)',
  })
  @ApiProduces('application/json', 'text/csv')
  async participationReport(@CurrentPrincipal() principal: Principal, @Query() query: MeasureReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const report = await this.participation.execute(principal.municipality, query);
    return this.respond(reply, query, report, () => this.participation.table(report, query.wareki ?? false));
  }

  @Get('reports/indicators')
  @Audited('IndicatorsReport', { action: reportAction })
  @ApiOperation({
    summary: '評価指標: target vs actual per 年度 (actuals from the projections)',
  })
  @ApiProduces('application/json', 'text/csv')
  async indicatorsReport(@CurrentPrincipal() principal: Principal, @Query() query: MeasureReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const report = await this.indicators.execute(principal.municipality, query);
    return this.respond(reply, query, report, () => this.indicators.table(report, query.wareki ?? false));
  }

  @Get('projections/status')
  @ApiOperation({
    summary: 'How many events each projection consumer trails the stream by',
  })
  status(): Promise<ProjectionStatus> {
    return this.projections.status();
  }

  private respond(reply: FastifyReply, options: ExportOptions, report: unknown, table: () => TidyTable<Record<string, unknown>>): unknown {
    if ((options.format ?? 'json') === 'json') return report;
    const encoded = encodeCsv(table(), options.encoding ?? 'utf-8');
    reply.header('content-type', encoded.contentType);
    reply.header('content-disposition', `attachment; filename="${encoded.fileName}"`);
    return encoded.body;
  }
}
