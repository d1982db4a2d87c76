import type { EntityManager } from '@mikro-orm/core';
import type { HandoverDestination } from '@tsunagu/contracts';
import { ConsentMirror } from './consent-mirror.entity';

/**
 * Whether the person's consent, as intake's events told us, covers a hand-over. The same rule intake applies to its
 * own ledger (apps/intake/src/consents/consent-coverage.ts), which checks again when the event arrives:
 * - to a consultation at an organisation: 関係機関との情報共有 (every agency, or the named ones) or 特定機関への提供 naming it;
 * - to a 多機関協働 case: 重層的支援会議での共有.
 */
export async function coveringConsent(em: EntityManager, personId: string, to: HandoverDestination, organizationId: string): Promise<ConsentMirror | null> {
  const consents = await em.find(ConsentMirror, { personId, status: 'obtained' }, { orderBy: { updatedAt: 'desc' } });
  return (
    consents.find((consent) => {
      if (to === 'case') return consent.scope === 'jusou-meeting';
      if (consent.scope === 'agency-sharing') return consent.targetOrganizationIds.length === 0 || consent.targetOrganizationIds.includes(organizationId);
      return consent.scope === 'named-organization' && consent.targetOrganizationIds.includes(organizationId);
    }) ?? null
  );
}
