import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ConsultationUpdated } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import { PersonVisibility } from '../access/person-visibility';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { Consultation } from './consultation.entity';
import type { ConsultationView, UpdateConsultationCommand } from './consultation.dto';
import { assertReceivingDesk } from './consultation-access';
import { applyConsultationFields, checkReceivedAt, consultationEventData, consultationView, raiseMandatoryReports } from './consultation.view';
import { assertKnownOrganizations } from '@tsunagu/registry-organization-copy';

@Injectable()
export class UpdateConsultationUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly people: PersonVisibility,
  ) {}

  async execute(id: string, command: UpdateConsultationCommand, expectedVersion: number): Promise<ConsultationView> {
    return this.em.transactional(async (em) => {
      const consultation = await this.people.findVisible(em, Consultation, 'Consultation', id, this.people.consultationFilter());
      assertReceivingDesk(consultation);
      await assertKnownOrganizations(em, { referrerOrganizationId: command.referrerOrganizationId });
      assertVersion(consultation, expectedVersion, 'Consultation');
      if (consultation.status === 'cancelled') throw DomainException.invalidTransition('Consultation', consultation.status, 'edit', []);
      const { version: _version, receivedAt, ...fields } = command;
      if (receivedAt === null) throw DomainException.invalidField('receivedAt', 'receivedAt cannot be empty');
      if (receivedAt !== undefined) {
        const when = new Date(receivedAt);
        // The 受付番号 belongs to its 年度's series: moving a reception to another 年度 would leave a gap there.
        if (checkReceivedAt(when) !== consultation.fiscalYear) {
          throw DomainException.invalidField('receivedAt', `must stay in the 年度 of its reception number (${consultation.fiscalYear}年度); cancel (取消) it and receive it again instead`);
        }
        consultation.receivedAt = when;
      }
      await this.people.assertVisibleReferences(em, [fields.personId], 'personId');
      await applyConsultationFields(em, consultation, fields);
      await em.flush();
      this.events.record(em, ConsultationUpdated, consultation.id, consultationEventData(consultation));
      await raiseMandatoryReports(em, this.events, consultation);
      return consultationView(consultation);
    });
  }
}
