import type { PlainRow } from '@tsunagu/platform-persistence';
import type { TargetView } from './target.dto';
import { allowedStageMoves } from './outreach-stage';
import type { OutreachTarget } from './outreach-target.entity';

/**
 * The target as the caller may see it: when its person or household is under DV address protection and the caller's
 * role is not in OUTREACH_DV_ADDRESS_ROLES (`masked`), district and place description are null and addressMasked says so.
 */
export function targetView(target: PlainRow<OutreachTarget>, masked: boolean): TargetView {
  return {
    id: target.id,
    identity: target.identity,
    personId: target.personId,
    householdId: target.householdId,
    locationDescription: masked ? null : target.locationDescription,
    discoveryRoute: target.discoveryRoute,
    discoveredOn: target.discoveredOn,
    reasonTags: [...target.reasonTags],
    riskLevel: target.riskLevel,
    districtId: masked ? null : target.districtId,
    addressMasked: masked && (target.districtId !== null || target.locationDescription !== null),
    addressProtected: target.addressProtected,
    assignedOrganizationId: target.assignedOrganizationId,
    assignedStaff: [...target.assignedStaff],
    meetingIds: [...target.meetingIds],
    stage: target.stage,
    allowedStages: [...allowedStageMoves(target.stage)],
    stageChangedAt: target.stageChangedAt.toISOString(),
    firstConnectedOn: target.firstConnectedOn,
    closeReason: target.closeReason,
    closedOn: target.closedOn,
    note: target.note,
    lastContactAt: target.lastContactAt?.toISOString() ?? null,
    lastSuccessfulContactAt: target.lastSuccessfulContactAt?.toISOString() ?? null,
    createdAt: target.createdAt.toISOString(),
    version: target.version,
  };
}
