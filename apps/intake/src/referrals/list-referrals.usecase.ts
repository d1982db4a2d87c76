import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { paging } from '@tsunagu/platform-http';
import { listPlainRows, type ListPage } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { PersonVisibility } from '../access/person-visibility';
import { Referral } from './referral.entity';
import type { ReferralListQuery, ReferralView } from './referral.dto';
import { referralView } from './referral.view';
import { findVisibleReferral } from './transition-referral.usecase';

@Injectable()
export class ListReferralsUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
  ) {}

  async execute(query: ReferralListQuery): Promise<ListPage<ReferralView>> {
    const page = paging(query, ['referredOn', 'followUpDue', 'status', 'createdAt', 'updatedAt', 'id'], '-referredOn');
    const and: FilterQuery<Referral>[] = [
      { status: query.status, fromOrganizationId: query.fromOrganizationId, toOrganizationId: query.toOrganizationId, consultationId: query.consultationId, personId: query.personId },
    ];
    const principal = TenantContext.principal();
    // Object-level narrowing (OWASP API1), in the query: to or from the caller's desk, or about a person they see.
    and.push(this.people.referralFilter());
    if (query.overdue === true) and.push({ status: { $in: ['requested', 'accepted'] }, followUpDue: { $lt: todayInJapan() } });
    if (query.incoming === true) {
      // The desk's inbox: a caller without a desk (no agency, no city desk configured) has none.
      const desk = this.people.organizationOf(principal);
      and.push(desk === undefined ? { id: null } : { toOrganizationId: desk });
    }
    if (query.overdue === false) and.push({ $or: [{ status: { $nin: ['requested', 'accepted'] } }, { followUpDue: { $gte: todayInJapan() } }] });
    return listPlainRows(this.em, Referral, { $and: and }, page, (referral) => referralView(referral, principal));
  }
}

@Injectable()
export class GetReferralUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
  ) {}

  async execute(id: string): Promise<ReferralView> {
    return referralView(await findVisibleReferral(this.em, id, this.people), TenantContext.principal());
  }
}
