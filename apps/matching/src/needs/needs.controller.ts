import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedAction, subjectsAt } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf, expectedVersion, optionalVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { STAFF_ROLES } from '../shared/roles';
import { GetNeedUseCase, ListNeedsUseCase } from './list-needs.usecase';
import { NeedListQuery, NeedStatusCommand, NeedView, RegisterNeedCommand, SuggestionQuery, SuggestionsView, UpdateNeedCommand } from './need.dto';
import { RegisterNeedUseCase } from './register-need.usecase';
import { SuggestOpportunitiesUseCase } from './suggest-opportunities.usecase';
import { TransitionNeedUseCase } from './transition-need.usecase';
import { UpdateNeedUseCase } from './update-need.usecase';

@ApiTags('needs (参加ニーズ)')
@Controller('needs')
@Roles(...STAFF_ROLES)
@Audited('ParticipationNeed', { subjects: subjectsAt('personId') })
export class NeedsController {
  constructor(
    private readonly list: ListNeedsUseCase,
    private readonly get: GetNeedUseCase,
    private readonly register: RegisterNeedUseCase,
    private readonly update: UpdateNeedUseCase,
    private readonly transition: TransitionNeedUseCase,
    private readonly suggest: SuggestOpportunitiesUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: PageOf(NeedView) })
  findAll(@Query() query: NeedListQuery): Promise<ListPage<NeedView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: NeedView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<NeedView> {
    return this.get.execute(id);
  }

  @Post()
  @ApiOperation({ summary: 'Register a participation need (聴取中) for an intake person: purposes, interests, constraints, preferred districts' })
  @ApiCreatedResponse({ type: NeedView })
  create(@Body() command: RegisterNeedCommand): Promise<NeedView> {
    return this.register.execute(command);
  }

  @Patch(':id')
  @ApiOkResponse({ type: NeedView })
  patch(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateNeedCommand, @Headers('if-match') ifMatch?: string): Promise<NeedView> {
    return this.update.execute(id, command, expectedVersion(command.version, ifMatch));
  }

  @Post(':id/status')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '聴取中 → マッチング中 → 参加中 → 休止 / 終了' })
  @ApiOkResponse({ type: NeedView })
  move(@Param('id', ParseUUIDPipe) id: string, @Body() command: NeedStatusCommand, @Headers('if-match') ifMatch?: string): Promise<NeedView> {
    return this.transition.execute(id, command.status, optionalVersion(command.version, ifMatch));
  }

  @Get(':id/suggestions')
  @ApiOperation({ summary: 'Opportunities ranked for the need, each with reasons per factor that add up to its score; changes nothing (gapId: the menu gap already recorded for this outcome today, by the need’s own writes or the periodic check)' })
  @ApiOkResponse({ type: SuggestionsView })
  suggestions(@Param('id', ParseUUIDPipe) id: string, @Query() query: SuggestionQuery): Promise<SuggestionsView> {
    return this.suggest.execute(id, query.limit);
  }
}
