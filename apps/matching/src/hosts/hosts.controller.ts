import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf, expectedVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { MENU_ROLES, STAFF_ROLES } from '../shared/roles';
import { HostListQuery, HostView, RegisterHostCommand, UpdateHostCommand } from './host.dto';
import { GetHostUseCase, ListHostsUseCase } from './list-hosts.usecase';
import { RegisterHostUseCase } from './register-host.usecase';
import { UpdateHostUseCase } from './update-host.usecase';

@ApiTags('hosts (受入先・協力事業者)')
@Controller('hosts')
@Roles(...new Set([...STAFF_ROLES, ...MENU_ROLES]))
@Audited('Host')
export class HostsController {
  constructor(
    private readonly list: ListHostsUseCase,
    private readonly get: GetHostUseCase,
    private readonly register: RegisterHostUseCase,
    private readonly update: UpdateHostUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: PageOf(HostView) })
  findAll(@Query() query: HostListQuery): Promise<ListPage<HostView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @Roles(...new Set([...STAFF_ROLES, ...MENU_ROLES]), 'agency')
  @ApiOkResponse({ type: HostView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<HostView> {
    return this.get.execute(id);
  }

  @Post()
  @Roles(...MENU_ROLES)
  @ApiOperation({ summary: 'Register an organisation as a host (受入先): types, purposes accepted, accommodations, contact, agreement' })
  @ApiCreatedResponse({ type: HostView })
  create(@Body() command: RegisterHostCommand): Promise<HostView> {
    return this.register.execute(command);
  }

  @Patch(':id')
  @Roles(...MENU_ROLES)
  @ApiOperation({ summary: 'Edit host terms or the agreement status (登録 / 協定締結 / 休止 / 解除)' })
  @ApiOkResponse({ type: HostView })
  patch(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateHostCommand, @Headers('if-match') ifMatch?: string): Promise<HostView> {
    return this.update.execute(id, command, expectedVersion(command.version, ifMatch));
  }
}
