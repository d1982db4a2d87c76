import type { MatchEventData } from '@tsunagu/contracts';
import type { PlainRow } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { allowedMatchStatuses } from './match-status';
import type { MatchView } from './match.dto';
import type { Match } from './match.entity';

export function matchView(match: PlainRow<Match>): MatchView {
  return {
    id: match.id,
    needId: match.needId,
    personId: match.personId,
    opportunityId: match.opportunityId,
    source: match.source,
    resourceId: match.resourceId,
    hostId: match.hostId,
    hostOrganizationId: match.hostOrganizationId,
    purpose: match.purpose,
    districtId: match.districtId,
    proposedScore: match.proposedScore,
    status: match.status,
    allowedStatuses: [...allowedMatchStatuses(match.status)],
    proposedOn: match.proposedOn,
    visitOn: match.visitOn,
    trialDates: [...match.trialDates],
    startedOn: match.startedOn,
    settledOn: match.settledOn,
    endedOn: match.endedOn,
    endReason: match.endReason,
    endNote: match.endNote,
    consentId: match.consentId,
    nextFollowUpDue: match.nextFollowUpDue,
    version: match.version,
  };
}

/** Ids, codes and dates only (no note, no score reasons). */
export function matchEventData(match: Match, occurredOn = todayInJapan()): MatchEventData {
  return {
    matchId: match.id,
    needId: match.needId,
    personId: match.personId,
    opportunityId: match.opportunityId,
    source: match.source,
    resourceId: match.resourceId,
    hostId: match.hostId,
    hostOrganizationId: match.hostOrganizationId,
    purpose: match.purpose,
    districtId: match.districtId,
    homeDistrictId: match.homeDistrictId,
    status: match.status,
    endReason: match.endReason,
    proposedOn: match.proposedOn,
    startedOn: match.startedOn,
    settledOn: match.settledOn,
    endedOn: match.endedOn,
    occurredOn,
  };
}
