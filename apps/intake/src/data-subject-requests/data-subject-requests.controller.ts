import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Audited, AuditedAction } from '@tsunagu/platform-audit';
import { CityStaffOnly, Roles } from '@tsunagu/platform-auth';
import { PageOf, optionalVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { CompleteDataSubjectRequestUseCase } from './complete-data-subject-request.usecase';
import {
  CompleteDataSubjectRequestCommand,
  CreateDataSubjectRequestCommand,
  DataSubjectRequestListQuery,
  DataSubjectRequestView,
  DecideDataSubjectRequestCommand,
  ExtendDataSubjectRequestCommand,
} from './data-subject-request.dto';
import { DataSubjectRequestsUseCase, requestView } from './data-subject-requests.usecase';
import { DisclosurePackUseCase, type PackFile } from './disclosure-pack.usecase';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'Quoted version the change is based on (412 when stale).',
} as const;

/**
 * 開示・訂正・利用停止請求 (APPI 76条・90条・98条). The city's privacy work: Tsunagu has no 個人情報保護 officer role, so the
 * city's own supervisors and admins (never a contracted desk's, never a machine client) record, decide and complete
 * requests and download the pack. Every route is audited naming the person.
 */
@ApiTags('data-subject requests (開示・訂正・利用停止請求)')
@Controller('data-subject-requests')
@Roles('supervisor', 'admin')
@CityStaffOnly()
@Audited('DataSubjectRequest')
@ApiForbiddenResponse({
  description: 'Not a supervisor or admin of the city itself.',
})
export class DataSubjectRequestsController {
  constructor(
    private readonly requests: DataSubjectRequestsUseCase,
    private readonly complete: CompleteDataSubjectRequestUseCase,
    private readonly packs: DisclosurePackUseCase,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Requests, newest first (filter by kind, status, person); `overdue` marks those past their decision date',
  })
  @ApiOkResponse({ type: PageOf(DataSubjectRequestView) })
  list(@Query() query: DataSubjectRequestListQuery): Promise<ListPage<DataSubjectRequestView>> {
    return this.requests.list(query);
  }

  @Post()
  @ApiOperation({
    summary: 'Record a request (受付): its number and its decision date (請求日 + 15日) are given',
  })
  @ApiCreatedResponse({ type: DataSubjectRequestView })
  @ApiBadRequestResponse({
    description: 'No such person, or a correction without fields.',
  })
  create(@Body() command: CreateDataSubjectRequestCommand): Promise<DataSubjectRequestView> {
    return this.requests.create(command);
  }

  @Get(':id')
  @ApiOkResponse({ type: DataSubjectRequestView })
  @ApiNotFoundResponse()
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<DataSubjectRequestView> {
    return requestView(await this.requests.get(id));
  }

  @Post(':id/extend')
  @HttpCode(200)
  @AuditedAction('update')
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary: 'Extend the decision date once by 30 days, with the reason (法83条2項)',
  })
  @ApiOkResponse({ type: DataSubjectRequestView })
  @ApiConflictResponse({ description: 'Already extended, or already decided.' })
  extend(@Param('id', ParseUUIDPipe) id: string, @Body() command: ExtendDataSubjectRequestCommand, @Headers('if-match') ifMatch?: string): Promise<DataSubjectRequestView> {
    return this.requests.extend(id, command, optionalVersion(command.version, ifMatch));
  }

  @Post(':id/decide')
  @HttpCode(200)
  @AuditedAction('update')
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary: 'Decide (決定): 全部開示/承認, 一部開示/一部承認 or 不開示/却下, with the reason and the 法78条 grounds withheld',
  })
  @ApiOkResponse({ type: DataSubjectRequestView })
  @ApiConflictResponse({ description: 'Already decided.' })
  decide(@Param('id', ParseUUIDPipe) id: string, @Body() command: DecideDataSubjectRequestCommand, @Headers('if-match') ifMatch?: string): Promise<DataSubjectRequestView> {
    return this.requests.decide(id, command, optionalVersion(command.version, ifMatch));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @AuditedAction('update')
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary: 'Complete a decided request: 開示済 (the pack was handed over), or apply a correction / put a 利用停止 in force',
  })
  @ApiOkResponse({ type: DataSubjectRequestView })
  @ApiConflictResponse({ description: 'Not decided, or refused.' })
  completeRequest(@Param('id', ParseUUIDPipe) id: string, @Body() command: CompleteDataSubjectRequestCommand, @Headers('if-match') ifMatch?: string): Promise<DataSubjectRequestView> {
    return this.complete.execute(id, optionalVersion(command.version, ifMatch));
  }

  @Post(':id/lift')
  @HttpCode(200)
  @AuditedAction('update')
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    summary: 'Lift (解除) a 利用停止 in force: sharing the person’s data is allowed again from now on',
  })
  @ApiOkResponse({ type: DataSubjectRequestView })
  @ApiConflictResponse({ description: 'Not a 利用停止 in force.' })
  lift(@Param('id', ParseUUIDPipe) id: string, @Body() command: CompleteDataSubjectRequestCommand, @Headers('if-match') ifMatch?: string): Promise<DataSubjectRequestView> {
    return this.complete.lift(id, optionalVersion(command.version, ifMatch));
  }

  @Get(':id/pack.json')
  @ApiOperation({
    summary: 'The 開示 pack as JSON: every record of the person in intake, outreach and matching, what is withheld and why, and the access log',
    description: 'Built on each download (nothing is stored), `cache-control: no-store`, named after the request number only.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({
    description: 'The pack.',
    content: { 'application/json': { schema: { type: 'object' } } },
  })
  @ApiServiceUnavailableResponse({
    description: 'Outreach or matching did not answer: no incomplete pack is handed out.',
  })
  async packJson(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return send(reply, await this.packs.json(id), 'application/json; charset=utf-8');
  }

  @Get(':id/pack.pdf')
  @ApiOperation({
    summary: 'The 開示 pack as an A4 PDF (Noto Sans JP embedded), the same content as the JSON',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'A4 PDF as an attachment named after the request number.',
    content: {
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiServiceUnavailableResponse({
    description: 'Outreach or matching did not answer.',
  })
  async packPdf(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    return send(reply, await this.packs.pdf(id), 'application/pdf');
  }
}

function send(reply: FastifyReply, file: PackFile, contentType: string): Buffer {
  reply.header('content-type', contentType);
  reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
  reply.header('cache-control', 'no-store');
  return file.body;
}
