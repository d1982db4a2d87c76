import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { GAP_CONSTRAINT_LABELS, MatchProposed } from '@tsunagu/contracts';
import { rank, violatedConstraints } from '@tsunagu/matching-engine';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { assertExist, findOrFail } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { Host } from '../hosts/host.entity';
import { engineNeed } from '../needs/need.view';
import { ParticipationNeed } from '../needs/participation-need.entity';
import { Opportunity } from '../opportunities/opportunity.entity';
import { engineOpportunity } from '../opportunities/opportunity.view';
import { currentWeights } from '../settings/weights.usecase';
import { homeDistrictForEvents } from '../people/need-protection';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { CLOSING } from './match-status';
import type { MatchView, ProposeMatchCommand } from './match.dto';
import { Match } from './match.entity';
import { matchEventData, matchView } from './match.view';
import { MatchingAccess } from '../shared/matching-access';

/** 提案: proposes an opportunity to the person. It must pass every hard constraint of the need. */
@Injectable()
export class ProposeMatchUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly access: MatchingAccess,
  ) {}

  async execute(command: ProposeMatchCommand): Promise<MatchView> {
    return this.em.transactional(async (em) => {
      await assertExist(em, ParticipationNeed, [command.needId], 'needId');
      await assertExist(em, Opportunity, [command.opportunityId], 'opportunityId');
      const need = await this.access.findVisibleNeed(em, command.needId);
      if (need.status !== 'matching' && need.status !== 'participating') {
        throw new DomainException(DomainErrorCode.Conflict, `A need in status ${need.status} takes no proposals; move it to マッチング中 (matching) first`, { errors: { needId: `need is ${need.status}` } });
      }
      const opportunity = await findOrFail(em, Opportunity, 'Opportunity', command.opportunityId);
      const host = opportunity.hostId ? ((await em.findOne(Host, { id: opportunity.hostId })) ?? undefined) : undefined;
      const candidate = engineOpportunity(opportunity, host);
      const violated = violatedConstraints(engineNeed(need), candidate);
      if (violated.length > 0) {
        throw new DomainException(DomainErrorCode.Conflict, `The opportunity fails the need's hard constraints: ${violated.map((code) => `${GAP_CONSTRAINT_LABELS[code]} (${code})`).join(', ')}`, {
          errors: { opportunityId: `fails ${violated.join(', ')}` },
          constraints: violated,
        });
      }
      const shared = opportunity.purposes.filter((purpose) => need.purposes.includes(purpose) && (!host || host.accepts.includes(purpose)));
      if (command.purpose !== undefined && !shared.includes(command.purpose)) throw DomainException.invalidField('purpose', `must be one of ${shared.join(', ')}`);
      const open = await em.count(Match, { needId: need.id, opportunityId: opportunity.id, status: { $nin: [...CLOSING] } });
      if (open > 0) throw new DomainException(DomainErrorCode.Conflict, 'This opportunity is already proposed to this need', { errors: { opportunityId: 'already has an open match for this need' } });
      const match = new Match();
      match.needId = need.id;
      match.personId = need.personId;
      match.opportunityId = opportunity.id;
      match.source = opportunity.source;
      match.resourceId = opportunity.resourceId;
      match.hostId = opportunity.hostId;
      match.hostOrganizationId = opportunity.organizationId;
      match.purpose = command.purpose ?? shared[0];
      match.districtId = opportunity.districtId;
      // Only for per-district counts in its events: none for a person under DV address protection.
      match.homeDistrictId = homeDistrictForEvents(need);
      match.proposedScore = rank(engineNeed(need), [candidate], { weights: await currentWeights(em) }).suggestions[0]?.score ?? null;
      match.proposedOn = todayInJapan();
      match.proposedBy = TenantContext.principal()?.subject ?? 'system';
      em.persist(match);
      await em.flush();
      this.events.record(em, MatchProposed, match.id, matchEventData(match));
      return matchView(match);
    });
  }
}
