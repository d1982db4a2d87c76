import { Injectable } from '@nestjs/common';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { OWN_RECORDS_SCOPE, assertSameMunicipality, deskAccessSettingsOf, effectiveOrganizationOf, readsCityWide, type DeskAccessSettings } from '@tsunagu/platform-auth';
import { InjectConfig } from '@tsunagu/platform-config';
import { TenantContext, type Principal } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import type { OutreachConfig } from '../config';
import { OutreachTarget } from '../targets/outreach-target.entity';

/** An organisation id no target carries: the filter of a caller with no desk at all (fail closed). */
const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

/**
 * What a list is narrowed to for the caller, beyond the municipality filter the ORM applies: nothing (city-wide), or the
 * targets assigned to or registered by `organizationId` (the caller's desk), or assigned to the caller in person.
 */
export type VisibleTargets = { all: true } | { all: false; organizationId?: string; staffSubject: string };

/**
 * The desk access model (docs/security/access-model.md) in outreach: city staff of a CITY_WIDE_READ_ROLES role see every
 * target of the municipality; everybody else — city staff at the city desk, contracted desks and agency systems — sees
 * the targets assigned to or registered by their effective organisation or assigned to them in person, and a `records:own` token only the latter.
 * Anything else answers 404, as if it did not exist.
 */
@Injectable()
export class TargetAccess {
  private readonly settings: DeskAccessSettings;

  constructor(@InjectConfig() config: OutreachConfig) {
    this.settings = deskAccessSettingsOf(config);
  }

  /** The narrowing list endpoints apply, in the query (never after paging). */
  visibleTargets(principal: Principal | undefined = TenantContext.principal()): VisibleTargets {
    if (!principal) return { all: true };
    if (principal.scopes.includes(OWN_RECORDS_SCOPE)) return { all: false, staffSubject: principal.subject };
    if (readsCityWide(principal, this.settings)) return { all: true };
    return { all: false, organizationId: effectiveOrganizationOf(principal, this.settings) ?? NO_ORGANIZATION, staffSubject: principal.subject };
  }

  /** The same narrowing as a filter on targets. */
  targetFilter(principal: Principal | undefined = TenantContext.principal()): FilterQuery<OutreachTarget> {
    const visible = this.visibleTargets(principal);
    if (visible.all) return {};
    const assigned: FilterQuery<OutreachTarget> = { assignedStaff: { $overlap: [visible.staffSubject] } };
    return visible.organizationId ? { $or: [{ assignedOrganizationId: visible.organizationId }, { registeredByOrganizationId: visible.organizationId }, assigned] } : assigned;
  }

  /** Loads a target the caller may see, or answers 404. */
  async findVisibleTarget(em: EntityManager, id: string): Promise<OutreachTarget> {
    return this.assertVisible(await em.findOne(OutreachTarget, { id }), id);
  }

  /** A target loaded with others (or not found), or 404 as `findVisibleTarget` answers. */
  assertVisible(target: OutreachTarget | null | undefined, id: string): OutreachTarget {
    if (!target) throw DomainException.notFound('OutreachTarget', id);
    const principal = TenantContext.principal();
    if (principal) {
      assertSameMunicipality(principal, target.municipality, { resource: 'OutreachTarget', id });
      const visible = this.visibleTargets(principal);
      const inReach =
        visible.all ||
        target.assignedStaff.includes(visible.staffSubject) ||
        (visible.organizationId !== undefined && (target.assignedOrganizationId === visible.organizationId || target.registeredByOrganizationId === visible.organizationId));
      if (!inReach) throw DomainException.notFound('OutreachTarget', id);
    }
    return target;
  }

  /** The caller's desk (effective organisation), or undefined for the system and for city staff without a configured desk. */
  deskOf(principal: Principal | undefined = TenantContext.principal()): string | undefined {
    return principal ? effectiveOrganizationOf(principal, this.settings) : undefined;
  }

  /** A contracted desk or agency system acts for its own organisation only: a target it registers or reassigns must be its own. */
  assertOwnOrganization(organizationId: string, field: string): void {
    const principal = TenantContext.principal();
    if (!principal || (principal.agency === undefined && !principal.client)) return;
    if (principal.agency !== organizationId) throw DomainException.invalidField(field, 'a desk can only assign targets to its own organisation');
  }
}
