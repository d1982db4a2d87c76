/** A referral refused for want of a recorded consent: whose consent, for which receiving organisation. */
export interface MissingConsent {
  /** null: the consultation names no person (nothing to record a consent for). */
  personId: string | null;
  organizationId: string;
}

/**
 * Reads intake's refusal of a referral on the consent basis (403 `consent-required` naming the organisation and the
 * person) out of the dataProvider's error; undefined for any other error (the 通報 and other bases name no organisation).
 */
export function missingConsentOf(error: unknown): MissingConsent | undefined {
  const httpError = (error ?? {}) as { status?: unknown; body?: unknown };
  if (httpError.status !== 403 || !httpError.body || typeof httpError.body !== 'object') return undefined;
  const body = httpError.body as Record<string, unknown>;
  if (body.code !== 'consent-required' || typeof body.organizationId !== 'string') return undefined;
  return { personId: typeof body.personId === 'string' ? body.personId : null, organizationId: body.organizationId };
}

export type ReferralConsentScope = 'named-organization' | 'agency-sharing';

/**
 * The consent a desk records from the referral form (POST /intake/consents): obtained now, for the organisation referred
 * to only (特定機関への提供) or for sharing with the agencies (関係機関との情報共有, every agency).
 */
export function referralConsentBody(missing: MissingConsent & { personId: string }, scope: ReferralConsentScope, method: string): Record<string, unknown> {
  return {
    personId: missing.personId,
    scope,
    targetOrganizationIds: scope === 'named-organization' ? [missing.organizationId] : [],
    method,
    status: 'obtained',
  };
}
