import { Controller, Get, Module, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { SettingsModule } from '../settings/settings';
import { OUTREACH_STAFF_AND_AGENCY_ROLES } from '../shared/roles';
import { AlertView } from './alert.view';
import { AlertListQuery, ListAlertsUseCase } from './list-alerts.usecase';
import { OutreachChecksScheduler, RunOutreachChecksUseCase } from './run-outreach-checks.usecase';

@ApiTags('inactivity alerts (無接触アラート)')
@Controller('inactivity-alerts')
@Roles(...OUTREACH_STAFF_AND_AGENCY_ROLES)
@Audited('InactivityAlert')
export class AlertsController {
  constructor(private readonly list: ListAlertsUseCase) {}

  @Get()
  @ApiOperation({ summary: 'Inactivity alerts (open and cleared), newest first; agency callers see their organisation’s only' })
  @ApiOkResponse({ type: PageOf(AlertView) })
  findAll(@Query() query: AlertListQuery): Promise<ListPage<AlertView>> {
    return this.list.execute(query);
  }
}

/** Inactivity alerts and the periodic check that raises them (and publishes overdue watch visits). */
@Module({
  imports: [SettingsModule],
  controllers: [AlertsController],
  providers: [ListAlertsUseCase, RunOutreachChecksUseCase, OutreachChecksScheduler],
  exports: [RunOutreachChecksUseCase],
})
export class AlertsModule {}
