import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { Consent } from './consent.entity';

/**
 * Whether the consent ledger lets a person's information go to an organisation: an obtained (取得),
 * not withdrawn consent for 関係機関との情報共有 (all agencies when no targets are named, else the named
 * ones) or for 特定機関への提供 naming that organisation.
 */
@Injectable()
export class ConsentCoverage {
  async coveringConsent(em: EntityManager, personId: string, organizationId: string): Promise<Consent | null> {
    const consents = await em.find(
      Consent,
      { personId, status: 'obtained', withdrawnAt: null, scope: { $in: ['agency-sharing', 'named-organization'] } },
      { orderBy: { obtainedAt: 'desc' } },
    );
    return (
      consents.find((consent) =>
        consent.scope === 'agency-sharing'
          ? consent.targetOrganizationIds.length === 0 || consent.targetOrganizationIds.includes(organizationId)
          : consent.targetOrganizationIds.includes(organizationId),
      ) ?? null
    );
  }

  /** An obtained, not withdrawn consent of the person to be discussed at the 重層的支援会議 (the 重層 track). */
  async jusouConsent(em: EntityManager, personId: string): Promise<Consent | null> {
    return em.findOne(Consent, { personId, status: 'obtained', withdrawnAt: null, scope: 'jusou-meeting' }, { orderBy: { obtainedAt: 'desc' } });
  }
}
