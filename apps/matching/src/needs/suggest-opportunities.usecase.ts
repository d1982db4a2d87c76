import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ACCOMMODATION_LABELS, PARTICIPATION_PURPOSE_LABELS, TIME_SLOT_LABELS, WEEKDAY_LABELS } from '@tsunagu/contracts';
import { rank, type MatchLabels, type MatchOpportunity, type MatchWeights, type RankResult } from '@tsunagu/matching-engine';
import { InjectConfig } from '@tsunagu/platform-config';
import type { MatchingConfig } from '../config';
import { sameGapToday } from '../gaps/record-gap';
import { Host } from '../hosts/host.entity';
import { Opportunity } from '../opportunities/opportunity.entity';
import { engineOpportunity } from '../opportunities/opportunity.view';
import { currentWeights } from '../settings/weights.usecase';
import { NeedProtection } from '../people/need-protection';
import type { SuggestionsView } from './need.dto';
import { engineNeed } from './need.view';
import type { ParticipationNeed } from './participation-need.entity';
import { MatchingAccess } from '../shared/matching-access';

/** Proximity reason for callers who may not see a protected person's districts. */
export const MASKED_PROXIMITY = '通える範囲（地区は非公開）';

export const REASON_LABELS: MatchLabels = { purpose: PARTICIPATION_PURPOSE_LABELS, weekday: WEEKDAY_LABELS, timeSlot: TIME_SLOT_LABELS, accommodation: ACCOMMODATION_LABELS };

/**
 * What a need is ranked against: every opportunity of the municipality that has not ended (with its host's
 * accommodations) and the municipality's weights. Loaded once per request — and once per municipality by the periodic
 * menu-gap check, which ranks every open need against the same menus.
 */
export interface MenuCatalogue {
  opportunities: Map<string, Opportunity>;
  candidates: MatchOpportunity[];
  weights: MatchWeights;
}

export async function loadMenuCatalogue(em: EntityManager): Promise<MenuCatalogue> {
  const opportunities = await em.find(Opportunity, { status: { $ne: 'ended' } }, { orderBy: { id: 'asc' } });
  const hostIds = [...new Set(opportunities.map((opportunity) => opportunity.hostId).filter((id): id is string => id !== null))];
  const hosts = new Map((hostIds.length > 0 ? await em.find(Host, { id: { $in: hostIds } }) : []).map((host) => [host.id, host]));
  return {
    opportunities: new Map(opportunities.map((opportunity) => [opportunity.id, opportunity])),
    candidates: opportunities.map((opportunity) => engineOpportunity(opportunity, opportunity.hostId ? hosts.get(opportunity.hostId) : undefined)),
    weights: await currentWeights(em),
  };
}

/** The engine's ranking of the catalogue for one need. */
export function rankOpportunities(catalogue: MenuCatalogue, need: ParticipationNeed, limit: number): RankResult {
  return rank(engineNeed(need), catalogue.candidates, { weights: catalogue.weights, labels: REASON_LABELS, limit });
}

/**
 * Ranks every opportunity of the municipality for a need with the engine and the municipality's weights. A GET changes
 * nothing: the menu gap (メニュー不足) of a need nothing fits is recorded by the need's own writes and by the periodic check
 * (gaps/menu-gap-check.ts); this answers the gap already recorded for the same outcome, if any.
 */
@Injectable()
export class SuggestOpportunitiesUseCase {
  constructor(
    private readonly em: EntityManager,
    @InjectConfig() private readonly config: MatchingConfig,
    private readonly protection: NeedProtection,
    private readonly access: MatchingAccess,
  ) {}

  async execute(needId: string, limit?: number): Promise<SuggestionsView> {
    const em = this.em.fork();
    const need = await this.access.findVisibleNeed(em, needId);
    const catalogue = await loadMenuCatalogue(em);
    const result = rankOpportunities(catalogue, need, limit ?? this.config.MATCHING_SUGGESTION_LIMIT);
    // The ranking needs the home district; a caller who may not see it does not get it back as 「自宅の地区内」 either.
    const masked = this.protection.masked(need);
    const gap = result.gap ? await sameGapToday(em, need, result.gap.failingConstraints) : null;
    return {
      needId: need.id,
      items: result.suggestions.map((suggestion) => {
        const opportunity = catalogue.opportunities.get(suggestion.opportunityId) as Opportunity;
        return {
          opportunityId: opportunity.id,
          title: opportunity.title,
          organizationId: opportunity.organizationId,
          districtId: opportunity.districtId,
          purposes: [...opportunity.purposes],
          score: suggestion.score,
          reasons: suggestion.reasons.map((reason) => (masked && reason.factor === 'proximity' ? { ...reason, text: MASKED_PROXIMITY } : { ...reason })),
        };
      }),
      considered: result.considered,
      passed: result.passed,
      rejections: { ...result.rejections },
      gapId: gap?.id ?? null,
    };
  }
}
