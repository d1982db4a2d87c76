import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegistryReader, RegistryWriter } from '../shared/access';
import type { FastifyReply } from 'fastify';
import { PageOf, etag, expectedVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { ListAreaMappingsUseCase, RegisterAreaMappingUseCase, UpdateAreaMappingUseCase } from './area-mapping.usecases';
import {
  AreaMappingListQuery,
  AreaMappingView,
  DistrictListQuery,
  DistrictView,
  RegisterAreaMappingCommand,
  RegisterDistrictCommand,
  UpdateAreaMappingCommand,
  UpdateDistrictCommand,
} from './district.dto';
import { GetDistrictUseCase, ListDistrictsUseCase } from './list-districts.usecase';
import { RegisterDistrictUseCase } from './register-district.usecase';
import { UpdateDistrictUseCase } from './update-district.usecase';

const IF_MATCH = { name: 'If-Match', required: false, description: 'Quoted version the edit is based on (412 when stale).' };

@ApiTags('districts (地区)')
@RegistryReader()
@Controller('districts')
export class DistrictsController {
  constructor(
    private readonly list: ListDistrictsUseCase,
    private readonly get: GetDistrictUseCase,
    private readonly register: RegisterDistrictUseCase,
    private readonly update: UpdateDistrictUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List districts (default order: sortOrder)' })
  @ApiOkResponse({ type: PageOf(DistrictView) })
  findAll(@Query() query: DistrictListQuery): Promise<ListPage<DistrictView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: DistrictView })
  async findOne(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<DistrictView> {
    const view = await this.get.execute(id);
    reply.header('etag', etag(view.version));
    return view;
  }

  @RegistryWriter('District')
  @Post()
  @ApiCreatedResponse({ type: DistrictView })
  create(@Body() command: RegisterDistrictCommand): Promise<DistrictView> {
    return this.register.execute(command);
  }

  @RegistryWriter('District')
  @Patch(':id')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DistrictView })
  edit(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateDistrictCommand, @Headers('if-match') ifMatch?: string): Promise<DistrictView> {
    return this.update.execute(id, command, expectedVersion(command.version, ifMatch));
  }
}

@ApiTags('area-mappings (町字→地区)')
@RegistryReader()
@Controller('area-mappings')
export class AreaMappingsController {
  constructor(
    private readonly list: ListAreaMappingsUseCase,
    private readonly register: RegisterAreaMappingUseCase,
    private readonly update: UpdateAreaMappingUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: PageOf(AreaMappingView) })
  findAll(@Query() query: AreaMappingListQuery): Promise<ListPage<AreaMappingView>> {
    return this.list.execute(query);
  }

  @RegistryWriter('AreaMapping')
  @Post()
  @ApiCreatedResponse({ type: AreaMappingView })
  create(@Body() command: RegisterAreaMappingCommand): Promise<AreaMappingView> {
    return this.register.execute(command);
  }

  @RegistryWriter('AreaMapping')
  @Patch(':id')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AreaMappingView })
  edit(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateAreaMappingCommand, @Headers('if-match') ifMatch?: string): Promise<AreaMappingView> {
    return this.update.execute(id, command, expectedVersion(command.version, ifMatch));
  }
}
