import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { PlanApproved, PlanSubmitted, PlanSuperseded } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { findOrFail, assertVersion } from '@tsunagu/platform-persistence';
import { recordCaseSubjects } from '../access/case-subjects';
import { PersonVisibility } from '../access/person-visibility';
import { findVisibleCase } from '../cases/case.view';
import { MultiAgencyCase } from '../cases/case.entity';
import { applyCaseAction } from '../cases/transition-case.usecase';
import { ConsentCoverage } from '../consents/consent-coverage';
import { Meeting } from '../meetings/meeting.entity';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { SupportPlan } from './support-plan.entity';
import type { PlanView } from './plan.dto';
import { planEventData, planView } from './plan.view';

/** 下書き → 会議提出 → 承認: a 重層 plan needs the person's consent and a 重層的支援会議 that was held. */
@Injectable()
export class TransitionPlanUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly coverage: ConsentCoverage,
    private readonly people: PersonVisibility,
  ) {}

  async submit(id: string, expectedVersion?: number): Promise<PlanView> {
    return this.em.transactional(async (em) => {
      const plan = await findOrFail(em, SupportPlan, 'SupportPlan', id);
      assertVersion(plan, expectedVersion, 'SupportPlan');
      if (plan.status !== 'draft') throw DomainException.invalidTransition('SupportPlan', plan.status, 'submit', plan.status === 'submitted' ? ['approve'] : []);
      const record = await findVisibleCase(em, plan.caseId, this.people);
      if (record.track !== 'consented' || !(await this.coverage.jusouConsent(em, record.keyPersonId))) {
        throw new DomainException(DomainErrorCode.ConsentRequired, 'A plan goes to the 重層的支援会議 only with the person’s consent (重層 track); the case is on the 支援会議 track or the consent was withdrawn.');
      }
      if (plan.goals.length === 0 || plan.actions.length === 0) throw DomainException.invalidField('goals', 'a plan needs at least one goal and one action before it is submitted');
      await applyCaseAction(em, this.events, this.coverage, record, { action: 'submit-plan' });
      plan.status = 'submitted';
      await em.flush();
      this.events.record(em, PlanSubmitted, plan.id, planEventData(plan));
      await recordCaseSubjects(em, [plan.caseId]);
      return planView(plan);
    });
  }

  async approve(id: string, meetingId: string, expectedVersion?: number): Promise<PlanView> {
    return this.em.transactional(async (em) => {
      const plan = await this.people.findVisible(em, SupportPlan, 'SupportPlan', id, this.people.caseRecordFilter('case_id'));
      assertVersion(plan, expectedVersion, 'SupportPlan');
      if (plan.status !== 'submitted') throw DomainException.invalidTransition('SupportPlan', plan.status, 'approve', plan.status === 'draft' ? ['submit'] : []);
      const record = await em.findOneOrFail(MultiAgencyCase, { id: plan.caseId });
      if (record.track !== 'consented' || !(await this.coverage.jusouConsent(em, record.keyPersonId))) {
        throw new DomainException(DomainErrorCode.ConsentRequired, 'The 重層的支援会議 approves a plan only with the person’s consent (重層 track); the consent was withdrawn.');
      }
      const meeting = await em.findOne(Meeting, { id: meetingId });
      if (!meeting || meeting.legalType !== 'jusou-meeting' || !['held', 'finalised'].includes(meeting.status) || !meeting.cases.some((item) => item.caseId === plan.caseId)) {
        throw DomainException.invalidField('meetingId', 'must be a 重層的支援会議 that was held and discussed this case');
      }
      const previous = await em.find(SupportPlan, { caseId: plan.caseId, id: { $ne: plan.id }, status: { $in: ['approved', 'active', 'evaluated'] } });
      for (const old of previous) {
        old.status = 'superseded';
        await em.flush();
        this.events.record(em, PlanSuperseded, old.id, planEventData(old));
      }
      plan.status = 'approved';
      plan.meetingId = meeting.id;
      await em.flush();
      this.events.record(em, PlanApproved, plan.id, planEventData(plan));
      await recordCaseSubjects(em, [plan.caseId]);
      return planView(plan);
    });
  }
}
