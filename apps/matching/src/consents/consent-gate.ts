import type { EntityManager } from '@mikro-orm/core';
import { CONSENT_SCOPE_LABELS } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { ConsentCopy } from './consent-copy.entity';

export const HOST_SHARING_SCOPE = 'participation-hosts' as const;

/**
 * Sharing anything about a person with a host (the host learns of them from 見学 on) needs their consent
 * 参加支援受入先への提供, obtained and not withdrawn, covering the host organisation (an empty target list
 * covers every host). Returns the consent id to record on the match; refuses with 403 consent-required.
 */
export async function assertHostSharingConsent(em: EntityManager, personId: string, hostOrganizationId: string | null): Promise<string> {
  const consents = await em.find(ConsentCopy, { personId, scope: HOST_SHARING_SCOPE, status: 'obtained' }, { orderBy: { statusAt: 'desc', id: 'asc' } });
  const covering = consents.find((consent) => consent.targetOrganizationIds.length === 0 || (hostOrganizationId !== null && consent.targetOrganizationIds.includes(hostOrganizationId)));
  if (!covering) {
    throw new DomainException(
      DomainErrorCode.ConsentRequired,
      `No consent 「${CONSENT_SCOPE_LABELS[HOST_SHARING_SCOPE]}」 (${HOST_SHARING_SCOPE}) covers this host: record it in intake before the person visits or joins`,
      { scope: HOST_SHARING_SCOPE, personId, hostOrganizationId },
    );
  }
  return covering.consentId;
}
