import { Controller, Get, Module, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { AGGREGATE_ROLES, STAFF_ROLES } from '../shared/roles';
import { MenuGapCheckScheduler, MenuGapCheckUseCase } from './menu-gap-check';
import { GapListQuery, GapSummaryQuery, GapSummaryView, GapView } from './gap.dto';
import { ListGapsUseCase, SummarizeGapsUseCase } from './summarize-gaps.usecase';

@ApiTags('gaps (メニュー不足)')
@Controller('gaps')
@Audited('MenuGap')
export class GapsController {
  constructor(
    private readonly summarize: SummarizeGapsUseCase,
    private readonly list: ListGapsUseCase,
  ) {}

  @Get()
  @Roles(...AGGREGATE_ROLES)
  @ApiOperation({ summary: 'Menu gaps per district: needs left without a menu, failing constraints, purposes and times wanted' })
  @ApiOkResponse({ type: GapSummaryView })
  perDistrict(@Query() query: GapSummaryQuery): Promise<GapSummaryView> {
    return this.summarize.execute(query);
  }

  @Get('records')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'The gap records (one per need and day when the outcome changed)' })
  @ApiOkResponse({ type: PageOf(GapView) })
  records(@Query() query: GapListQuery): Promise<ListPage<GapView>> {
    return this.list.execute(query);
  }
}

/** メニュー不足: recorded by the suggestions, aggregated per district. */
@Module({ controllers: [GapsController], providers: [SummarizeGapsUseCase, ListGapsUseCase, MenuGapCheckUseCase, MenuGapCheckScheduler] })
export class GapsModule {}
