import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ConsultationCancelled, ConsultationClosed, ConsultationScreeningStarted, ConsultationTriaged, type EventContract, type ConsultationEventData, type Disposition } from '@tsunagu/contracts';
import { assertVersion } from '@tsunagu/platform-persistence';
import { PersonVisibility } from '../access/person-visibility';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { nextConsultationStatus, type ConsultationAction } from './consultation-status';
import { Consultation } from './consultation.entity';
import type { ConsultationView } from './consultation.dto';
import { assertReceivingDesk } from './consultation-access';
import { consultationEventData, consultationView } from './consultation.view';

export interface ConsultationTransition {
  action: ConsultationAction;
  disposition?: Disposition;
  reason?: string;
  expectedVersion?: number;
}

const EVENTS: Record<ConsultationAction, EventContract<ConsultationEventData>> = {
  'start-screening': ConsultationScreeningStarted,
  triage: ConsultationTriaged,
  close: ConsultationClosed,
  cancel: ConsultationCancelled,
};

/** Moves a consultation along its status machine; invalid moves answer 409 naming the allowed ones. */
@Injectable()
export class TransitionConsultationUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly people: PersonVisibility,
  ) {}

  async execute(id: string, transition: ConsultationTransition): Promise<ConsultationView> {
    return this.em.transactional(async (em) => {
      const consultation = await this.people.findVisible(em, Consultation, 'Consultation', id, this.people.consultationFilter());
      assertReceivingDesk(consultation);
      assertVersion(consultation, transition.expectedVersion, 'Consultation');
      const next = nextConsultationStatus(consultation.status, transition.action, transition.disposition);
      if (transition.action === 'triage') consultation.disposition = transition.disposition ?? null;
      if (transition.action === 'cancel') consultation.cancellationReason = transition.reason ?? null;
      if (next === 'closed') consultation.closedAt = new Date();
      consultation.status = next;
      await em.flush();
      // Closing through triage (情報提供のみ終了) is both a triage and a close for the counters downstream.
      this.events.record(em, EVENTS[transition.action], consultation.id, consultationEventData(consultation));
      if (transition.action === 'triage' && next === 'closed') {
        this.events.record(em, ConsultationClosed, consultation.id, consultationEventData(consultation));
      }
      return consultationView(consultation);
    });
  }
}
