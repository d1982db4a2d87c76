import type { ReferralEventData } from '@tsunagu/contracts';
import { allowedReferralActions } from './referral-status';
import type { Referral } from './referral.entity';
import type { ReferralView } from './referral.dto';

export function referralView(referral: Referral): ReferralView {
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
    allowedActions: [...allowedReferralActions(referral.status)],
    followUpDue: referral.followUpDue,
    requestNote: referral.requestNote,
    responseNote: referral.responseNote,
    respondedAt: referral.respondedAt?.toISOString() ?? null,
    firstContactOn: referral.firstContactOn,
    version: referral.version,
  };
}

export function referralEventData(referral: Referral): ReferralEventData {
  return {
    referralId: referral.id,
    consultationId: referral.consultationId,
    personId: referral.personId,
    fromOrganizationId: referral.fromOrganizationId,
    toOrganizationId: referral.toOrganizationId,
    infoBasis: referral.infoBasis,
    status: referral.status,
    followUpDue: referral.followUpDue,
  };
}
