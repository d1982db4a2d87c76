import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Audited, subjectsAt } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf, etag, expectedVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { STAFF_AND_AGENCY_ROLES } from '../shared/roles';
import { HouseholdListQuery, HouseholdView, RegisterHouseholdCommand, UpdateHouseholdCommand } from './household.dto';
import { GetHouseholdUseCase, ListHouseholdsUseCase } from './list-households.usecase';
import { RegisterHouseholdUseCase } from './register-household.usecase';
import { UpdateHouseholdUseCase } from './update-household.usecase';

@ApiTags('households (世帯・支援単位)')
@Controller('households')
@Roles(...STAFF_AND_AGENCY_ROLES)
@Audited('Household', { subjects: subjectsAt(':id', 'id', 'members.personId') })
export class HouseholdsController {
  constructor(
    private readonly list: ListHouseholdsUseCase,
    private readonly get: GetHouseholdUseCase,
    private readonly register: RegisterHouseholdUseCase,
    private readonly update: UpdateHouseholdUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List households (filter by member or district; q matches the label)' })
  @ApiOkResponse({ type: PageOf(HouseholdView) })
  findAll(@Query() query: HouseholdListQuery): Promise<ListPage<HouseholdView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: HouseholdView })
  async findOne(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<HouseholdView> {
    const view = await this.get.execute(id);
    reply.header('etag', etag(view.version));
    return view;
  }

  @Post()
  @ApiCreatedResponse({ type: HouseholdView })
  create(@Body() command: RegisterHouseholdCommand): Promise<HouseholdView> {
    return this.register.execute(command);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a household or replace its members (care edges: 介護 / 育児 / 経済的依存 / 見守り)' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: HouseholdView })
  edit(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateHouseholdCommand, @Headers('if-match') ifMatch?: string): Promise<HouseholdView> {
    return this.update.execute(id, command, expectedVersion(command.version, ifMatch));
  }
}
