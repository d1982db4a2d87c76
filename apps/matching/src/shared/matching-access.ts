import { Injectable } from '@nestjs/common';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { assertSameMunicipality, deskAccessSettingsOf, effectiveOrganizationOf, readsCityWide, type DeskAccessSettings } from '@tsunagu/platform-auth';
import { InjectConfig } from '@tsunagu/platform-config';
import { TenantContext, type Principal } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import type { MatchingConfig } from '../config';
import { SHARED_WITH_HOST } from '../matches/match-status';
import { Match } from '../matches/match.entity';
import { ParticipationNeed } from '../needs/participation-need.entity';

/** An organisation id no match carries: the filter of a caller with no desk at all (fail closed). */
const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

type Reach = { all: true } | { all: false; organizationId: string; subject: string };

/**
 * The desk access model (docs/security/access-model.md) in matching: city staff of a CITY_WIDE_READ_ROLES role see every
 * need and match of the municipality; everybody else — city staff at the city desk, contracted desks and host agency
 * systems — sees the matches hosted by their effective organisation once the host may know of the person (from 見学 on,
 * under consent), the needs with such an active match, and what they registered or proposed themselves. Anything else
 * answers 404, and lists are narrowed in the query.
 */
@Injectable()
export class MatchingAccess {
  private readonly settings: DeskAccessSettings;

  constructor(@InjectConfig() config: MatchingConfig) {
    this.settings = deskAccessSettingsOf(config);
  }

  private reach(principal: Principal | undefined = TenantContext.principal()): Reach {
    if (!principal || readsCityWide(principal, this.settings)) return { all: true };
    return { all: false, organizationId: effectiveOrganizationOf(principal, this.settings) ?? NO_ORGANIZATION, subject: principal.subject };
  }

  /** Matches the caller sees. */
  matchFilter(): FilterQuery<Match> {
    const reach = this.reach();
    if (reach.all) return {};
    return { $or: [{ hostOrganizationId: reach.organizationId, status: { $ne: 'proposed' } }, { proposedBy: reach.subject }] };
  }

  /** Needs the caller sees: the ids of needs with an active match at the caller's desk are read first, then the list is narrowed by them. */
  async needFilter(em: EntityManager): Promise<FilterQuery<ParticipationNeed>> {
    const reach = this.reach();
    if (reach.all) return {};
    const hosted = await em.find(
      Match,
      { $or: [{ hostOrganizationId: reach.organizationId, status: { $in: [...SHARED_WITH_HOST] } }, { proposedBy: reach.subject }] },
      { fields: ['needId'] },
    );
    return { $or: [{ registeredBy: reach.subject }, { id: { $in: [...new Set(hosted.map((match) => match.needId))] } }] };
  }

  async findVisibleMatch(em: EntityManager, id: string): Promise<Match> {
    const match = await em.findOne(Match, { id });
    const principal = TenantContext.principal();
    if (!match) throw DomainException.notFound('Match', id);
    if (principal) assertSameMunicipality(principal, match.municipality, { resource: 'Match', id });
    const reach = this.reach(principal);
    const inReach = reach.all || match.proposedBy === reach.subject || (match.hostOrganizationId === reach.organizationId && match.status !== 'proposed');
    if (!inReach) throw DomainException.notFound('Match', id);
    return match;
  }

  async findVisibleNeed(em: EntityManager, id: string): Promise<ParticipationNeed> {
    const need = await em.findOne(ParticipationNeed, { $and: [{ id }, await this.needFilter(em)] });
    if (!need) throw DomainException.notFound('ParticipationNeed', id);
    return need;
  }
}
