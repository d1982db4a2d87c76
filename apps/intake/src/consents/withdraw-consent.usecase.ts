import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ConsentWithdrawn } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import { findOrFail, assertVersion } from '@tsunagu/platform-persistence';
import { returnCasesOfWithdrawnConsent } from '../cases/consent-withdrawal';
import { lapseReferralsOfWithdrawnConsent } from '../referrals/referral-consent';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { ConsentCoverage } from './consent-coverage';
import { Consent } from './consent.entity';
import type { ConsentView, WithdrawConsentCommand } from './consent.dto';
import { consentEventData, consentView } from './consent.view';

@Injectable()
export class WithdrawConsentUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly coverage: ConsentCoverage,
  ) {}

  /** `withdrawnAt` (the record import only): the day the old system recorded, instead of now. */
  async execute(id: string, command: WithdrawConsentCommand, expectedVersion?: number, options: { withdrawnAt?: Date } = {}): Promise<ConsentView> {
    return this.em.transactional(async (em) => {
      const consent = await findOrFail(em, Consent, 'Consent', id);
      assertVersion(consent, expectedVersion, 'Consent');
      if (consent.status !== 'obtained') throw DomainException.invalidTransition('Consent', consent.status, 'withdraw', []);
      consent.status = 'withdrawn';
      if (options.withdrawnAt && (options.withdrawnAt > new Date() || options.withdrawnAt < consent.obtainedAt)) {
        throw DomainException.invalidField('withdrawnAt', 'must be between the day the consent was obtained and today');
      }
      consent.withdrawnAt = options.withdrawnAt ?? new Date();
      consent.withdrawalReason = command.reason ?? null;
      await em.flush();
      this.events.record(em, ConsentWithdrawn, consent.id, consentEventData(consent));
      await returnCasesOfWithdrawnConsent(em, this.events, this.coverage, consent);
      await lapseReferralsOfWithdrawnConsent(em, this.coverage, consent);
      return consentView(consent);
    });
  }
}
