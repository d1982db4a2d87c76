import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ConsultationReceived } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { PersonVisibility } from '../access/person-visibility';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { Consultation } from './consultation.entity';
import type { ConsultationView, ReceiveConsultationCommand } from './consultation.dto';
import { applyConsultationFields, assignReceptionNumber, checkReceivedAt, consultationEventData, consultationView, raiseMandatoryReports } from './consultation.view';
import { nextReceptionNumber } from './reception-number';
import { assertKnownOrganizations } from '@tsunagu/registry-organization-copy';
import { assertUseNotSuspended } from '../data-subject-requests/suspension';

@Injectable()
export class ReceiveConsultationUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly people: PersonVisibility,
  ) {}

  /**
   * Where the consultation is received: the caller's desk. Staff and systems of a contracted desk cannot record it as
   * received by another desk; city staff (the municipality that contracts the desks) may enter one for a desk, e.g.
   * from its paper 受付票.
   */
  private receivingDesk(requested: string | undefined): string {
    const principal = TenantContext.principal();
    const desk = this.people.organizationOf(principal);
    if (principal?.agency !== undefined && requested !== undefined && requested !== principal.agency) {
      throw new DomainException(DomainErrorCode.Forbidden, 'A desk receives consultations at its own desk only', { errors: { receivingOrganizationId: 'must be your own desk' } });
    }
    const organizationId = requested ?? desk;
    if (!organizationId) throw DomainException.invalidField('receivingOrganizationId', 'name the receiving organisation (no desk is configured for you)');
    return organizationId;
  }

  async execute(command: ReceiveConsultationCommand): Promise<ConsultationView> {
    return this.em.transactional(async (em) => consultationView(await this.receive(em, command)));
  }

  /**
   * Checks and writes a consultation and its events in `em`'s transaction. `historical` (the record import only) lets
   * the reception date lie before the previous 年度, as a city's existing records do; a future date is still refused.
   */
  async receive(em: EntityManager, command: ReceiveConsultationCommand, options: { historical?: boolean } = {}): Promise<Consultation> {
    const { receivedAt, receivingOrganizationId: requested, ...fields } = command;
    const receivingOrganizationId = this.receivingDesk(requested);
    await this.people.assertVisibleReferences(em, [command.personId], 'personId');
    // A 利用停止 in force (issue 19): a consultation about the person at another desk would open their record to it.
    if (receivingOrganizationId !== this.people.settings.cityDeskOrganizationId) await assertUseNotSuspended(em, command.personId, 'a consultation at another desk');
    await assertKnownOrganizations(em, { receivingOrganizationId, referrerOrganizationId: command.referrerOrganizationId });
    const consultation = new Consultation();
    consultation.receivedAt = receivedAt ? new Date(receivedAt) : consultation.createdAt;
    consultation.fiscalYear = checkReceivedAt(consultation.receivedAt, new Date(), options);
    consultation.receivingOrganizationId = receivingOrganizationId;
    consultation.receiverStaff = TenantContext.principal()?.subject ?? 'system';
    // Validate before taking a number, so a refused request never holds the counter's lock for long.
    await applyConsultationFields(em, consultation, fields);
    const number = await nextReceptionNumber(em, TenantContext.requireMunicipality(), receivingOrganizationId, consultation.fiscalYear);
    assignReceptionNumber(consultation, number);
    em.persist(consultation);
    await em.flush();
    this.events.record(em, ConsultationReceived, consultation.id, consultationEventData(consultation));
    await raiseMandatoryReports(em, this.events, consultation);
    return consultation;
  }
}
