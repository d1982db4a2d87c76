import type { TargetView } from './target.dto';
import { allowedStageMoves } from './outreach-stage';
import type { OutreachTarget } from './outreach-target.entity';

export function targetView(target: OutreachTarget): TargetView {
  return {
    id: target.id,
    identity: target.identity,
    personId: target.personId,
    householdId: target.householdId,
    locationDescription: target.locationDescription,
    discoveryRoute: target.discoveryRoute,
    discoveredOn: target.discoveredOn,
    reasonTags: [...target.reasonTags],
    riskLevel: target.riskLevel,
    districtId: target.districtId,
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
