import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import {
  CaseClosed,
  CaseResumed,
  CaseStatusChanged,
  CaseSuspended,
  CaseTrackChanged,
  CoordinatorReleased,
  LeadAgencyAssigned,
  PlanActivated,
  SupportDecisionMade,
  type CaseEventData,
  type ClosureReason,
  type EventContract,
} from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import { dateInJapan, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { ConsentCoverage } from '../consents/consent-coverage';
import { SupportPlan } from '../plans/support-plan.entity';
import { planEventData } from '../plans/plan.view';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { nextCaseStatus, type CaseAction } from './case-status';
import { MultiAgencyCase } from './case.entity';
import type { CaseView } from './case.dto';
import { caseEventData, caseView, findVisibleCase } from './case.view';
import { PersonVisibility } from '../access/person-visibility';
import { assertKnownOrganizations } from '@tsunagu/registry-organization-copy';

export interface CaseTransition {
  action: CaseAction;
  expectedVersion?: number;
  decidedOn?: string;
  meetingId?: string;
  reason?: string;
  closureReason?: ClosureReason;
  note?: string;
  /** The record import only: the 終結日 the old system recorded (default today). */
  closedOn?: string;
}

const EVENTS: Partial<Record<CaseAction, EventContract<CaseEventData>>> = {
  'record-consent': CaseTrackChanged,
  'decide-support': SupportDecisionMade,
  suspend: CaseSuspended,
  resume: CaseResumed,
  close: CaseClosed,
};

/**
 * Applies a status action to a case inside `em` (shared by the case endpoints and by evaluations), with the
 * preconditions the workflow needs: consent for the 重層 track, an approved plan before 支援決定, a lead agency
 * before delivery.
 */
export async function applyCaseAction(em: EntityManager, events: EventRecorder, coverage: ConsentCoverage, record: MultiAgencyCase, transition: CaseTransition): Promise<void> {
  const next = nextCaseStatus(record.status, transition.action);
  switch (transition.action) {
    case 'record-consent': {
      const consent = await coverage.jusouConsent(em, record.keyPersonId);
      if (!consent) {
        throw new DomainException(DomainErrorCode.ConsentRequired, 'Record the key person’s consent for 重層的支援会議での共有 first; the case stays on the 支援会議 track until then.');
      }
      record.track = 'consented';
      record.consentId = consent.id;
      break;
    }
    case 'decide-support': {
      const approved = await em.findOne(SupportPlan, { caseId: record.id, status: 'approved' }, { orderBy: { planVersion: 'desc' } });
      if (!approved) throw new DomainException(DomainErrorCode.Conflict, '支援決定 needs a plan approved at a 重層的支援会議', { errors: { plan: 'no approved plan' } });
      record.supportDecidedOn = transition.decidedOn ?? todayInJapan();
      record.supportDecidedBy = TenantContext.principal()?.subject ?? null;
      record.supportDecisionMeetingId = transition.meetingId ?? approved.meetingId;
      break;
    }
    case 'start-support': {
      if (!record.leadOrganizationId) throw new DomainException(DomainErrorCode.Conflict, 'Assign a lead agency (主担当機関) before support starts', { errors: { leadOrganizationId: 'required' } });
      const approved = await em.findOne(SupportPlan, { caseId: record.id, status: 'approved' }, { orderBy: { planVersion: 'desc' } });
      if (approved) {
        approved.status = 'active';
        await em.flush();
        events.record(em, PlanActivated, approved.id, planEventData(approved));
      }
      break;
    }
    case 'suspend':
      record.suspendedOn = todayInJapan();
      record.suspensionReason = transition.reason ?? null;
      break;
    case 'resume':
      record.suspendedOn = null;
      record.suspensionReason = null;
      break;
    case 'close':
      if (!transition.closureReason) throw DomainException.invalidField('reason', 'a closure reason is required');
      if (transition.closedOn && (transition.closedOn > todayInJapan() || transition.closedOn < dateInJapan(record.createdAt))) {
        throw DomainException.invalidField('closedOn', 'must be between the day the case was opened and today');
      }
      record.closedOn = transition.closedOn ?? todayInJapan();
      record.closureReason = transition.closureReason;
      record.closureNote = transition.note ?? null;
      break;
    default:
      break;
  }
  record.status = next;
  await em.flush();
  events.record(em, EVENTS[transition.action] ?? CaseStatusChanged, record.id, caseEventData(record));
}

@Injectable()
export class TransitionCaseUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly coverage: ConsentCoverage,
    private readonly people: PersonVisibility,
  ) {}

  async execute(id: string, transition: CaseTransition): Promise<CaseView> {
    return this.em.transactional(async (em) => {
      const record = await findVisibleCase(em, id, this.people);
      assertVersion(record, transition.expectedVersion, 'MultiAgencyCase');
      await applyCaseAction(em, this.events, this.coverage, record, transition);
      return caseView(record);
    });
  }

  /** 主担当機関: named once roles are agreed; it joins the members. */
  async assignLead(id: string, leadOrganizationId: string, expectedVersion?: number): Promise<CaseView> {
    return this.em.transactional(async (em) => {
      const record = await findVisibleCase(em, id, this.people);
      assertVersion(record, expectedVersion, 'MultiAgencyCase');
      if (record.status === 'closed') throw DomainException.invalidTransition('MultiAgencyCase', record.status, 'assign-lead', []);
      await assertKnownOrganizations(em, { leadOrganizationId });
      record.leadOrganizationId = leadOrganizationId;
      if (!record.memberOrganizationIds.includes(leadOrganizationId)) {
        record.memberOrganizationIds = [...record.memberOrganizationIds, leadOrganizationId];
        if (record.track === 'consented') record.consentMemberOrganizationIds = [...record.consentMemberOrganizationIds, leadOrganizationId];
      }
      await em.flush();
      this.events.record(em, LeadAgencyAssigned, record.id, caseEventData(record));
      return caseView(record);
    });
  }

  /** 一旦終結 of the 多機関協働事業者: allowed once support runs under a lead agency. */
  async releaseCoordinator(id: string, expectedVersion?: number): Promise<CaseView> {
    return this.em.transactional(async (em) => {
      const record = await findVisibleCase(em, id, this.people);
      assertVersion(record, expectedVersion, 'MultiAgencyCase');
      if (!['in-support', 'evaluating'].includes(record.status) || !record.leadOrganizationId || record.coordinatorReleasedAt) {
        throw DomainException.invalidTransition('MultiAgencyCase', record.status, 'release-coordinator', []);
      }
      record.coordinatorReleasedAt = new Date();
      await em.flush();
      this.events.record(em, CoordinatorReleased, record.id, caseEventData(record));
      return caseView(record);
    });
  }
}
