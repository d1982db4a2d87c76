import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ConsultationUpdated } from '@tsunagu/contracts';
import { DomainException, findOrFail } from '@tsunagu/platform-http';
import { assertVersion } from '@tsunagu/platform-persistence';
import { IntakeEvents } from '../shared/intake-events';
import { Consultation } from './consultation.entity';
import type { ConsultationView, UpdateConsultationCommand } from './consultation.dto';
import { applyConsultationFields, consultationEventData, consultationView, raiseMandatoryReports } from './consultation.view';
import { assertKnownOrganizations } from '@tsunagu/registry-organization-copy';

@Injectable()
export class UpdateConsultationUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: IntakeEvents,
  ) {}

  async execute(id: string, command: UpdateConsultationCommand, expectedVersion: number): Promise<ConsultationView> {
    return this.em.transactional(async (em) => {
      const consultation = await findOrFail(em, Consultation, 'Consultation', id);
      await assertKnownOrganizations(em, { referrerOrganizationId: command.referrerOrganizationId });
      assertVersion(consultation, expectedVersion, 'Consultation');
      if (consultation.status === 'cancelled') throw DomainException.invalidTransition('Consultation', consultation.status, 'edit', []);
      const { version: _version, ...fields } = command;
      await applyConsultationFields(em, consultation, fields);
      await em.flush();
      await this.events.record(em, ConsultationUpdated, consultation.id, consultationEventData(consultation));
      await raiseMandatoryReports(em, this.events, consultation);
      return consultationView(consultation);
    });
  }
}
