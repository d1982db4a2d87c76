import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { MatchEnded, MatchSettled, MatchStarted, MatchTrialStarted, MatchVisitArranged, type EventContract, type MatchEventData, type MatchStatus } from '@tsunagu/contracts';
import { InjectConfig } from '@tsunagu/platform-config';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import { addDays, todayInJapan } from '@tsunagu/util-japanese-calendar';
import type { MatchingConfig } from '../config';
import { assertHostSharingConsent } from '../consents/consent-gate';
import { ParticipationNeed } from '../needs/participation-need.entity';
import { moveNeed } from '../needs/transition-need.usecase';
import { Opportunity } from '../opportunities/opportunity.entity';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { assertMatchTransition, CLOSING, SHARED_WITH_HOST } from './match-status';
import type { MatchView, TransitionMatchCommand } from './match.dto';
import { matchEventData, matchView } from './match.view';
import { MatchingAccess } from '../shared/matching-access';

const EVENTS: Record<Exclude<MatchStatus, 'proposed'>, EventContract<MatchEventData>> = {
  visit: MatchVisitArranged,
  trial: MatchTrialStarted,
  participating: MatchStarted,
  settled: MatchSettled,
  interrupted: MatchEnded,
  ended: MatchEnded,
};

/** Moves a match along its lifecycle, enforced here: the consent gate, reasons for 中断 / 終了, seats and dates. */
@Injectable()
export class TransitionMatchUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    @InjectConfig() private readonly config: MatchingConfig,
    private readonly access: MatchingAccess,
  ) {}

  async execute(id: string, command: TransitionMatchCommand, expectedVersion: number | undefined): Promise<MatchView> {
    return this.em.transactional(async (em) => {
      const match = await this.access.findVisibleMatch(em, id);
      assertVersion(match, expectedVersion, 'Match');
      const to = command.status;
      assertMatchTransition(match.status, to);
      const on = command.on ?? todayInJapan();
      if (on < match.proposedOn) throw DomainException.invalidField('on', `cannot be before the proposal (${match.proposedOn})`);
      const closing = CLOSING.includes(to);
      if (closing && !command.reason) throw DomainException.invalidField('reason', 'give the reason code for 中断 / 終了');
      if (!closing && command.reason) throw DomainException.invalidField('reason', 'only 中断 / 終了 take a reason');
      // The host learns of the person from 見学 on: the consent must cover it at every step (a withdrawal stops it).
      if (SHARED_WITH_HOST.includes(to)) match.consentId = await assertHostSharingConsent(em, match.personId, match.hostOrganizationId);
      const opportunity = await em.findOne(Opportunity, { id: match.opportunityId });
      const wasTakingSeat = match.status === 'participating' || match.status === 'settled';
      switch (to) {
        case 'visit':
          match.visitOn = on;
          break;
        case 'trial':
          match.trialDates = [...match.trialDates, on];
          match.nextFollowUpDue ??= addDays(on, this.config.MATCHING_FOLLOW_UP_DAYS);
          break;
        case 'participating':
          if (opportunity && opportunity.seatsLeft !== null) {
            if (opportunity.seatsLeft <= 0) throw new DomainException(DomainErrorCode.Conflict, 'No seats left at this opportunity (空きなし)', { constraints: ['capacity'] });
            opportunity.seatsLeft -= 1;
          }
          match.startedOn = on;
          match.nextFollowUpDue = addDays(on, this.config.MATCHING_FOLLOW_UP_DAYS);
          break;
        case 'settled':
          match.settledOn = on;
          break;
        default:
          match.endedOn = on;
          match.endReason = command.reason ?? null;
          match.endNote = command.note ?? null;
          match.nextFollowUpDue = null;
          if (wasTakingSeat && opportunity && opportunity.seatsLeft !== null) {
            opportunity.seatsLeft = opportunity.capacity === null ? opportunity.seatsLeft + 1 : Math.min(opportunity.capacity, opportunity.seatsLeft + 1);
          }
      }
      match.status = to;
      await em.flush();
      if (to === 'participating') {
        const need = await em.findOne(ParticipationNeed, { id: match.needId });
        if (need && need.status === 'matching') await moveNeed(em, this.events, need, 'participating');
      }
      this.events.record(em, EVENTS[to], match.id, matchEventData(match, on));
      return matchView(match);
    });
  }
}
