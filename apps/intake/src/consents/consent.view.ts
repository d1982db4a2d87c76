import type { ConsentEventData } from '@tsunagu/contracts';
import type { Consent } from './consent.entity';
import type { ConsentView } from './consent.dto';

export function consentView(consent: Consent): ConsentView {
  return {
    id: consent.id,
    personId: consent.personId,
    scope: consent.scope,
    targetOrganizationIds: [...consent.targetOrganizationIds],
    method: consent.method,
    obtainedAt: consent.obtainedAt.toISOString(),
    obtainedBy: consent.obtainedBy,
    obtainedByOrganizationId: consent.obtainedByOrganizationId,
    status: consent.status,
    withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: consent.withdrawalReason,
    documentRef: consent.documentRef,
    version: consent.version,
  };
}

export function consentEventData(consent: Consent): ConsentEventData {
  return {
    consentId: consent.id,
    personId: consent.personId,
    scope: consent.scope,
    targetOrganizationIds: [...consent.targetOrganizationIds],
    method: consent.method,
    status: consent.status,
  };
}
