import type { ReferralClosedEventData } from '@tsunagu/contracts';
import type { Principal } from '@tsunagu/platform-context';
import type { PlainRow } from '@tsunagu/platform-persistence';
import { allowedReferralActions, mayAnswerReferral } from './referral-status';
import type { Referral } from './referral.entity';
import type { ReferralView } from './referral.dto';

/** The referral as the caller sees it: `allowedActions` lists only what this caller may do now. */
export function referralView(referral: PlainRow<Referral>, principal: Principal | undefined): ReferralView {
  return {
    id: referral.id,
    consultationId: referral.consultationId,
    personId: referral.personId,
    fromOrganizationId: referral.fromOrganizationId,
    toOrganizationId: referral.toOrganizationId,
    referredOn: referral.referredOn,
    accompanied: referral.accompanied,
    infoBasis: referral.infoBasis,
    consentId: referral.consentId,
    mandatoryReportId: referral.mandatoryReportId,
    basisNote: referral.basisNote,
    status: referral.status,
    consentLapsed: referral.consentLapsedAt !== null,
    allowedActions: mayAnswerReferral(principal, referral.toOrganizationId) ? [...allowedReferralActions(referral.status, referral.consentLapsedAt !== null)] : [],
    followUpDue: referral.followUpDue,
    requestNote: referral.requestNote,
    responseNote: referral.responseNote,
    reasonCode: referral.reasonCode,
    respondedAt: referral.respondedAt?.toISOString() ?? null,
    firstContactOn: referral.firstContactOn,
    version: referral.version,
  };
}

/** Ids and codes only; a declined or failed referral adds its reason code (never the note). */
export function referralEventData(referral: Referral): ReferralClosedEventData {
  return {
    referralId: referral.id,
    consultationId: referral.consultationId,
    personId: referral.personId,
    fromOrganizationId: referral.fromOrganizationId,
    toOrganizationId: referral.toOrganizationId,
    infoBasis: referral.infoBasis,
    status: referral.status,
    followUpDue: referral.followUpDue,
    referredOn: referral.referredOn,
    firstContactOn: referral.firstContactOn,
    ...((referral.status === 'declined' || referral.status === 'failed') && referral.reasonCode ? { reasonCode: referral.reasonCode } : {}),
  };
}
