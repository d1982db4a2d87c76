import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RegistryReader, RegistryWriter } from '../shared/access';
import { PageOf, expectedVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { AssignCoordinatorCommand, CoordinatorListQuery, CoordinatorView, UpdateCoordinatorCommand } from './coordinator.dto';
import { AssignCoordinatorUseCase, GetCoordinatorUseCase, ListCoordinatorsUseCase, UpdateCoordinatorUseCase } from './coordinator.usecases';

@ApiTags('coordinators (生活支援コーディネーター)')
@RegistryReader()
@Controller('coordinators')
export class CoordinatorsController {
  constructor(
    private readonly list: ListCoordinatorsUseCase,
    private readonly get: GetCoordinatorUseCase,
    private readonly assign: AssignCoordinatorUseCase,
    private readonly update: UpdateCoordinatorUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: PageOf(CoordinatorView) })
  findAll(@Query() query: CoordinatorListQuery): Promise<ListPage<CoordinatorView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: CoordinatorView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<CoordinatorView> {
    return this.get.execute(id);
  }

  @RegistryWriter('Coordinator')
  @Post()
  @ApiCreatedResponse({ type: CoordinatorView })
  create(@Body() command: AssignCoordinatorCommand): Promise<CoordinatorView> {
    return this.assign.execute(command);
  }

  @RegistryWriter('Coordinator')
  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: false, description: 'Quoted version the edit is based on (412 when stale).' })
  @ApiOkResponse({ type: CoordinatorView })
  edit(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateCoordinatorCommand, @Headers('if-match') ifMatch?: string): Promise<CoordinatorView> {
    return this.update.execute(id, command, expectedVersion(command.version, ifMatch));
  }
}
