import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { EvaluationRecorded, type EvaluationDecision } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { findOrFail } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { recordCaseSubjects } from '../access/case-subjects';
import type { CaseAction } from '../cases/case-status';
import { PersonVisibility } from '../access/person-visibility';
import { findVisibleCase } from '../cases/case.view';
import { applyCaseAction } from '../cases/transition-case.usecase';
import { ConsentCoverage } from '../consents/consent-coverage';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { Evaluation } from './evaluation.entity';
import { SupportPlan } from './support-plan.entity';
import type { EvaluationView, RecordEvaluationCommand } from './plan.dto';
import { evaluationView } from './plan.view';

const CASE_ACTION: Record<EvaluationDecision, CaseAction> = { continue: 'continue', replan: 'replan', close: 'close', suspend: 'suspend' };

/** Evaluates the active plan of a case under evaluation (評価中) and moves the case on by the decision. */
@Injectable()
export class RecordEvaluationUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly coverage: ConsentCoverage,
    private readonly people: PersonVisibility,
  ) {}

  async execute(planId: string, command: RecordEvaluationCommand): Promise<EvaluationView> {
    return this.em.transactional(async (em) => {
      const plan = await findOrFail(em, SupportPlan, 'SupportPlan', planId);
      if (plan.status !== 'active') throw DomainException.invalidTransition('SupportPlan', plan.status, 'evaluate', []);
      const goalIds = plan.goals.map((goal) => goal.id);
      for (const [index, result] of command.goalResults.entries()) {
        if (!goalIds.includes(result.goalId)) throw DomainException.invalidField(`goalResults.${index}.goalId`, `no goal ${result.goalId} in this plan`);
      }
      if (command.decision === 'close' && !command.closureReason) throw DomainException.invalidField('closureReason', 'a closure reason is required to close (終結)');
      const record = await findVisibleCase(em, plan.caseId, this.people);
      await applyCaseAction(em, this.events, this.coverage, record, {
        action: CASE_ACTION[command.decision],
        closureReason: command.closureReason,
        reason: command.suspensionReason,
      });
      const evaluation = new Evaluation();
      evaluation.planId = plan.id;
      evaluation.caseId = record.id;
      evaluation.evaluatedOn = command.evaluatedOn ?? todayInJapan();
      evaluation.meetingId = command.meetingId ?? null;
      evaluation.goalResults = command.goalResults.map((result) => ({ goalId: result.goalId, result: result.result, note: result.note ?? null }));
      evaluation.decision = command.decision;
      evaluation.evaluatedBy = TenantContext.principal()?.subject ?? 'system';
      if (command.decision === 'replan') plan.status = 'evaluated';
      if (command.decision === 'close') plan.status = 'ended';
      em.persist(evaluation);
      await em.flush();
      this.events.record(em, EvaluationRecorded, evaluation.id, {
        evaluationId: evaluation.id,
        planId: plan.id,
        caseId: record.id,
        decision: evaluation.decision,
        meetingId: evaluation.meetingId,
        evaluatedOn: evaluation.evaluatedOn,
      });
      await recordCaseSubjects(em, [record.id]);
      return evaluationView(evaluation);
    });
  }
}
