import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { DEFAULT_WEIGHTS, SCORE_FACTORS, type MatchWeights } from '@tsunagu/matching-engine';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import { MatchingSettings } from './matching-settings.entity';
import type { UpdateWeightsCommand, WeightsView } from './settings.dto';

/** The municipality's weights, or the engine's defaults while none are saved. */
export async function currentWeights(em: EntityManager): Promise<MatchWeights> {
  const settings = await em.findOne(MatchingSettings, { municipality: TenantContext.requireMunicipality() });
  return settings ? { ...DEFAULT_WEIGHTS, ...settings.weights } : DEFAULT_WEIGHTS;
}

@Injectable()
export class GetWeightsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(): Promise<WeightsView> {
    const settings = await this.em.findOne(MatchingSettings, { municipality: TenantContext.requireMunicipality() });
    return { weights: settings ? { ...DEFAULT_WEIGHTS, ...settings.weights } : { ...DEFAULT_WEIGHTS }, isDefault: !settings, version: settings?.version ?? null };
  }
}

@Injectable()
export class UpdateWeightsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(command: UpdateWeightsCommand, expectedVersion: number | undefined): Promise<WeightsView> {
    const weights = Object.fromEntries(SCORE_FACTORS.map((factor) => [factor, command[factor]])) as Record<(typeof SCORE_FACTORS)[number], number>;
    if (SCORE_FACTORS.every((factor) => weights[factor] === 0)) throw DomainException.invalidField('purpose', 'at least one weight must be above 0');
    return this.em.transactional(async (em) => {
      let settings = await em.findOne(MatchingSettings, { municipality: TenantContext.requireMunicipality() });
      if (settings) {
        assertVersion(settings, expectedVersion, 'MatchingSettings');
      } else {
        if (expectedVersion !== undefined) throw new DomainException(DomainErrorCode.StaleVersion, 'No weights are saved yet; send no version to save the first ones');
        settings = new MatchingSettings();
        em.persist(settings);
      }
      settings.weights = weights;
      settings.updatedBy = TenantContext.principal()?.subject ?? 'system';
      await em.flush();
      return { weights: { ...weights }, isDefault: false, version: settings.version };
    });
  }
}
