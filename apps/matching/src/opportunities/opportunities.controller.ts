import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedAction } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf, expectedVersion, optionalVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { MENU_ROLES, STAFF_ROLES } from '../shared/roles';
import { CreateMenuUseCase } from './create-menu.usecase';
import { GetOpportunityUseCase, ListOpportunitiesUseCase } from './list-opportunities.usecase';
import { CreateMenuCommand, OpportunityListQuery, OpportunityView, RefreshOpportunityCommand, UpdateOpportunityCommand } from './opportunity.dto';
import { RefreshFromRegistryUseCase } from './refresh-from-registry.usecase';
import { UpdateOpportunityUseCase } from './update-opportunity.usecase';

const READERS = [...new Set([...STAFF_ROLES, ...MENU_ROLES, 'agency' as const])];
const WRITERS = [...MENU_ROLES, 'agency' as const];

@ApiTags('opportunities (参加の場・メニュー)')
@Controller('opportunities')
@Roles(...READERS)
@Audited('Opportunity')
export class OpportunitiesController {
  constructor(
    private readonly list: ListOpportunitiesUseCase,
    private readonly get: GetOpportunityUseCase,
    private readonly create: CreateMenuUseCase,
    private readonly update: UpdateOpportunityUseCase,
    private readonly refresh: RefreshFromRegistryUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Registry community resources (kept fresh by events) and hosts’ own menus' })
  @ApiOkResponse({ type: PageOf(OpportunityView) })
  findAll(@Query() query: OpportunityListQuery): Promise<ListPage<OpportunityView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: OpportunityView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<OpportunityView> {
    return this.get.execute(id);
  }

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'A host adds a menu of its own (メニューづくり); agencies only for their own organisation' })
  @ApiCreatedResponse({ type: OpportunityView })
  createMenu(@Body() command: CreateMenuCommand): Promise<OpportunityView> {
    return this.create.execute(command);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Set participation terms (schedule slots, seats, accommodations, load, fee) or a host menu’s status' })
  @ApiOkResponse({ type: OpportunityView })
  patch(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateOpportunityCommand, @Headers('if-match') ifMatch?: string): Promise<OpportunityView> {
    return this.update.execute(id, command, expectedVersion(command.version, ifMatch));
  }

  @Post(':id/refresh-from-registry')
  @HttpCode(200)
  @Roles(...WRITERS)
  @AuditedAction('update')
  @ApiOperation({ summary: 'Fill a registry resource copy with the registry’s public details (name, weekdays and time, capacity, activities) that staff have not set; 503 when the registry does not answer' })
  @ApiOkResponse({ type: OpportunityView })
  refreshFromRegistry(@Param('id', ParseUUIDPipe) id: string, @Body() command: RefreshOpportunityCommand, @Headers('if-match') ifMatch?: string): Promise<OpportunityView> {
    return this.refresh.execute(id, optionalVersion(command.version, ifMatch));
  }
}
