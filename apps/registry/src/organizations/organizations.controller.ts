import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegistryReader, RegistryWriter } from '../shared/access';
import type { FastifyReply } from 'fastify';
import { KeysetPageOf, etag, expectedVersion } from '@tsunagu/platform-http';
import type { KeysetPage, ListPage } from '@tsunagu/platform-persistence';
import { GetOrganizationUseCase, ListOrganizationsUseCase } from './list-organizations.usecase';
import { OrganizationListQuery, OrganizationView, RegisterOrganizationCommand, UpdateOrganizationCommand } from './organization.dto';
import { RegisterOrganizationUseCase } from './register-organization.usecase';
import { UpdateOrganizationUseCase } from './update-organization.usecase';

@ApiTags('organizations (支援関係機関・団体)')
@RegistryReader()
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly list: ListOrganizationsUseCase,
    private readonly get: GetOrganizationUseCase,
    private readonly register: RegisterOrganizationUseCase,
    private readonly update: UpdateOrganizationUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List organisations (default order: kana)' })
  @ApiOkResponse({ type: KeysetPageOf(OrganizationView) })
  findAll(@Query() query: OrganizationListQuery): Promise<ListPage<OrganizationView> | KeysetPage<OrganizationView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganizationView })
  async findOne(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<OrganizationView> {
    const view = await this.get.execute(id);
    reply.header('etag', etag(view.version));
    return view;
  }

  @RegistryWriter('Organization')
  @Post()
  @ApiCreatedResponse({ type: OrganizationView })
  create(@Body() command: RegisterOrganizationCommand): Promise<OrganizationView> {
    return this.register.execute(command);
  }

  @RegistryWriter('Organization')
  @Patch(':id')
  @ApiOperation({ summary: 'Edit or archive an organisation from a known version' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Quoted version the edit is based on (412 when stale).' })
  @ApiOkResponse({ type: OrganizationView })
  edit(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateOrganizationCommand, @Headers('if-match') ifMatch?: string): Promise<OrganizationView> {
    return this.update.execute(id, command, expectedVersion(command.version, ifMatch));
  }
}
