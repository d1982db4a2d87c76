import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Audited, AuditedAction, subjectsAt } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf, etag, expectedVersion, optionalVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { STAFF_AND_AGENCY_ROLES } from '../shared/roles';
import {
  CancelConsultationCommand,
  ConsultationListQuery,
  ConsultationView,
  ReceiveConsultationCommand,
  TransitionConsultationCommand,
  TriageConsultationCommand,
  UpdateConsultationCommand,
} from './consultation.dto';
import { GetConsultationUseCase, ListConsultationsUseCase } from './list-consultations.usecase';
import { ReceiveConsultationUseCase } from './receive-consultation.usecase';
import { TransitionConsultationUseCase } from './transition-consultation.usecase';
import { UpdateConsultationUseCase } from './update-consultation.usecase';

@ApiTags('consultations (相談受付)')
@Controller('consultations')
@Roles(...STAFF_AND_AGENCY_ROLES)
@Audited('Consultation', { subjects: subjectsAt('personId', 'householdId') })
export class ConsultationsController {
  constructor(
    private readonly list: ListConsultationsUseCase,
    private readonly get: GetConsultationUseCase,
    private readonly receive: ReceiveConsultationUseCase,
    private readonly update: UpdateConsultationUseCase,
    private readonly transition: TransitionConsultationUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List consultations (default: newest first; q matches the reception number and the person’s words)' })
  @ApiOkResponse({ type: PageOf(ConsultationView) })
  findAll(@Query() query: ConsultationListQuery): Promise<ListPage<ConsultationView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ConsultationView })
  async findOne(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ConsultationView> {
    const view = await this.get.execute(id);
    reply.header('etag', etag(view.version));
    return view;
  }

  @Post()
  @ApiOperation({ summary: 'Receive a consultation (受付): numbered per organisation and 年度; abuse tags open a 通報 record' })
  @ApiCreatedResponse({ type: ConsultationView })
  create(@Body() command: ReceiveConsultationCommand): Promise<ConsultationView> {
    return this.receive.execute(command);
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: ConsultationView })
  edit(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateConsultationCommand, @Headers('if-match') ifMatch?: string): Promise<ConsultationView> {
    return this.update.execute(id, command, expectedVersion(command.version, ifMatch));
  }

  @Post(':id/start-screening')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '受付 → スクリーニング中' })
  @ApiOkResponse({ type: ConsultationView })
  @ApiConflictResponse({ description: 'Not allowed from the current status: problem+json with `transition` {from, action, allowed}.' })
  startScreening(@Param('id', ParseUUIDPipe) id: string, @Body() command: TransitionConsultationCommand, @Headers('if-match') ifMatch?: string): Promise<ConsultationView> {
    return this.transition.execute(id, { action: 'start-screening', expectedVersion: optionalVersion(command.version, ifMatch) });
  }

  @Post(':id/triage')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: 'スクリーニング中 → by disposition: 自機関対応中 / つなぎ済 / 多機関協働へ引継 / 支援会議付議 / 通報済 / 終了' })
  @ApiOkResponse({ type: ConsultationView })
  @ApiConflictResponse({ description: 'Not allowed from the current status.' })
  triage(@Param('id', ParseUUIDPipe) id: string, @Body() command: TriageConsultationCommand, @Headers('if-match') ifMatch?: string): Promise<ConsultationView> {
    return this.transition.execute(id, { action: 'triage', disposition: command.disposition, expectedVersion: optionalVersion(command.version, ifMatch) });
  }

  @Post(':id/close')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '自機関対応中 → 終了' })
  @ApiOkResponse({ type: ConsultationView })
  @ApiConflictResponse({ description: 'Not allowed from the current status.' })
  close(@Param('id', ParseUUIDPipe) id: string, @Body() command: TransitionConsultationCommand, @Headers('if-match') ifMatch?: string): Promise<ConsultationView> {
    return this.transition.execute(id, { action: 'close', expectedVersion: optionalVersion(command.version, ifMatch) });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: 'Any status → 取消 (entered in error)' })
  @ApiOkResponse({ type: ConsultationView })
  cancel(@Param('id', ParseUUIDPipe) id: string, @Body() command: CancelConsultationCommand, @Headers('if-match') ifMatch?: string): Promise<ConsultationView> {
    return this.transition.execute(id, { action: 'cancel', reason: command.reason, expectedVersion: optionalVersion(command.version, ifMatch) });
  }
}
