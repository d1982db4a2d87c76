import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { InjectConfig } from '@tsunagu/platform-config';
import { TenantContext } from '@tsunagu/platform-context';
import { paging } from '@tsunagu/platform-http';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { findOrFail, listPage, type ListPage } from '@tsunagu/platform-persistence';
import type { IntakeConfig } from '../config';
import { Person } from '../people/person.entity';
import { EmergencyAccess } from './emergency-access.entity';
import type { EmergencyAccessListQuery, EmergencyAccessView, GrantEmergencyAccessCommand, ReviewEmergencyAccessCommand } from './emergency-access.dto';
import { PersonVisibility } from './person-visibility';

export function emergencyAccessView(access: EmergencyAccess): EmergencyAccessView {
  return {
    id: access.id,
    personId: access.personId,
    actor: access.actor,
    organizationId: access.organizationId,
    reason: access.reason,
    grantedAt: access.grantedAt.toISOString(),
    expiresAt: access.expiresAt.toISOString(),
    reviewedAt: access.reviewedAt?.toISOString() ?? null,
    reviewedBy: access.reviewedBy,
    reviewNote: access.reviewNote,
  };
}

/** Machine clients never break the glass: an emergency is a person's judgement, reviewed afterwards. */
function requireStaff(): { subject: string } {
  const principal = TenantContext.principal();
  if (!principal || principal.client) throw new DomainException(DomainErrorCode.Forbidden, 'Only staff members can open a record by emergency access');
  return principal;
}

/**
 * Opens one person's record to the caller for EMERGENCY_ACCESS_MINUTES. The route audits it as `emergency-access`
 * with the person's id, and every read made under it is audited as usual.
 */
@Injectable()
export class GrantEmergencyAccessUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly visibility: PersonVisibility,
    @InjectConfig() private readonly config: IntakeConfig,
  ) {}

  async execute(personId: string, command: GrantEmergencyAccessCommand): Promise<EmergencyAccessView> {
    const principal = requireStaff();
    const reason = command.reason.trim();
    if (reason.length < 10) throw DomainException.invalidField('reason', 'give the reason for the emergency access (at least 10 characters)');
    return this.em.transactional(async (em) => {
      await findOrFail(em, Person, 'Person', personId);
      const access = new EmergencyAccess();
      access.personId = personId;
      access.actor = principal.subject;
      access.organizationId = this.visibility.organizationOf() ?? null;
      access.reason = reason;
      access.grantedAt = new Date();
      access.expiresAt = new Date(access.grantedAt.getTime() + this.config.EMERGENCY_ACCESS_MINUTES * 60_000);
      em.persist(access);
      await em.flush();
      return emergencyAccessView(access);
    });
  }
}

/**
 * The review queue (the console's alert): unreviewed accesses first, newest first. A supervisor of a contracted desk
 * sees only the accesses of their own desk; city supervisors, auditors and admins see the municipality's.
 */
@Injectable()
export class EmergencyAccessReviewUseCase {
  constructor(private readonly em: EntityManager) {}

  private scope(): { organizationId?: string } {
    const agency = TenantContext.principal()?.agency;
    return agency === undefined ? {} : { organizationId: agency };
  }

  async list(query: EmergencyAccessListQuery): Promise<ListPage<EmergencyAccessView>> {
    const page = paging(query, ['grantedAt', 'id'], '-grantedAt');
    const where: FilterQuery<EmergencyAccess> = { ...this.scope(), ...(query.reviewed === undefined ? {} : { reviewedAt: query.reviewed ? { $ne: null } : null }) };
    const [items, total] = await this.em.findAndCount(EmergencyAccess, where, {
      limit: page.limit,
      offset: page.offset,
      // Unreviewed (reviewed_at null) first: PostgreSQL sorts nulls first when descending.
      orderBy: [{ reviewedAt: 'desc nulls first' }, page.orderBy],
    });
    return listPage(items.map(emergencyAccessView), total, page);
  }

  async review(id: string, command: ReviewEmergencyAccessCommand): Promise<EmergencyAccessView> {
    return this.em.transactional(async (em) => {
      const access = await em.findOne(EmergencyAccess, { id, ...this.scope() });
      if (!access) throw DomainException.notFound('EmergencyAccess', id);
      if (access.reviewedAt) throw new DomainException(DomainErrorCode.Conflict, `Emergency access ${id} was already reviewed`);
      access.reviewedAt = new Date();
      access.reviewedBy = TenantContext.principal()?.subject ?? 'system';
      access.reviewNote = command.note?.trim() || null;
      await em.flush();
      return emergencyAccessView(access);
    });
  }
}
