import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedAction, subjectsAt } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf, expectedVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { OUTREACH_STAFF_AND_AGENCY_ROLES } from '../shared/roles';
import { GetTargetUseCase, ListTargetsUseCase } from './list-targets.usecase';
import { RegisterTargetUseCase } from './register-target.usecase';
import { ChangeStageCommand, CloseTargetCommand, RegisterTargetCommand, TargetListQuery, TargetView, UpdateTargetCommand } from './target.dto';
import { ChangeTargetStageUseCase, CloseTargetUseCase } from './transition-target.usecase';
import { UpdateTargetUseCase } from './update-target.usecase';

@ApiTags('targets (アウトリーチ対象)')
@Controller('targets')
@Roles(...OUTREACH_STAFF_AND_AGENCY_ROLES)
@Audited('OutreachTarget', { subjects: subjectsAt('personId', 'householdId') })
export class TargetsController {
  constructor(
    private readonly list: ListTargetsUseCase,
    private readonly get: GetTargetUseCase,
    private readonly register: RegisterTargetUseCase,
    private readonly changeStage: ChangeTargetStageUseCase,
    private readonly close: CloseTargetUseCase,
    private readonly update: UpdateTargetUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List targets; agency callers see only those assigned to their organisation' })
  @ApiOkResponse({ type: PageOf(TargetView) })
  findAll(@Query() query: TargetListQuery): Promise<ListPage<TargetView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: TargetView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<TargetView> {
    return this.get.execute(id);
  }

  @Post()
  @ApiOperation({ summary: 'Register a target: a known person, a household, or only a place (no consent needed)' })
  @ApiCreatedResponse({ type: TargetView })
  create(@Body() command: RegisterTargetCommand): Promise<TargetView> {
    return this.register.execute(command);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit details (link the person once known, risk level, district, assignment); needs the version (body or If-Match)' })
  @ApiOkResponse({ type: TargetView })
  @ApiConflictResponse({ description: 'stale-version: someone changed it since.' })
  edit(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateTargetCommand, @Headers('if-match') ifMatch?: string): Promise<TargetView> {
    return this.update.execute(id, command, expectedVersion(command.version, ifMatch));
  }

  @Post(':id/stage')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: 'Move to the next relationship stage (未接触 → 接触試行中 → 接触できた → 関係構築中 → 相談・支援につながった → 安定; 関係構築中 may fall back to 接触試行中)' })
  @ApiOkResponse({ type: TargetView })
  @ApiConflictResponse({ description: 'invalid-transition: the problem names from, to and the allowed stages.' })
  stage(@Param('id', ParseUUIDPipe) id: string, @Body() command: ChangeStageCommand): Promise<TargetView> {
    return this.changeStage.execute(id, command);
  }

  @Post(':id/close')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: 'Close (終結) from any stage with a reason; the watch plan ends' })
  @ApiOkResponse({ type: TargetView })
  @ApiConflictResponse({ description: 'Already closed.' })
  closeTarget(@Param('id', ParseUUIDPipe) id: string, @Body() command: CloseTargetCommand): Promise<TargetView> {
    return this.close.execute(id, command);
  }
}
