import type { PlanEventData } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import type { Evaluation } from './evaluation.entity';
import type { SupportPlan } from './support-plan.entity';
import type { EvaluationView, PlanView, UpdatePlanCommand } from './plan.dto';

export function planView(plan: SupportPlan): PlanView {
  return {
    id: plan.id,
    caseId: plan.caseId,
    planVersion: plan.planVersion,
    createdOn: plan.createdOn,
    authorStaff: plan.authorStaff,
    wishes: plan.wishes,
    issueSummary: plan.issueSummary,
    overallDirection: plan.overallDirection,
    goals: plan.goals.map((goal) => ({ ...goal })),
    actions: plan.actions.map((action) => ({ ...action })),
    usesParticipationSupport: plan.usesParticipationSupport,
    usesOutreach: plan.usesOutreach,
    nextReviewOn: plan.nextReviewOn,
    status: plan.status,
    consentId: plan.consentId,
    meetingId: plan.meetingId,
    version: plan.version,
  };
}

export function planEventData(plan: SupportPlan): PlanEventData {
  const organizationIds = [...new Set(plan.actions.map((action) => action.organizationId))];
  return {
    planId: plan.id,
    caseId: plan.caseId,
    planVersion: plan.planVersion,
    status: plan.status,
    organizationIds,
    leadOrganizationId: plan.actions.find((action) => action.isLead)?.organizationId ?? null,
    usesParticipationSupport: plan.usesParticipationSupport,
    usesOutreach: plan.usesOutreach,
    nextReviewOn: plan.nextReviewOn,
    meetingId: plan.meetingId,
    createdOn: plan.createdOn,
  };
}

export function evaluationView(evaluation: Evaluation): EvaluationView {
  return {
    id: evaluation.id,
    planId: evaluation.planId,
    caseId: evaluation.caseId,
    evaluatedOn: evaluation.evaluatedOn,
    meetingId: evaluation.meetingId,
    goalResults: evaluation.goalResults.map((result) => ({ ...result })),
    decision: evaluation.decision,
  };
}

export function applyPlanFields(plan: SupportPlan, fields: Omit<UpdatePlanCommand, 'version'>): void {
  if (fields.wishes !== undefined) plan.wishes = fields.wishes;
  if (fields.issueSummary !== undefined) plan.issueSummary = fields.issueSummary;
  if (fields.overallDirection !== undefined) plan.overallDirection = fields.overallDirection;
  if (fields.goals !== undefined) plan.goals = (fields.goals ?? []).map((goal) => ({ id: goal.id, term: goal.term, text: goal.text, targetDate: goal.targetDate ?? null }));
  if (fields.actions !== undefined) {
    plan.actions = (fields.actions ?? []).map((action) => ({
      goalId: action.goalId ?? null,
      organizationId: action.organizationId,
      role: action.role,
      content: action.content,
      frequency: action.frequency ?? null,
      start: action.start ?? null,
      end: action.end ?? null,
      isLead: action.isLead ?? false,
    }));
  }
  if (fields.usesParticipationSupport !== undefined) plan.usesParticipationSupport = fields.usesParticipationSupport ?? false;
  if (fields.usesOutreach !== undefined) plan.usesOutreach = fields.usesOutreach ?? false;
  if (fields.nextReviewOn !== undefined) plan.nextReviewOn = fields.nextReviewOn;
  const goalIds = plan.goals.map((goal) => goal.id);
  if (new Set(goalIds).size !== goalIds.length) throw DomainException.invalidField('goals', 'goal ids must be unique within the plan');
  for (const [index, action] of plan.actions.entries()) {
    if (action.goalId && !goalIds.includes(action.goalId)) throw DomainException.invalidField(`actions.${index}.goalId`, `no goal ${action.goalId} in this plan`);
  }
  if (plan.actions.filter((action) => action.isLead).length > 1) throw DomainException.invalidField('actions', 'only one action can be marked 主担当 (isLead)');
}
