import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ReferralAccepted, ReferralCompleted, ReferralDeclined, ReferralFailed, type EventContract, type ReferralClosedEventData, type ReferralReason } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { PersonVisibility } from '../access/person-visibility';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { assertMayAnswerReferral, nextReferralStatus, type ReferralAction } from './referral-status';
import { Referral } from './referral.entity';
import type { ReferralView } from './referral.dto';
import { referralEventData, referralView } from './referral.view';

const EVENTS: Record<ReferralAction, EventContract<ReferralClosedEventData>> = {
  accept: ReferralAccepted,
  decline: ReferralDeclined,
  complete: ReferralCompleted,
  fail: ReferralFailed,
};

/** Loads a referral the caller may see: to or from their desk, or about a person they see (else 404). */
export function findVisibleReferral(em: EntityManager, id: string, people: PersonVisibility): Promise<Referral> {
  return people.findVisible(em, Referral, 'Referral', id, people.referralFilter());
}

/** The first contact happened between the referral and today (a date in the future or before the referral is a typo). */
function plausibleFirstContact(referral: Referral, firstContactOn: string | undefined): string {
  const today = todayInJapan();
  const date = firstContactOn ?? today;
  if (date > today) throw DomainException.invalidField('firstContactOn', 'must not be in the future');
  if (date < referral.referredOn) throw DomainException.invalidField('firstContactOn', 'must not be before the referral date');
  return date;
}

@Injectable()
export class TransitionReferralUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly people: PersonVisibility,
  ) {}

  async execute(
    id: string,
    action: ReferralAction,
    input: { note?: string; reasonCode?: ReferralReason; firstContactOn?: string; expectedVersion?: number },
  ): Promise<ReferralView> {
    return this.em.transactional(async (em) => {
      const referral = await findVisibleReferral(em, id, this.people);
      const principal = TenantContext.principal();
      // The receiving organisation answers and closes the loop; the referring side and city caseworkers only watch.
      assertMayAnswerReferral(principal, referral.toOrganizationId);
      assertVersion(referral, input.expectedVersion, 'Referral');
      if (action === 'accept' && referral.consentLapsedAt) {
        throw new DomainException(
          DomainErrorCode.ConsentRequired,
          'The consent this referral rested on was withdrawn and no other consent of the person covers your organisation: decline it (e.g. 本人辞退) or ask the referring desk to record a new consent.',
          { consentLapsed: true },
        );
      }
      referral.status = nextReferralStatus(referral.status, action);
      if (action === 'decline' || action === 'fail') {
        // The controller's command requires it; a reason is what makes 不受理 / 不調 countable.
        if (!input.reasonCode) throw DomainException.invalidField('reasonCode', `a reason is required to ${action} a referral`);
        referral.reasonCode = input.reasonCode;
      }
      if (action === 'accept' || action === 'decline') {
        referral.respondedAt = new Date();
        referral.responseNote = input.note ?? referral.responseNote;
      } else {
        referral.firstContactOn = action === 'complete' ? plausibleFirstContact(referral, input.firstContactOn) : null;
        referral.closedAt = new Date();
        if (input.note) referral.responseNote = input.note;
      }
      await em.flush();
      this.events.record(em, EVENTS[action], referral.id, referralEventData(referral));
      return referralView(referral, principal);
    });
  }
}
