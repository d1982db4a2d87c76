import type { EntityManager } from '@mikro-orm/core';
import type { ConsentCoverage } from '../consents/consent-coverage';
import type { Consent } from '../consents/consent.entity';
import { Referral } from './referral.entity';

/** Referrals still open: a lapsed consent matters only while the receiving desk has yet to answer or make contact. */
const OPEN = ['requested', 'accepted'] as const;

/**
 * A consent withdrawn (撤回): each open referral that rested on it moves to another consent of the person that still covers
 * the receiving organisation, or lapses (`consentLapsedAt`): it can then no longer be accepted — the receiving desk sees
 * why and declines it (本人辞退), or the referring desk records a new consent. Found whoever withdraws it.
 */
export async function lapseReferralsOfWithdrawnConsent(em: EntityManager, coverage: ConsentCoverage, consent: Consent): Promise<void> {
  const referrals = await em.find(Referral, { consentId: consent.id, infoBasis: 'consent', status: { $in: [...OPEN] } });
  for (const referral of referrals) {
    const other = referral.personId ? await coverage.coveringConsent(em, referral.personId, referral.toOrganizationId) : null;
    if (other) referral.consentId = other.id;
    else referral.consentLapsedAt = new Date();
  }
  await em.flush();
}

/** A consent obtained: the person's lapsed referrals whose receiving organisation it covers rest on it from now on. */
export async function restoreReferralsCoveredBy(em: EntityManager, coverage: ConsentCoverage, consent: Consent): Promise<void> {
  if (consent.status !== 'obtained') return;
  const lapsed = await em.find(Referral, { personId: consent.personId, infoBasis: 'consent', consentLapsedAt: { $ne: null }, status: { $in: [...OPEN] } });
  for (const referral of lapsed) {
    const covering = await coverage.coveringConsent(em, consent.personId, referral.toOrganizationId);
    if (!covering) continue;
    referral.consentId = covering.id;
    referral.consentLapsedAt = null;
  }
  await em.flush();
}

/** Of these people, those with a lapsed open referral: a consent of theirs may restore it (restoreReferralsCoveredBy). */
export async function personsWithLapsedReferrals(em: EntityManager, personIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(personIds)];
  // A query per thousand people (a statement takes at most 65,535 parameters).
  for (let start = 0; start < unique.length; start += 1000) {
    const lapsed = await em.find(
      Referral,
      { personId: { $in: unique.slice(start, start + 1000) }, infoBasis: 'consent', consentLapsedAt: { $ne: null }, status: { $in: [...OPEN] } },
      { fields: ['personId'] },
    );
    for (const referral of lapsed) if (referral.personId) found.add(referral.personId);
  }
  return found;
}
