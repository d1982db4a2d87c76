import type { EntityManager } from '@mikro-orm/core';
import { assertRecordAccess, recordFilterOf } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-http';
import { OutreachTarget } from '../targets/outreach-target.entity';

/**
 * Loads a target the caller may see: agency callers only targets assigned to their organisation, callers with
 * the records:own scope only targets they are assigned to; anything else is 404, as if it did not exist.
 */
export async function findVisibleTarget(em: EntityManager, id: string): Promise<OutreachTarget> {
  const target = await em.findOne(OutreachTarget, { id });
  if (!target) throw DomainException.notFound('OutreachTarget', id);
  const principal = TenantContext.principal();
  if (principal) {
    assertRecordAccess(
      principal,
      { municipality: target.municipality, organizationIds: [target.assignedOrganizationId], ownerSubjects: target.assignedStaff },
      { resource: 'OutreachTarget', id },
    );
  }
  return target;
}

/** The narrowing list endpoints apply: by organisation for agency callers, by assignment for own-scoped ones. */
export function visibleTargetsFilter(): { assignedOrganizationId?: string; staffSubject?: string } {
  const principal = TenantContext.principal();
  if (!principal) return {};
  const filter = recordFilterOf(principal);
  if (filter.scope === 'agency') return { assignedOrganizationId: filter.agency };
  if (filter.scope === 'own') return { staffSubject: filter.subject };
  return {};
}

/** Agency callers act for their own organisation only: a target they register or reassign must be theirs. */
export function assertOwnOrganization(organizationId: string, field: string): void {
  const principal = TenantContext.principal();
  if (!principal) return;
  const filter = recordFilterOf(principal);
  if (filter.scope === 'agency' && filter.agency !== organizationId) {
    throw DomainException.invalidField(field, 'agency users can only assign targets to their own organisation');
  }
}
