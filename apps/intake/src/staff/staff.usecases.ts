import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { paging } from '@tsunagu/platform-http';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { listPage, type ListPage } from '@tsunagu/platform-persistence';
import { searchPatterns } from '@tsunagu/util-japanese-text';
import { v7 as uuidv7 } from 'uuid';
import { PersonVisibility } from '../access/person-visibility';
import { StaffMember, staffSearchText } from './staff-member.entity';
import type { StaffListQuery, StaffMemberView } from './staff.dto';

export function staffMemberView(member: StaffMember): StaffMemberView {
  return {
    id: member.subject,
    subject: member.subject,
    displayName: member.displayName,
    organizationId: member.organizationId,
    lastSignedInAt: member.lastSignedInAt?.toISOString() ?? null,
  };
}

/** The signed-in member of staff enters (or refreshes) their own line of the 職員名簿 — from their token, never from a body. */
@Injectable()
export class RecordStaffSignInUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
  ) {}

  async execute(): Promise<StaffMemberView> {
    const principal = TenantContext.principal();
    if (!principal) throw new DomainException(DomainErrorCode.Unauthenticated, 'A bearer access token is required');
    if (principal.client) {
      throw new DomainException(DomainErrorCode.Forbidden, 'Machine clients are not staff: only a person signing in is listed in the staff directory');
    }
    if (!principal.displayName) {
      throw DomainException.invalidField('name', 'the access token carries no display name: the IdP must put the `name` claim in access tokens (docs/security/tokens.md)');
    }
    const displayName = principal.displayName;
    const organizationId = this.people.organizationOf(principal) ?? null;
    return this.em.transactional(async (em) => {
      // One statement (insert … on conflict), so two tabs signing in at once do not race to a unique violation; plain
      // data, so the entity's initialisers do not run (hence the id).
      const member = await em.upsert(
        StaffMember,
        { id: uuidv7(), municipality: principal.municipality, subject: principal.subject, displayName, organizationId, lastSignedInAt: new Date(), searchText: staffSearchText(displayName, principal.subject) },
        { onConflictFields: ['municipality', 'subject'], onConflictAction: 'merge', onConflictMergeFields: ['displayName', 'organizationId', 'lastSignedInAt', 'searchText', 'updatedAt'] },
      );
      return staffMemberView(member);
    });
  }
}

/** Staff by name for pickers (`q`), or the names behind a page of records' subjects (`subjects`). */
@Injectable()
export class ListStaffUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: StaffListQuery): Promise<ListPage<StaffMemberView>> {
    const page = paging(query, ['displayName', 'lastSignedInAt', 'subject'], 'displayName');
    const and: FilterQuery<StaffMember>[] = [];
    if (query.subjects) and.push({ subject: { $in: query.subjects } });
    if (query.organizationId) and.push({ organizationId: query.organizationId });
    for (const pattern of searchPatterns(query.q)) and.push({ searchText: { $like: pattern } });
    const [items, total] = await this.em.findAndCount(StaffMember, and.length ? { $and: and } : {}, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map(staffMemberView), total, page);
  }
}

@Injectable()
export class GetStaffMemberUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(subject: string): Promise<StaffMemberView> {
    const member = await this.em.findOne(StaffMember, { subject });
    if (!member) throw DomainException.notFound('StaffMember', subject);
    return staffMemberView(member);
  }
}
