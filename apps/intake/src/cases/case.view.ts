import type { EntityManager } from '@mikro-orm/core';
import type { CaseEventData } from '@tsunagu/contracts';
import { assertRecordAccess } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { findOrFail, type PlainRow } from '@tsunagu/platform-persistence';
import { dateInJapan } from '@tsunagu/util-japanese-calendar';
import type { PersonVisibility } from '../access/person-visibility';
import { allowedCaseActions } from './case-status';
import { MultiAgencyCase } from './case.entity';
import type { CaseView } from './case.dto';

export function caseOrganizationIds(record: MultiAgencyCase): string[] {
  return [record.coordinatorOrganizationId, record.leadOrganizationId, ...record.memberOrganizationIds].filter((id): id is string => typeof id === 'string');
}

/**
 * Loads a case the caller may see (else 404): with `people`, the desk model (the desk has a role in it, or the key
 * person is visible to the caller); without, the older organisation check (agency callers only cases their organisation has a role in).
 */
export async function findVisibleCase(em: EntityManager, id: string, people?: PersonVisibility): Promise<MultiAgencyCase> {
  if (people) return people.findVisible(em, MultiAgencyCase, 'MultiAgencyCase', id, people.caseFilter());
  const record = await findOrFail(em, MultiAgencyCase, 'MultiAgencyCase', id);
  const principal = TenantContext.principal();
  if (principal) assertRecordAccess(principal, { municipality: record.municipality, organizationIds: caseOrganizationIds(record) }, { resource: 'MultiAgencyCase', id });
  return record;
}

export function caseView(record: PlainRow<MultiAgencyCase>): CaseView {
  return {
    id: record.id,
    caseNo: record.caseNo,
    openedOn: dateInJapan(record.createdAt),
    householdId: record.householdId,
    keyPersonId: record.keyPersonId,
    consultationId: record.consultationId,
    track: record.track,
    consentId: record.consentId,
    status: record.status,
    allowedActions: allowedCaseActions(record.status),
    coordinatorOrganizationId: record.coordinatorOrganizationId,
    coordinatorStaff: record.coordinatorStaff,
    leadOrganizationId: record.leadOrganizationId,
    memberOrganizationIds: [...record.memberOrganizationIds],
    supportDecidedOn: record.supportDecidedOn,
    supportDecisionMeetingId: record.supportDecisionMeetingId,
    coordinatorReleasedAt: record.coordinatorReleasedAt?.toISOString() ?? null,
    suspendedOn: record.suspendedOn,
    suspensionReason: record.suspensionReason,
    closedOn: record.closedOn,
    closureReason: record.closureReason,
    closureNote: record.closureNote,
    version: record.version,
  };
}

export function caseEventData(record: MultiAgencyCase): CaseEventData {
  return {
    caseId: record.id,
    caseNo: record.caseNo,
    householdId: record.householdId,
    track: record.track,
    status: record.status,
    coordinatorOrganizationId: record.coordinatorOrganizationId,
    leadOrganizationId: record.leadOrganizationId,
    memberOrganizationIds: [...record.memberOrganizationIds],
    supportDecidedOn: record.supportDecidedOn,
    closureReason: record.closureReason,
    openedOn: dateInJapan(record.createdAt),
    closedOn: record.closedOn,
  };
}
