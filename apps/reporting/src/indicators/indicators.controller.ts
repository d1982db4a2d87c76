import { Body, Controller, Get, Headers, Module, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '@tsunagu/platform-audit';
import { CityStaffOnly, Roles } from '@tsunagu/platform-auth';
import { expectedVersion } from '@tsunagu/platform-http';
import {
  CombinedMeasureView,
  CreateCombinedMeasureCommand,
  CreateIndicatorCommand,
  CreateTargetCommand,
  IndicatorFields,
  IndicatorView,
  TargetsQuery,
  TargetView,
  UpdateIndicatorCommand,
  UpdateTargetCommand,
} from './indicator.dto';
import {
  CombinedMeasuresUseCase,
  DefineIndicatorUseCase,
  EditIndicatorUseCase,
  ListIndicatorsUseCase,
  ListTargetsUseCase,
  ReviseIndicatorUseCase,
  SetTargetUseCase,
} from './indicators.usecases';

const IF_MATCH = { name: 'If-Match', required: false, description: 'Quoted version the edit is based on (412 when stale).' };

/** 評価指標 and 目標値: analysts read; supervisors and admins define, revise and set targets. */
@ApiTags('indicators')
@Audited('IndicatorDefinition')
@Controller('indicators')
export class IndicatorsController {
  constructor(
    private readonly list: ListIndicatorsUseCase,
    private readonly define: DefineIndicatorUseCase,
    private readonly edit: EditIndicatorUseCase,
    private readonly revise: ReviseIndicatorUseCase,
  ) {}

  @Get()
  @Roles('analyst', 'supervisor', 'admin')
  @ApiOkResponse({ type: [IndicatorView] })
  @ApiOperation({ summary: 'Every version of every indicator definition' })
  findAll(): Promise<IndicatorView[]> {
    return this.list.execute();
  }

  @Post()
  @Roles('supervisor', 'admin')
  @CityStaffOnly()
  @ApiCreatedResponse({ type: IndicatorView })
  @ApiOperation({ summary: 'Defines a new indicator (version 1 of a new code)' })
  create(@Body() command: CreateIndicatorCommand): Promise<IndicatorView> {
    return this.define.execute(command);
  }

  @Patch(':id')
  @Roles('supervisor', 'admin')
  @CityStaffOnly()
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: IndicatorView })
  @ApiOperation({ summary: 'Edits a definition no target uses yet (409 definition-in-use otherwise: add a version)' })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateIndicatorCommand, @Headers('if-match') ifMatch?: string): Promise<IndicatorView> {
    const { version, ...fields } = command;
    return this.edit.execute(id, fields, expectedVersion(version, ifMatch));
  }

  @Post(':id/versions')
  @Roles('supervisor', 'admin')
  @CityStaffOnly()
  @ApiCreatedResponse({ type: IndicatorView })
  @ApiOperation({ summary: 'Adds version n+1 of an indicator from its latest version' })
  addVersion(@Param('id', ParseUUIDPipe) id: string, @Body() fields: IndicatorFields): Promise<IndicatorView> {
    return this.revise.execute(id, fields);
  }
}

@ApiTags('indicators')
@Audited('IndicatorTarget')
@Controller('indicator-targets')
export class IndicatorTargetsController {
  constructor(
    private readonly targets: ListTargetsUseCase,
    private readonly setTarget: SetTargetUseCase,
  ) {}

  @Get()
  @Roles('analyst', 'supervisor', 'admin')
  @ApiOkResponse({ type: [TargetView] })
  @ApiOperation({ summary: '目標値, optionally of one 年度' })
  findAll(@Query() query: TargetsQuery): Promise<TargetView[]> {
    return this.targets.execute(query.fiscalYear);
  }

  @Post()
  @Roles('supervisor', 'admin')
  @CityStaffOnly()
  @ApiCreatedResponse({ type: TargetView })
  @ApiOperation({ summary: 'Sets the target of an indicator definition for a 年度' })
  create(@Body() command: CreateTargetCommand): Promise<TargetView> {
    return this.setTarget.create(command);
  }

  @Patch(':id')
  @Roles('supervisor', 'admin')
  @CityStaffOnly()
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: TargetView })
  @ApiOperation({ summary: 'Changes a target value' })
  update(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdateTargetCommand, @Headers('if-match') ifMatch?: string): Promise<TargetView> {
    return this.setTarget.update(id, command.targetValue, expectedVersion(command.version, ifMatch));
  }
}

/** Measures as data: two built-in measures combined (sum, difference, ratio, percentage); analysts read, supervisors and admins define. */
@ApiTags('indicators')
@Audited('CombinedMeasure')
@Controller('combined-measures')
export class CombinedMeasuresController {
  constructor(private readonly measures: CombinedMeasuresUseCase) {}

  @Get()
  @Roles('analyst', 'supervisor', 'admin')
  @ApiOkResponse({ type: [CombinedMeasureView] })
  @ApiOperation({ summary: "The municipality's combined measures (indicators name them as combined:<code>)" })
  findAll(): Promise<CombinedMeasureView[]> {
    return this.measures.list();
  }

  @Post()
  @Roles('supervisor', 'admin')
  @CityStaffOnly()
  @ApiCreatedResponse({ type: CombinedMeasureView })
  @ApiOperation({ summary: 'Defines a combined measure (never edited afterwards: a different formula is a new code)' })
  create(@Body() command: CreateCombinedMeasureCommand): Promise<CombinedMeasureView> {
    return this.measures.define(command);
  }
}

@Module({
  controllers: [IndicatorsController, IndicatorTargetsController, CombinedMeasuresController],
  providers: [CombinedMeasuresUseCase, ListIndicatorsUseCase, DefineIndicatorUseCase, EditIndicatorUseCase, ReviseIndicatorUseCase, ListTargetsUseCase, SetTargetUseCase],
})
export class IndicatorsModule {}
