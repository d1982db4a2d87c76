import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { CaseOpened, ConsultationReceived, type OutreachHandedOverData, type RiskLevel, type Urgency } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { dateInJapan, fiscalYearOf, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { nextCaseNumber } from '../cases/case-number';
import { MultiAgencyCase } from '../cases/case.entity';
import { caseEventData } from '../cases/case.view';
import { ConsentCoverage } from '../consents/consent-coverage';
import { Consultation } from '../consultations/consultation.entity';
import { applyConsultationFields, assignReceptionNumber, consultationEventData, raiseMandatoryReports } from '../consultations/consultation.view';
import { nextReceptionNumber } from '../consultations/reception-number';
import { Household } from '../people/household.entity';
import { Person } from '../people/person.entity';
import { EventRecorder } from '@tsunagu/platform-messaging';

/** Who "received" a consultation that came by hand-over (no staff member was at the desk). */
export const HANDOVER_RECEIVER = 'outreach-handover';

const URGENCY_OF_RISK: Record<RiskLevel, Urgency> = { high: 'high', medium: 'medium', low: 'low' };

export type HandoverOutcome = 'created' | 'duplicate' | 'no-consent' | 'unknown-person' | 'unknown-household';

/**
 * Receives an outreach hand-over (outreach.target.handed-over): creates the consultation (route アウトリーチで把握) or the
 * 多機関協働 case (重層 track) with the id outreach chose (`recordId`), and publishes intake's usual event, which outreach
 * uses to link its record. Defence in depth: intake's own consent ledger must cover it, whatever outreach checked.
 * Idempotent: a second delivery (or a second event for the same record) finds the record and does nothing.
 */
@Injectable()
export class ReceiveHandoverUseCase {
  private readonly logger = new Logger('Handover');

  constructor(
    private readonly events: EventRecorder,
    private readonly coverage: ConsentCoverage,
  ) {}

  async execute(em: EntityManager, data: OutreachHandedOverData, now = new Date()): Promise<HandoverOutcome> {
    const outcome = data.to === 'case' ? await this.openCase(em, data, now) : await this.receiveConsultation(em, data, now);
    if (outcome !== 'created' && outcome !== 'duplicate') {
      // Not retried: redelivery cannot change the ledger. Outreach keeps the hand-over as requested (not linked).
      this.logger.warn(`hand-over ${data.handoverId} of target ${data.targetId} not accepted: ${outcome}`);
    }
    return outcome;
  }

  private async receiveConsultation(em: EntityManager, data: OutreachHandedOverData, now: Date): Promise<HandoverOutcome> {
    if (await em.findOne(Consultation, { id: data.recordId }, { fields: ['id'] })) return 'duplicate';
    if (!(await em.findOne(Person, { id: data.personId }, { fields: ['id'] }))) return 'unknown-person';
    if (!(await this.coverage.coveringConsent(em, data.personId, data.toOrganizationId))) return 'no-consent';
    const consultation = new Consultation();
    consultation.id = data.recordId;
    consultation.receivedAt = now;
    consultation.receivingOrganizationId = data.toOrganizationId;
    consultation.receiverStaff = TenantContext.principal()?.subject ?? HANDOVER_RECEIVER;
    consultation.fiscalYear = fiscalYearOf(dateInJapan(now));
    const household = data.householdId ? await em.findOne(Household, { id: data.householdId }, { fields: ['id'] }) : null;
    const fields = {
      route: 'outreach' as const,
      referrerOrganizationId: data.assignedOrganizationId,
      personId: data.personId,
      householdId: household?.id ?? null,
      consultantRelation: 'agency' as const,
      categories: ['other' as const],
      primaryCategory: 'other' as const,
      issueTags: [...data.reasonTags],
      urgency: URGENCY_OF_RISK[data.riskLevel],
      consentStatus: 'given' as const,
      jigyoAttribution: 'other' as const,
    };
    await applyConsultationFields(em, consultation, fields);
    const number = await nextReceptionNumber(em, TenantContext.requireMunicipality(), data.toOrganizationId, consultation.fiscalYear);
    assignReceptionNumber(consultation, number);
    em.persist(consultation);
    await em.flush();
    this.events.record(em, ConsultationReceived, consultation.id, consultationEventData(consultation));
    await raiseMandatoryReports(em, this.events, consultation);
    return 'created';
  }

  private async openCase(em: EntityManager, data: OutreachHandedOverData, now: Date): Promise<HandoverOutcome> {
    if (await em.findOne(MultiAgencyCase, { id: data.recordId }, { fields: ['id'] })) return 'duplicate';
    if (!data.householdId) return 'unknown-household';
    const household = await em.findOne(Household, { id: data.householdId });
    if (!household) return 'unknown-household';
    if (!household.members.some((member) => member.personId === data.personId)) return 'unknown-person';
    // The 重層 track exists only with the person's consent to be discussed at the 重層的支援会議.
    const consent = await this.coverage.jusouConsent(em, data.personId);
    if (!consent) return 'no-consent';
    const record = new MultiAgencyCase();
    record.id = data.recordId;
    record.householdId = household.id;
    record.keyPersonId = data.personId;
    record.track = 'consented';
    record.consentId = consent.id;
    record.status = 'received';
    record.coordinatorOrganizationId = data.toOrganizationId;
    record.coordinatorStaff = HANDOVER_RECEIVER;
    record.memberOrganizationIds = data.assignedOrganizationId === data.toOrganizationId ? [] : [data.assignedOrganizationId];
    record.consentMemberOrganizationIds = [...record.memberOrganizationIds];
    record.caseNo = await nextCaseNumber(em, TenantContext.requireMunicipality(), fiscalYearOf(todayInJapan(now)));
    em.persist(record);
    await em.flush();
    this.events.record(em, CaseOpened, record.id, caseEventData(record));
    return 'created';
  }
}
