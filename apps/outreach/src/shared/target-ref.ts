import type { OutreachTargetRef } from '@tsunagu/contracts';
import { dateInJapan, fiscalYearOf } from '@tsunagu/util-japanese-calendar';
import type { OutreachTarget } from '../targets/outreach-target.entity';

/**
 * The part of every outreach event that names the target, its district and organisation, and when (JST date, 年度).
 * The district of a target under DV address protection never leaves outreach: it is null in every event.
 */
export function targetRef(target: OutreachTarget, at: Date): OutreachTargetRef {
  const occurredOn = dateInJapan(at);
  return {
    targetId: target.id,
    districtId: target.addressProtected ? null : target.districtId,
    districtWithheld: target.addressProtected,
    assignedOrganizationId: target.assignedOrganizationId,
    riskLevel: target.riskLevel,
    occurredOn,
    fiscalYear: fiscalYearOf(occurredOn),
  };
}
