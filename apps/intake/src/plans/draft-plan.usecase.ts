import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { PlanDrafted, PlanUpdated } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { recordCaseSubjects } from '../access/case-subjects';
import { PersonVisibility } from '../access/person-visibility';
import { findVisibleCase } from '../cases/case.view';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { SupportPlan } from './support-plan.entity';
import type { DraftPlanCommand, PlanView, UpdatePlanCommand } from './plan.dto';
import { applyPlanFields, planEventData, planView } from './plan.view';
import { assertKnownOrganizations, listedOrganizations } from '@tsunagu/registry-organization-copy';

/** Drafts the next version of a case's plan (a re-plan is a new version; earlier ones are kept). */
@Injectable()
export class DraftPlanUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly people: PersonVisibility,
  ) {}

  async execute(command: DraftPlanCommand): Promise<PlanView> {
    return this.em.transactional(async (em) => {
      const record = await findVisibleCase(em, command.caseId, this.people).catch(() => {
        throw DomainException.invalidField('caseId', `unknown id(s): ${command.caseId}`);
      });
      if (!['assessing', 'planning'].includes(record.status)) {
        throw DomainException.invalidTransition('MultiAgencyCase', record.status, 'draft-plan', []);
      }
      const latest = await em.findOne(SupportPlan, { caseId: record.id }, { orderBy: { planVersion: 'desc' }, fields: ['planVersion'] });
      await assertKnownOrganizations(em, listedOrganizations('actions', command.actions, (action) => action.organizationId));
      const plan = new SupportPlan();
      plan.caseId = record.id;
      plan.planVersion = (latest?.planVersion ?? 0) + 1;
      plan.createdOn = todayInJapan();
      plan.authorStaff = TenantContext.principal()?.subject ?? 'system';
      plan.consentId = record.consentId;
      const { caseId: _caseId, ...fields } = command;
      applyPlanFields(plan, fields);
      em.persist(plan);
      await em.flush();
      this.events.record(em, PlanDrafted, plan.id, planEventData(plan));
      await recordCaseSubjects(em, [plan.caseId]);
      return planView(plan);
    });
  }

  async update(id: string, command: UpdatePlanCommand, expectedVersion: number): Promise<PlanView> {
    return this.em.transactional(async (em) => {
      const plan = await this.people.findVisible(em, SupportPlan, 'SupportPlan', id, this.people.caseRecordFilter('case_id'));
      assertVersion(plan, expectedVersion, 'SupportPlan');
      if (plan.status !== 'draft') throw DomainException.invalidTransition('SupportPlan', plan.status, 'edit', []);
      await assertKnownOrganizations(em, listedOrganizations('actions', command.actions, (action) => action.organizationId));
      const { version: _version, ...fields } = command;
      applyPlanFields(plan, fields);
      await em.flush();
      this.events.record(em, PlanUpdated, plan.id, planEventData(plan));
      await recordCaseSubjects(em, [plan.caseId]);
      return planView(plan);
    });
  }
}
