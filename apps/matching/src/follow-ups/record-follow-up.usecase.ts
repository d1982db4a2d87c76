import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { FollowUpRecorded } from '@tsunagu/contracts';
import { recordScopeOf } from '@tsunagu/platform-auth';
import { InjectConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { addDays, todayInJapan } from '@tsunagu/util-japanese-calendar';
import type { MatchingConfig } from '../config';
import { FOLLOWED_UP } from '../matches/match-status';
import { EventRecorder } from '@tsunagu/platform-messaging';
import type { FollowUpView, RecordFollowUpCommand } from './follow-up.dto';
import { FollowUp } from './follow-up.entity';
import { followUpEventData, followUpView } from './follow-up.view';
import { MatchingAccess } from '../shared/matching-access';

/** 定着支援 (person) and 受入先支援 (host) records; each sets when the next one is due. */
@Injectable()
export class RecordFollowUpUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    @InjectConfig() private readonly config: MatchingConfig,
    private readonly access: MatchingAccess,
  ) {}

  async execute(matchId: string, command: RecordFollowUpCommand): Promise<FollowUpView> {
    return this.em.transactional(async (em) => {
      const match = await this.access.findVisibleMatch(em, matchId);
      if (!FOLLOWED_UP.includes(match.status)) {
        throw new DomainException(DomainErrorCode.Conflict, `Follow-ups are recorded from 見学 until the match ends; this match is ${match.status}`, { allowedStatuses: FOLLOWED_UP });
      }
      const principal = TenantContext.principal();
      // A host's own staff record 受入先支援 (their side); the person's 定着支援 is the support staff's.
      if (principal && recordScopeOf(principal) === 'agency' && command.side === 'person') throw DomainException.invalidField('side', 'a host records host or both');
      const heldOn = command.heldOn ?? todayInJapan();
      if (heldOn < match.proposedOn) throw DomainException.invalidField('heldOn', `cannot be before the proposal (${match.proposedOn})`);
      if (heldOn > todayInJapan()) throw DomainException.invalidField('heldOn', 'cannot be in the future');
      const nextDueOn = command.nextDueOn ?? addDays(heldOn, this.config.MATCHING_FOLLOW_UP_DAYS);
      if (nextDueOn <= heldOn) throw DomainException.invalidField('nextDueOn', 'must be after heldOn');
      const followUp = new FollowUp();
      followUp.matchId = match.id;
      followUp.side = command.side;
      followUp.method = command.method;
      followUp.heldOn = heldOn;
      followUp.issues = command.issues ?? null;
      followUp.adjustments = command.adjustments ?? null;
      followUp.nextDueOn = nextDueOn;
      followUp.staff = principal?.subject ?? 'system';
      followUp.staffOrganizationId = principal?.agency ?? null;
      em.persist(followUp);
      match.nextFollowUpDue = nextDueOn;
      await em.flush();
      this.events.record(em, FollowUpRecorded, followUp.id, followUpEventData(followUp, match));
      return followUpView(followUp);
    });
  }
}
