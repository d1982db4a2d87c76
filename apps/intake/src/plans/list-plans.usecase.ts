import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { paging } from '@tsunagu/platform-http';
import { listPage, type ListPage } from '@tsunagu/platform-persistence';
import { recordCaseSubjects } from '../access/case-subjects';
import { PersonVisibility } from '../access/person-visibility';
import { Evaluation } from './evaluation.entity';
import { SupportPlan } from './support-plan.entity';
import type { EvaluationView, PlanListQuery, PlanView } from './plan.dto';
import { evaluationView, planView } from './plan.view';

@Injectable()
export class ListPlansUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
  ) {}

  async execute(query: PlanListQuery): Promise<ListPage<PlanView>> {
    const page = paging(query, ['planVersion', 'createdAt', 'status', 'id'], '-planVersion');
    const [items, total] = await this.em.findAndCount(SupportPlan, { $and: [{ caseId: query.caseId, status: query.status }, this.people.caseRecordFilter('case_id')] }, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    await recordCaseSubjects(this.em, items.map((plan) => plan.caseId));
    return listPage(items.map(planView), total, page);
  }

  async get(id: string): Promise<PlanView> {
    const plan = await this.people.findVisible(this.em, SupportPlan, 'SupportPlan', id, this.people.caseRecordFilter('case_id'));
    await recordCaseSubjects(this.em, [plan.caseId]);
    return planView(plan);
  }

  async evaluations(planId: string): Promise<EvaluationView[]> {
    const plan = await this.people.findVisible(this.em, SupportPlan, 'SupportPlan', planId, this.people.caseRecordFilter('case_id'));
    await recordCaseSubjects(this.em, [plan.caseId]);
    return (await this.em.find(Evaluation, { planId }, { orderBy: { evaluatedOn: 'asc', createdAt: 'asc' } })).map(evaluationView);
  }
}
