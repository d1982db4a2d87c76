import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedAction } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf, expectedVersion, optionalVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { STAFF_AND_AGENCY_ROLES, STAFF_ROLES } from '../shared/roles';
import { BuildMeetingPackUseCase } from './build-meeting-pack.usecase';
import { ListMeetingsUseCase } from './list-meetings.usecase';
import { AcknowledgeConfidentialityCommand, MeetingListQuery, MeetingPackView, MeetingTransitionCommand, MeetingView, ScheduleMeetingCommand, UpdateMeetingCommand } from './meeting.dto';
import { ScheduleMeetingUseCase } from './schedule-meeting.usecase';
import { TransitionMeetingUseCase } from './transition-meeting.usecase';

@ApiTags('meetings (支援会議・重層的支援会議)')
@Controller('meetings')
@Roles(...STAFF_ROLES)
@Audited('Meeting')
export class MeetingsController {
  constructor(
    private readonly list: ListMeetingsUseCase,
    private readonly schedule: ScheduleMeetingUseCase,
    private readonly transition: TransitionMeetingUseCase,
    private readonly pack: BuildMeetingPackUseCase,
  ) {}

  @Get()
  @Roles(...STAFF_AND_AGENCY_ROLES)
  @ApiOperation({ summary: 'List meetings; agency callers see only meetings their organisation convenes or attends' })
  @ApiOkResponse({ type: PageOf(MeetingView) })
  findAll(@Query() query: MeetingListQuery): Promise<ListPage<MeetingView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @Roles(...STAFF_AND_AGENCY_ROLES)
  @ApiOkResponse({ type: MeetingView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<MeetingView> {
    return this.list.get(id);
  }

  @Get(':id/pack')
  @Roles(...STAFF_AND_AGENCY_ROLES)
  @AuditedAction('export')
  @ApiOperation({
    summary: 'Meeting pack: the cases on the agenda with the material the meeting’s legal basis allows (no 106条の6 material in consent-based meetings)',
    description: 'Given to the municipal secretariat and to persons on the attendee list who acknowledged confidentiality — not to other staff or clients of an attending organisation.',
  })
  @ApiOkResponse({ type: MeetingPackView })
  @ApiForbiddenResponse({ description: 'The caller is not a listed attendee or has not acknowledged confidentiality (`reason: confidentiality-acknowledgement-required`).' })
  buildPack(@Param('id', ParseUUIDPipe) id: string): Promise<MeetingPackView> {
    return this.pack.execute(id);
  }

  @Post()
  @ApiOperation({ summary: 'Schedule a meeting (legal type apart from the local name)' })
  @ApiCreatedResponse({ type: MeetingView })
  create(@Body() command: ScheduleMeetingCommand): Promise<MeetingView> {
    return this.schedule.execute(command);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit attendees, cases, decisions and minutes (予定 / 開催済)' })
  @ApiOkResponse({ type: MeetingView })
  edit(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateMeetingCommand, @Headers('if-match') ifMatch?: string): Promise<MeetingView> {
    return this.schedule.update(id, command, expectedVersion(command.version, ifMatch));
  }

  @Post(':id/acknowledge-confidentiality')
  @HttpCode(200)
  @Roles(...STAFF_AND_AGENCY_ROLES)
  @AuditedAction('update')
  @ApiOperation({
    summary: '守秘義務の確認 by one attending person',
    description:
      'With an empty body the caller acknowledges for themself (they must be on the attendee list under their account, and for agency staff under their organisation). The secretariat enters a signed paper 誓約書 for one attendee (staffSubject, or name + organizationId). Machine clients cannot acknowledge.',
  })
  @ApiOkResponse({ type: MeetingView })
  @ApiForbiddenResponse({ description: 'The caller is not a listed attendee, is a machine client, or (agency) names someone else.' })
  acknowledge(@Param('id', ParseUUIDPipe) id: string, @Body() command: AcknowledgeConfidentialityCommand): Promise<MeetingView> {
    return this.transition.acknowledge(id, command);
  }

  @Post(':id/hold')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '予定 → 開催済 (106条の6: every attendee must have acknowledged confidentiality)' })
  @ApiOkResponse({ type: MeetingView })
  @ApiConflictResponse({ description: 'Missing acknowledgements (`missingAcknowledgements`) or not allowed from the current status.' })
  hold(@Param('id', ParseUUIDPipe) id: string, @Body() command: MeetingTransitionCommand, @Headers('if-match') ifMatch?: string): Promise<MeetingView> {
    return this.transition.execute(id, 'hold', optionalVersion(command.version, ifMatch));
  }

  @Post(':id/finalise')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '開催済 → 記録確定' })
  @ApiOkResponse({ type: MeetingView })
  finalise(@Param('id', ParseUUIDPipe) id: string, @Body() command: MeetingTransitionCommand, @Headers('if-match') ifMatch?: string): Promise<MeetingView> {
    return this.transition.execute(id, 'finalise', optionalVersion(command.version, ifMatch));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '予定 → 中止' })
  @ApiOkResponse({ type: MeetingView })
  cancel(@Param('id', ParseUUIDPipe) id: string, @Body() command: MeetingTransitionCommand, @Headers('if-match') ifMatch?: string): Promise<MeetingView> {
    return this.transition.execute(id, 'cancel', optionalVersion(command.version, ifMatch));
  }
}
