import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedAction, subjectsAt } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf, optionalVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { STAFF_AND_AGENCY_ROLES, STAFF_ROLES } from '../shared/roles';
import { GetMatchUseCase, ListMatchesUseCase } from './list-matches.usecase';
import { MatchListQuery, MatchView, ProposeMatchCommand, TransitionMatchCommand } from './match.dto';
import { ProposeMatchUseCase } from './propose-match.usecase';
import { TransitionMatchUseCase } from './transition-match.usecase';

@ApiTags('matches (マッチング)')
@Controller('matches')
@Roles(...STAFF_ROLES)
@Audited('Match', { subjects: subjectsAt('personId') })
export class MatchesController {
  constructor(
    private readonly list: ListMatchesUseCase,
    private readonly get: GetMatchUseCase,
    private readonly propose: ProposeMatchUseCase,
    private readonly transition: TransitionMatchUseCase,
  ) {}

  @Get()
  @Roles(...STAFF_AND_AGENCY_ROLES)
  @ApiOperation({ summary: 'Matches; a host organisation’s agency users and clients see only their own, from 見学 on' })
  @ApiOkResponse({ type: PageOf(MatchView) })
  findAll(@Query() query: MatchListQuery): Promise<ListPage<MatchView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @Roles(...STAFF_AND_AGENCY_ROLES)
  @ApiOkResponse({ type: MatchView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<MatchView> {
    return this.get.execute(id);
  }

  @Post()
  @ApiOperation({ summary: '提案: propose an opportunity to a need (it must pass every hard constraint)' })
  @ApiCreatedResponse({ type: MatchView })
  create(@Body() command: ProposeMatchCommand): Promise<MatchView> {
    return this.propose.execute(command);
  }

  @Post(':id/transition')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({
    summary: '見学 / 体験 / 参加開始（定着支援中） / 定着, or 中断 / 終了 with a reason; sharing with the host (見学 on) needs consent 参加支援受入先への提供',
  })
  @ApiOkResponse({ type: MatchView })
  move(@Param('id', ParseUUIDPipe) id: string, @Body() command: TransitionMatchCommand, @Headers('if-match') ifMatch?: string): Promise<MatchView> {
    return this.transition.execute(id, command, optionalVersion(command.version, ifMatch));
  }
}
