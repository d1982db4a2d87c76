import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { Audited } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { DomainException } from '@tsunagu/platform-errors';
import { IMPORT_BODY_LIMIT, importColumnViews, importFileOf, ImportJobs } from '@tsunagu/platform-import';
import { ImportRecordsUseCase } from './import-records.usecase';
import { IMPORT_TEMPLATES } from './import-templates';
import { ImportJobView, ImportQuery, ImportReportView, ImportTemplateView } from './import.dto';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Who moves a city's existing records in: supervisors and admins, as in intake. */
const IMPORTERS = ['supervisor', 'admin'] as const;

@ApiTags('imports (データ取込)')
@Controller('imports')
@Roles(...IMPORTERS)
export class ImportsController {
  constructor(
    private readonly importRecords: ImportRecordsUseCase,
    private readonly jobs: ImportJobs<ImportReportView>,
  ) {}

  @Get('templates')
  @ApiOperation({ summary: 'The import templates: per record type, the column headings a file has (docs/operations/import.md)' })
  @ApiOkResponse({ type: ImportTemplateView, isArray: true })
  templates(): ImportTemplateView[] {
    return Object.values(IMPORT_TEMPLATES).map((template) => ({
      type: template.type,
      label: template.label,
      references: [...template.references],
      columns: importColumnViews(template.columns),
    }));
  }

  @Post()
  @HttpCode(200)
  // A dry run changes nothing (audited like a check); a real run is the one audit record of the whole file.
  @Audited('ImportRun', { action: (request) => ((request.query as { dryRun?: unknown } | undefined)?.dryRun === 'true' ? 'verify' : 'import') })
  @ApiOperation({
    summary: 'Import outreach targets or their contacts from a CSV (UTF-8 with or without BOM, or CP932) or XLSX file in the template of `type`',
    description:
      'Send the file as the request body (Content-Type text/csv, application/octet-stream or the XLSX type). dryRun=true checks every row and reports ' +
      'every problem by line and column, changing nothing. A real run is all or nothing: any problem answers 400 with the same report and imports ' +
      `nothing. Rows whose source id was imported before are left alone (a re-run creates nothing). Import targets before their contacts. At most ${IMPORT_BODY_LIMIT / 1024 / 1024} MiB per file.`,
  })
  @ApiConsumes('text/csv', XLSX_TYPE, 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'Prefer', required: false, description: '`respond-async` (RFC 7240): answer 202 at once with the job (Location: /imports/jobs/{id}) and import in the background — for large files.' })
  @ApiOkResponse({ type: ImportReportView })
  @ApiAcceptedResponse({ type: ImportJobView, description: 'With Prefer: respond-async — follow the job at its Location.' })
  @ApiBadRequestResponse({ description: 'problem+json: a bad parameter or an unreadable file (naming the field), or a file with problems (`report`).' })
  @ApiPayloadTooLargeResponse({ description: `The file is larger than ${IMPORT_BODY_LIMIT} bytes.` })
  async run(
    @Query() query: ImportQuery,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('content-type') contentType?: string,
    @Headers('prefer') prefer?: string,
  ): Promise<ImportReportView | ImportJobView> {
    const file = importFileOf(body, contentType, query.format);
    const command = { type: query.type, dryRun: query.dryRun ?? false, format: file.format, encoding: query.encoding ?? ('auto' as const), body: file.body };
    return this.jobs.runOrAccept(command, { prefer, reply, jobsPath: '/api/outreach/imports/jobs' }, (now) => this.importRecords.execute(now));
  }

  @Get('jobs/:jobId')
  @Audited('ImportJob', { idParam: 'jobId' })
  @ApiOperation({ summary: 'An import in the background: status, rows checked and records created so far, and its report once finished' })
  @ApiOkResponse({ type: ImportJobView })
  async job(@Param('jobId', ParseUUIDPipe) jobId: string): Promise<ImportJobView> {
    const job = await this.jobs.get(jobId);
    if (!job) throw DomainException.notFound('ImportJob', jobId);
    return job;
  }
}
