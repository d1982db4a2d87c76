import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { listPage, paging, type ListPage, findOrFail } from '@tsunagu/platform-http';
import { Evaluation } from './evaluation.entity';
import { SupportPlan } from './support-plan.entity';
import type { EvaluationView, PlanListQuery, PlanView } from './plan.dto';
import { evaluationView, planView } from './plan.view';

@Injectable()
export class ListPlansUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: PlanListQuery): Promise<ListPage<PlanView>> {
    const page = paging(query, ['planVersion', 'createdAt', 'status', 'id'], '-planVersion');
    const [items, total] = await this.em.findAndCount(SupportPlan, { caseId: query.caseId, status: query.status }, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map(planView), total, page);
  }

  async get(id: string): Promise<PlanView> {
    return planView(await findOrFail(this.em, SupportPlan, 'SupportPlan', id));
  }

  async evaluations(planId: string): Promise<EvaluationView[]> {
    await findOrFail(this.em, SupportPlan, 'SupportPlan', planId);
    return (await this.em.find(Evaluation, { planId }, { orderBy: { evaluatedOn: 'asc', createdAt: 'asc' } })).map(evaluationView);
  }
}
