import { Body, Controller, Get, Module, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { OUTREACH_STAFF_AND_AGENCY_ROLES } from '../shared/roles';
import { ListOverdueVisitsUseCase } from './list-overdue.usecase';
import { GetWatchPlanUseCase, SetWatchPlanUseCase } from './set-watch-plan.usecase';
import { OverdueQuery, OverdueVisitView, SetWatchPlanCommand, WatchPlanView } from './watch.dto';

@ApiTags('watching (ゆるやかな見守り)')
@Controller()
@Roles(...OUTREACH_STAFF_AND_AGENCY_ROLES)
export class WatchController {
  constructor(
    private readonly getPlan: GetWatchPlanUseCase,
    private readonly setPlan: SetWatchPlanUseCase,
    private readonly overdue: ListOverdueVisitsUseCase,
  ) {}

  @Get('targets/:targetId/watch-plan')
  @Audited('WatchPlan', { idParam: 'targetId', action: 'read' })
  @ApiOkResponse({ type: WatchPlanView })
  findPlan(@Param('targetId', ParseUUIDPipe) targetId: string): Promise<WatchPlanView> {
    return this.getPlan.execute(targetId);
  }

  @Put('targets/:targetId/watch-plan')
  @Audited('WatchPlan', { idParam: 'targetId' })
  @ApiOperation({ summary: 'Set the watch plan: visit every N days, by staff, 民生委員 or volunteers' })
  @ApiOkResponse({ type: WatchPlanView })
  putPlan(@Param('targetId', ParseUUIDPipe) targetId: string, @Body() command: SetWatchPlanCommand): Promise<WatchPlanView> {
    return this.setPlan.execute(targetId, command);
  }

  @Get('overdue-visits')
  @Audited('WatchPlan', { action: 'list' })
  @ApiOperation({ summary: 'Overdue visits, oldest first: per district (districtId), per organisation, or mine (mine=true)' })
  @ApiOkResponse({ type: PageOf(OverdueVisitView) })
  findOverdue(@Query() query: OverdueQuery): Promise<ListPage<OverdueVisitView>> {
    return this.overdue.execute(query);
  }
}

/** Watch plans and the overdue list. */
@Module({ controllers: [WatchController], providers: [GetWatchPlanUseCase, SetWatchPlanUseCase, ListOverdueVisitsUseCase] })
export class WatchModule {}
