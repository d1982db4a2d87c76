import type { FollowUpEventData } from '@tsunagu/contracts';
import type { Match } from '../matches/match.entity';
import type { FollowUpView } from './follow-up.dto';
import type { FollowUp } from './follow-up.entity';

export function followUpView(followUp: FollowUp): FollowUpView {
  return {
    id: followUp.id,
    matchId: followUp.matchId,
    side: followUp.side,
    method: followUp.method,
    heldOn: followUp.heldOn,
    issues: followUp.issues,
    adjustments: followUp.adjustments,
    nextDueOn: followUp.nextDueOn,
    staff: followUp.staff,
    staffOrganizationId: followUp.staffOrganizationId,
    createdAt: followUp.createdAt.toISOString(),
  };
}

/** Ids, codes and dates only: what was discussed stays here. */
export function followUpEventData(followUp: FollowUp, match: Match): FollowUpEventData {
  return {
    followUpId: followUp.id,
    matchId: match.id,
    needId: match.needId,
    personId: match.personId,
    hostOrganizationId: match.hostOrganizationId,
    side: followUp.side,
    method: followUp.method,
    heldOn: followUp.heldOn,
    nextDueOn: followUp.nextDueOn,
    districtId: match.districtId,
  };
}
