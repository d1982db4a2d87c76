import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RegistryReader, RegistryWriter } from '../shared/access';
import type { FastifyReply } from 'fastify';
import { KeysetPageOf, etag, expectedVersion, optionalVersion } from '@tsunagu/platform-http';
import { DomainException } from '@tsunagu/platform-errors';
import type { KeysetPage, ListPage } from '@tsunagu/platform-persistence';
import { ChangeResourceStatusUseCase } from './change-resource-status.usecase';
import { csvEncodingOf } from '@tsunagu/util-csv';
import { ImportResourcesCsvUseCase, type ImportResourcesResult } from './import-resources-csv.usecase';
import { GetResourceUseCase, ListResourcesUseCase } from './list-resources.usecase';
import { RegisterResourceUseCase } from './register-resource.usecase';
import { UpdateResourceUseCase } from './update-resource.usecase';
import {
  RegisterResourceCommand,
  ResourceListQuery,
  ResourceView,
  TransitionResourceCommand,
  UpdateResourceCommand,
  VerifyResourceCommand,
} from './resource.dto';
import type { ResourceAction } from './resource-lifecycle';

const IF_MATCH = { name: 'If-Match', required: false, description: 'Quoted version the change is based on, e.g. "3" (412 when stale).' };

@ApiTags('community-resources (地域資源)')
@RegistryReader()
@Controller('community-resources')
export class ResourcesController {
  constructor(
    private readonly list: ListResourcesUseCase,
    private readonly get: GetResourceUseCase,
    private readonly registerResource: RegisterResourceUseCase,
    private readonly update: UpdateResourceUseCase,
    private readonly changeStatus: ChangeResourceStatusUseCase,
    private readonly importCsv: ImportResourcesCsvUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List resources (filters, paging, Japanese text search)' })
  @ApiOkResponse({ type: KeysetPageOf(ResourceView) })
  async findAll(@Query() query: ResourceListQuery): Promise<ListPage<ResourceView> | KeysetPage<ResourceView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ResourceView })
  async findOne(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ResourceView> {
    const view = await this.get.execute(id);
    reply.header('etag', etag(view.version));
    return view;
  }

  @RegistryWriter('CommunityResource')
  @Post()
  @ApiOperation({ summary: 'Register a resource (status 準備中)' })
  @ApiCreatedResponse({ type: ResourceView })
  async create(@Body() command: RegisterResourceCommand): Promise<ResourceView> {
    return this.registerResource.execute(command);
  }

  @RegistryWriter('CommunityResource', 'import')
  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import resources from a staff CSV (UTF-8 with/without BOM or CP932; Japanese header row). All or nothing.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'encoding', required: false, enum: ['auto', 'utf-8', 'cp932'] })
  async import(@Body() body: unknown, @Query('encoding') encoding?: string): Promise<ImportResourcesResult> {
    const chosen = csvEncodingOf(encoding);
    if (!chosen) throw DomainException.invalidField('encoding', 'must be auto, utf-8 or cp932');
    return this.importCsv.execute(body, chosen);
  }

  @RegistryWriter('CommunityResource')
  @Patch(':id')
  @ApiOperation({ summary: 'Edit a resource from a known version (body `version` or If-Match)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ResourceView })
  async edit(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() command: UpdateResourceCommand,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResourceView> {
    const view = await this.update.execute(id, command, expectedVersion(command.version, ifMatch));
    reply.header('etag', etag(view.version));
    return view;
  }

  @RegistryWriter('CommunityResource', 'transition')
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: '準備中 → 実施中, and list publicly' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ResourceView })
  async publish(@Param('id', ParseUUIDPipe) id: string, @Body() command: TransitionResourceCommand, @Headers('if-match') ifMatch?: string): Promise<ResourceView> {
    return this.transition(id, 'publish', command, ifMatch);
  }

  @RegistryWriter('CommunityResource', 'transition')
  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: '実施中 → 休止' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ResourceView })
  async suspend(@Param('id', ParseUUIDPipe) id: string, @Body() command: TransitionResourceCommand, @Headers('if-match') ifMatch?: string): Promise<ResourceView> {
    return this.transition(id, 'suspend', command, ifMatch);
  }

  @RegistryWriter('CommunityResource', 'transition')
  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: '休止 → 実施中' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ResourceView })
  async resume(@Param('id', ParseUUIDPipe) id: string, @Body() command: TransitionResourceCommand, @Headers('if-match') ifMatch?: string): Promise<ResourceView> {
    return this.transition(id, 'resume', command, ifMatch);
  }

  @RegistryWriter('CommunityResource', 'transition')
  @Post(':id/retire')
  @HttpCode(200)
  @ApiOperation({ summary: '→ 廃止 (final; records are never deleted)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ResourceView })
  async retire(@Param('id', ParseUUIDPipe) id: string, @Body() command: TransitionResourceCommand, @Headers('if-match') ifMatch?: string): Promise<ResourceView> {
    return this.transition(id, 'retire', command, ifMatch);
  }

  @RegistryWriter('CommunityResource', 'transition')
  @Post(':id/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the record is still accurate (sets lastVerifiedOn)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ResourceView })
  async verify(@Param('id', ParseUUIDPipe) id: string, @Body() command: VerifyResourceCommand, @Headers('if-match') ifMatch?: string): Promise<ResourceView> {
    return this.changeStatus.execute({ id, action: 'verify', expectedVersion: optionalVersion(command.version, ifMatch), verifiedOn: command.verifiedOn });
  }

  private transition(id: string, action: ResourceAction, command: TransitionResourceCommand, ifMatch: string | undefined): Promise<ResourceView> {
    return this.changeStatus.execute({ id, action, expectedVersion: optionalVersion(command.version, ifMatch) });
  }
}
