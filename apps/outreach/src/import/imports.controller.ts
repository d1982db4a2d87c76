import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { Audited } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { IMPORT_BODY_LIMIT, importColumnViews, importFileOf } from '@tsunagu/platform-import';
import { ImportRecordsUseCase } from './import-records.usecase';
import { IMPORT_TEMPLATES } from './import-templates';
import { ImportQuery, ImportReportView, ImportTemplateView } from './import.dto';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Who moves a city's existing records in: supervisors and admins, as in intake. */
const IMPORTERS = ['supervisor', 'admin'] as const;

@ApiTags('imports (データ取込)')
@Controller('imports')
@Roles(...IMPORTERS)
export class ImportsController {
  constructor(private readonly importRecords: ImportRecordsUseCase) {}

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
  @ApiOkResponse({ type: ImportReportView })
  @ApiBadRequestResponse({ description: 'problem+json: a bad parameter or an unreadable file (naming the field), or a file with problems (`report`).' })
  @ApiPayloadTooLargeResponse({ description: `The file is larger than ${IMPORT_BODY_LIMIT} bytes.` })
  run(@Query() query: ImportQuery, @Body() body: unknown, @Headers('content-type') contentType?: string): Promise<ImportReportView> {
    const file = importFileOf(body, contentType, query.format);
    return this.importRecords.execute({ type: query.type, dryRun: query.dryRun ?? false, format: file.format, encoding: query.encoding ?? 'auto', body: file.body });
  }
}
