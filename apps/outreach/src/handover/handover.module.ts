import { Body, Controller, Get, Module, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedAction } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { ConsentEventHandlers } from '../consents/consent-events.handlers';
import { OUTREACH_STAFF_AND_AGENCY_ROLES } from '../shared/roles';
import { HandOverCommand, HandoverView } from './handover.dto';
import { HandOverTargetUseCase, ListHandoversUseCase } from './hand-over-target.usecase';
import { IntakeRecordHandlers } from './intake-record.handlers';

@ApiTags('hand-over (引継ぎ)')
@Controller('targets/:targetId')
@Roles(...OUTREACH_STAFF_AND_AGENCY_ROLES)
@Audited('Handover', { idParam: 'targetId' })
export class HandoverController {
  constructor(
    private readonly handOver: HandOverTargetUseCase,
    private readonly list: ListHandoversUseCase,
  ) {}

  @Post('hand-over')
  @AuditedAction('transition')
  @ApiOperation({ summary: 'Hand over to a consultation or a 多機関協働 case in intake (by event, ids and codes only); refused without a known person or a covering consent' })
  @ApiCreatedResponse({ type: HandoverView })
  @ApiConflictResponse({ description: 'No known person, no household (case), no covering consent, already handed over, or a stage before 関係構築中.' })
  create(@Param('targetId', ParseUUIDPipe) targetId: string, @Body() command: HandOverCommand): Promise<HandoverView> {
    return this.handOver.execute(targetId, command);
  }

  @Get('hand-overs')
  @ApiOkResponse({ type: HandoverView, isArray: true })
  findAll(@Param('targetId', ParseUUIDPipe) targetId: string): Promise<HandoverView[]> {
    return this.list.execute(targetId);
  }
}

/** Hand-over to intake, the consent mirror it checks, and the intake events that link the records it creates. */
@Module({ controllers: [HandoverController, ConsentEventHandlers, IntakeRecordHandlers], providers: [HandOverTargetUseCase, ListHandoversUseCase] })
export class HandoverModule {}
