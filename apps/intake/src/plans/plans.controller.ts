import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited, AuditedAction } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import { PageOf, expectedVersion, optionalVersion } from '@tsunagu/platform-http';
import type { ListPage } from '@tsunagu/platform-persistence';
import { STAFF_ROLES } from '../shared/roles';
import { DraftPlanUseCase } from './draft-plan.usecase';
import { ListPlansUseCase } from './list-plans.usecase';
import { ApprovePlanCommand, DraftPlanCommand, EvaluationView, PlanListQuery, PlanTransitionCommand, PlanView, RecordEvaluationCommand, UpdatePlanCommand } from './plan.dto';
import { RecordEvaluationUseCase } from './record-evaluation.usecase';
import { TransitionPlanUseCase } from './transition-plan.usecase';

@ApiTags('plans (支援プラン・評価)')
@Controller('plans')
@Roles(...STAFF_ROLES)
@Audited('SupportPlan')
export class PlansController {
  constructor(
    private readonly list: ListPlansUseCase,
    private readonly draft: DraftPlanUseCase,
    private readonly transition: TransitionPlanUseCase,
    private readonly evaluate: RecordEvaluationUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: PageOf(PlanView) })
  findAll(@Query() query: PlanListQuery): Promise<ListPage<PlanView>> {
    return this.list.execute(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PlanView })
  findOne(@Param('id', ParseUUIDPipe) id: string): Promise<PlanView> {
    return this.list.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Draft the next plan version of a case (アセスメント中 / プラン作成中)' })
  @ApiCreatedResponse({ type: PlanView })
  create(@Body() command: DraftPlanCommand): Promise<PlanView> {
    return this.draft.execute(command);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft plan' })
  @ApiOkResponse({ type: PlanView })
  edit(@Param('id', ParseUUIDPipe) id: string, @Body() command: UpdatePlanCommand, @Headers('if-match') ifMatch?: string): Promise<PlanView> {
    return this.draft.update(id, command, expectedVersion(command.version, ifMatch));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '下書き → 会議提出 (the case moves to 会議審議中; needs consent: 重層 track)' })
  @ApiOkResponse({ type: PlanView })
  submit(@Param('id', ParseUUIDPipe) id: string, @Body() command: PlanTransitionCommand, @Headers('if-match') ifMatch?: string): Promise<PlanView> {
    return this.transition.submit(id, optionalVersion(command.version, ifMatch));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @AuditedAction('transition')
  @ApiOperation({ summary: '会議提出 → 承認 at a held 重層的支援会議; earlier versions become 改定済' })
  @ApiOkResponse({ type: PlanView })
  approve(@Param('id', ParseUUIDPipe) id: string, @Body() command: ApprovePlanCommand, @Headers('if-match') ifMatch?: string): Promise<PlanView> {
    return this.transition.approve(id, command.meetingId, optionalVersion(command.version, ifMatch));
  }

  @Get(':id/evaluations')
  @Audited('Evaluation', { idParam: 'id' })
  @ApiOkResponse({ type: EvaluationView, isArray: true })
  evaluations(@Param('id', ParseUUIDPipe) id: string): Promise<EvaluationView[]> {
    return this.list.evaluations(id);
  }

  @Post(':id/evaluations')
  @Audited('Evaluation', { idParam: 'id', action: 'create' })
  @ApiOperation({ summary: 'Evaluate the active plan (case 評価中): 継続 → 支援実施中, 再プラン → プラン作成中, 終結, 中断' })
  @ApiCreatedResponse({ type: EvaluationView })
  recordEvaluation(@Param('id', ParseUUIDPipe) id: string, @Body() command: RecordEvaluationCommand): Promise<EvaluationView> {
    return this.evaluate.execute(id, command);
  }
}
