import { Body, Controller, Delete, Get, Headers, HttpCode, Module, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Audited } from '@tsunagu/platform-audit';
import { CityStaffOnly, CurrentPrincipal, Roles } from '@tsunagu/platform-auth';
import type { Principal } from '@tsunagu/platform-context';
import { etag, expectedVersion, optionalVersion } from '@tsunagu/platform-http';
import { DomainException } from '@tsunagu/platform-errors';
import { JIGYO, type Jigyo } from '../reports/jigyo/jigyo-report';
import { ReportsModule } from '../reports/reports.module';
import {
  BudgetsQuery,
  BudgetView,
  CreateLogicModelItemCommand,
  LogicModelItemView,
  LogicModelQuery,
  SetBudgetCommand,
  UpdateLogicModelItemCommand,
} from './logic-model.dto';
import { JigyoBudgetsUseCase, LogicModelUseCase, type LogicModel } from './logic-model.usecases';

const IF_MATCH = { name: 'If-Match', required: false, description: 'Quoted version the edit is based on (412 when stale).' };

function fiscalYearParam(value: string): number {
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= 2000 && year <= 2200)) throw DomainException.invalidField('fiscalYear', 'a 年度 between 2000 and 2200 (西暦 of its April)');
  return year;
}

function jigyoParam(value: string): Jigyo {
  if (!(JIGYO as readonly string[]).includes(value)) throw DomainException.invalidField('jigyo', `one of ${JIGYO.join(', ')}`);
  return value as Jigyo;
}

/** ロジックモデル (issue 17): analysts read; the city's supervisors and admins edit (a contracted desk's never do). */
@ApiTags('logic-model')
@Audited('LogicModelItem')
@Controller()
export class LogicModelController {
  constructor(private readonly logicModel: LogicModelUseCase) {}

  @Get('logic-model')
  @Roles('analyst', 'supervisor', 'admin')
  @ApiOperation({ summary: 'The logic model of a 年度 per 事業: activities → outputs → short- and long-term outcomes, each with its indicator’s target vs actual, 事業費 and cost per result' })
  model(@CurrentPrincipal() principal: Principal, @Query() query: LogicModelQuery): Promise<LogicModel> {
    return this.logicModel.model(principal.municipality, query.fiscalYear, query.view ?? 'internal');
  }

  @Get('logic-model-items')
  @Roles('analyst', 'supervisor', 'admin')
  @ApiOkResponse({ type: [LogicModelItemView] })
  @ApiOperation({ summary: 'The items of the logic model, optionally of one 年度' })
  list(@Query() query: BudgetsQuery): Promise<LogicModelItemView[]> {
    return this.logicModel.list(query.fiscalYear);
  }

  @Post('logic-model-items')
  @Roles('supervisor', 'admin')
  @CityStaffOnly()
  @ApiCreatedResponse({ type: LogicModelItemView })
  @ApiOperation({ summary: 'Adds an activity, output or outcome to a 事業’s logic model' })
  create(@Body() command: CreateLogicModelItemCommand): Promise<LogicModelItemView> {
    return this.logicModel.create(command);
  }

  @Patch('logic-model-items/:id')
  @Roles('supervisor', 'admin')
  @CityStaffOnly()
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: LogicModelItemView })
  @ApiOperation({ summary: 'Edits an item (stage, position, title, indicator, note)' })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() command: UpdateLogicModelItemCommand,
    @Headers('if-match') ifMatch?: string,
  ): Promise<LogicModelItemView> {
    const { version, ...fields } = command;
    return this.logicModel.update(id, fields, expectedVersion(version, ifMatch));
  }

  @Delete('logic-model-items/:id')
  @HttpCode(204)
  @Roles('supervisor', 'admin')
  @CityStaffOnly()
  @ApiHeader({ ...IF_MATCH, required: true })
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Removes an item (the audit trail keeps who removed it and when)' })
  async remove(@Param('id', ParseUUIDPipe) id: string, @Headers('if-match') ifMatch?: string): Promise<void> {
    await this.logicModel.remove(id, expectedVersion(undefined, ifMatch));
  }
}

/** 事業費 and staff per 事業 and 年度: analysts read; the city's supervisors and admins enter them. */
@ApiTags('logic-model')
@Audited('JigyoBudget')
@Controller('jigyo-budgets')
export class JigyoBudgetsController {
  constructor(private readonly budgets: JigyoBudgetsUseCase) {}

  @Get()
  @Roles('analyst', 'supervisor', 'admin')
  @ApiOkResponse({ type: [BudgetView] })
  @ApiOperation({ summary: '事業費 and staff per 事業, optionally of one 年度' })
  list(@Query() query: BudgetsQuery): Promise<BudgetView[]> {
    return this.budgets.list(query.fiscalYear);
  }

  @Put(':fiscalYear/:jigyo')
  @Roles('supervisor', 'admin')
  @CityStaffOnly()
  @ApiHeader(IF_MATCH)
  @ApiParam({ name: 'jigyo', enum: JIGYO })
  @ApiOkResponse({ type: BudgetView })
  @ApiOperation({ summary: 'Enters (201) or changes (200, with the version edited) the 事業費 and staff of a 事業 for a 年度' })
  async set(
    @Param('fiscalYear') fiscalYear: string,
    @Param('jigyo') jigyo: string,
    @Body() command: SetBudgetCommand,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('if-match') ifMatch?: string,
  ): Promise<BudgetView> {
    const { budget, created } = await this.budgets.set(fiscalYearParam(fiscalYear), jigyoParam(jigyo), command, optionalVersion(command.version, ifMatch));
    reply.status(created ? 201 : 200);
    reply.header('etag', etag(budget.version));
    return budget;
  }
}

@Module({ imports: [ReportsModule], controllers: [LogicModelController, JigyoBudgetsController], providers: [LogicModelUseCase, JigyoBudgetsUseCase] })
export class LogicModelModule {}
