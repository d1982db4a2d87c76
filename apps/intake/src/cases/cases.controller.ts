import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedAction, subjectsAt } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf, optionalVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { STAFF_AND_AGENCY_ROLES, STAFF_ROLES } from '../shared/roles';
import type { CaseAction } from './case-status';
import { AssignLeadCommand, CaseListQuery, CaseTransitionCommand, CaseView, CloseCaseCommand, DecideSupportCommand, OpenCaseCommand, SuspendCaseCommand } from './case.dto';
import { GetCaseUseCase, ListCasesUseCase } from './list-cases.usecase';
import { OpenCaseUseCase } from './open-case.usecase';
import { TransitionCaseUseCase } from './transition-case.usecase';

@ApiTags('cases (多機関協働)')
@Controller('cases')
@Roles(...STAFF_ROLES)
@Audited('MultiAgencyCase', { subjects: subjectsAt('householdId', 'keyPersonId') })
export class CasesController {
  constructor(
    private readonly list: ListCasesUseCase,
    private readonly get: GetCaseUseCase,
    private readonly open: OpenCaseUseCase,
    private readonly transition: TransitionCaseUseCase,
  ) {}

  @Get()
  @Roles(...STAFF_AND_AGENCY_ROLES)
  @ApiOperation({ summary: 'List cases; agency callers see only cases their organisation has a role in' })
  @ApiOkResponse({ type: PageOf(CaseView) })
  findAll(@Query() query: CaseListQuery): Promise<ListPage<CaseView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @Roles(...STAFF_AND_AGENCY_ROLES)
  @ApiOkResponse({ type: CaseView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<CaseView> {
    return this.get.execute(id);
  }

  @Post()
  @ApiOperation({ summary: 'Open a case: pre-consent track (潜在) or, with consent for 重層的支援会議での共有, the 重層 track (受理)' })
  @ApiCreatedResponse({ type: CaseView })
  create(@Body() command: OpenCaseCommand): Promise<CaseView> {
    return this.open.execute(command);
  }

  private move(id: string, action: CaseAction, command: CaseTransitionCommand, ifMatch: string | undefined, extra: object = {}): Promise<CaseView> {
    return this.transition.execute(id, { action, expectedVersion: optionalVersion(command.version, ifMatch), ...extra });
  }

  @Post(':id/record-consent')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '潜在 → アセスメント中: consent obtained, the case moves to the 重層 track' })
  @ApiOkResponse({ type: CaseView })
  @ApiConflictResponse({ description: 'Not allowed from the current status: problem+json with `transition`.' })
  recordConsent(@Param('id', ParseUUIDPipe) id: string, @Body() command: CaseTransitionCommand, @Headers('if-match') ifMatch?: string): Promise<CaseView> {
    return this.move(id, 'record-consent', command, ifMatch);
  }

  @Post(':id/start-assessment')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '受理 → アセスメント中' })
  @ApiOkResponse({ type: CaseView })
  startAssessment(@Param('id', ParseUUIDPipe) id: string, @Body() command: CaseTransitionCommand, @Headers('if-match') ifMatch?: string): Promise<CaseView> {
    return this.move(id, 'start-assessment', command, ifMatch);
  }

  @Post(':id/start-planning')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: 'アセスメント中 → プラン作成中' })
  @ApiOkResponse({ type: CaseView })
  startPlanning(@Param('id', ParseUUIDPipe) id: string, @Body() command: CaseTransitionCommand, @Headers('if-match') ifMatch?: string): Promise<CaseView> {
    return this.move(id, 'start-planning', command, ifMatch);
  }

  @Post(':id/decide-support')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @AuditedAction('transition')
  @ApiOperation({ summary: '会議審議中 → 支援決定済: the municipality’s 支援決定 (needs an approved plan; supervisor/admin)' })
  @ApiOkResponse({ type: CaseView })
  decideSupport(@Param('id', ParseUUIDPipe) id: string, @Body() command: DecideSupportCommand, @Headers('if-match') ifMatch?: string): Promise<CaseView> {
    return this.move(id, 'decide-support', command, ifMatch, { decidedOn: command.decidedOn, meetingId: command.meetingId });
  }

  @Post(':id/start-support')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '支援決定済 → 支援実施中 (needs a lead agency; the approved plan becomes 実施中)' })
  @ApiOkResponse({ type: CaseView })
  startSupport(@Param('id', ParseUUIDPipe) id: string, @Body() command: CaseTransitionCommand, @Headers('if-match') ifMatch?: string): Promise<CaseView> {
    return this.move(id, 'start-support', command, ifMatch);
  }

  @Post(':id/start-evaluation')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '支援実施中 → 評価中 (then record an evaluation of the active plan)' })
  @ApiOkResponse({ type: CaseView })
  startEvaluation(@Param('id', ParseUUIDPipe) id: string, @Body() command: CaseTransitionCommand, @Headers('if-match') ifMatch?: string): Promise<CaseView> {
    return this.move(id, 'start-evaluation', command, ifMatch);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '支援実施中 / 評価中 → 中断' })
  @ApiOkResponse({ type: CaseView })
  suspend(@Param('id', ParseUUIDPipe) id: string, @Body() command: SuspendCaseCommand, @Headers('if-match') ifMatch?: string): Promise<CaseView> {
    return this.move(id, 'suspend', command, ifMatch, { reason: command.reason });
  }

  @Post(':id/resume')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '中断 → 支援実施中 (再開)' })
  @ApiOkResponse({ type: CaseView })
  resume(@Param('id', ParseUUIDPipe) id: string, @Body() command: CaseTransitionCommand, @Headers('if-match') ifMatch?: string): Promise<CaseView> {
    return this.move(id, 'resume', command, ifMatch);
  }

  @Post(':id/close')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '評価中 / 潜在 → 終結 with a closure reason' })
  @ApiOkResponse({ type: CaseView })
  close(@Param('id', ParseUUIDPipe) id: string, @Body() command: CloseCaseCommand, @Headers('if-match') ifMatch?: string): Promise<CaseView> {
    return this.move(id, 'close', command, ifMatch, { closureReason: command.reason, note: command.note });
  }

  @Post(':id/assign-lead')
  @HttpCode(200)
  @AuditedAction('update')
  @ApiOperation({ summary: 'Assign the lead agency (主担当機関)' })
  @ApiOkResponse({ type: CaseView })
  assignLead(@Param('id', ParseUUIDPipe) id: string, @Body() command: AssignLeadCommand, @Headers('if-match') ifMatch?: string): Promise<CaseView> {
    return this.transition.assignLead(id, command.leadOrganizationId, optionalVersion(command.version, ifMatch));
  }

  @Post(':id/release-coordinator')
  @HttpCode(200)
  @AuditedAction('update')
  @ApiOperation({ summary: 'The 多機関協働事業者 steps back (一旦終結); the case continues under the lead agency' })
  @ApiOkResponse({ type: CaseView })
  releaseCoordinator(@Param('id', ParseUUIDPipe) id: string, @Body() command: CaseTransitionCommand, @Headers('if-match') ifMatch?: string): Promise<CaseView> {
    return this.transition.releaseCoordinator(id, optionalVersion(command.version, ifMatch));
  }
}
