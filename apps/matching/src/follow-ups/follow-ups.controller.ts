import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { ListMatchesUseCase } from '../matches/list-matches.usecase';
import { MatchListQuery, MatchView } from '../matches/match.dto';
import { STAFF_AND_AGENCY_ROLES } from '../shared/roles';
import { FollowUpListQuery, FollowUpView, RecordFollowUpCommand } from './follow-up.dto';
import { ListFollowUpsUseCase } from './list-follow-ups.usecase';
import { RecordFollowUpUseCase } from './record-follow-up.usecase';

@ApiTags('follow-ups (定着支援・受入先支援)')
@Controller()
@Roles(...STAFF_AND_AGENCY_ROLES)
@Audited('FollowUp')
export class FollowUpsController {
  constructor(
    private readonly list: ListFollowUpsUseCase,
    private readonly record: RecordFollowUpUseCase,
    private readonly matches: ListMatchesUseCase,
  ) {}

  @Get('matches/:id/follow-ups')
  @ApiOkResponse({ type: PageOf(FollowUpView) })
  findAll(@Param('id', ParseUUIDPipe) id: string, @Query() query: FollowUpListQuery): Promise<ListPage<FollowUpView>> {
    return this.list.execute(id, query);
  }

  @Post('matches/:id/follow-ups')
  @ApiOperation({ summary: 'Record 定着支援 (person), 受入先支援 (host) or both; sets when the next one is due' })
  @ApiCreatedResponse({ type: FollowUpView })
  create(@Param('id', ParseUUIDPipe) id: string, @Body() command: RecordFollowUpCommand): Promise<FollowUpView> {
    return this.record.execute(id, command);
  }

  @Get('follow-ups/overdue')
  @ApiOperation({ summary: 'Open matches whose next follow-up is overdue (oldest due first)' })
  @ApiOkResponse({ type: PageOf(MatchView) })
  overdue(@Query() query: MatchListQuery): Promise<ListPage<MatchView>> {
    return this.matches.execute({ ...query, followUpOverdue: true, sort: query.sort ?? 'nextFollowUpDue' });
  }
}
