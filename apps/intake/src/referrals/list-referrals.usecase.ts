import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { recordFilterOf } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { listPage, paging, type ListPage } from '@tsunagu/platform-http';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { Referral } from './referral.entity';
import type { ReferralListQuery, ReferralView } from './referral.dto';
import { referralView } from './referral.view';
import { findVisibleReferral } from './transition-referral.usecase';

@Injectable()
export class ListReferralsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: ReferralListQuery): Promise<ListPage<ReferralView>> {
    const page = paging(query, ['referredOn', 'followUpDue', 'status', 'createdAt', 'updatedAt', 'id'], '-referredOn');
    const and: FilterQuery<Referral>[] = [
      { status: query.status, fromOrganizationId: query.fromOrganizationId, toOrganizationId: query.toOrganizationId, consultationId: query.consultationId, personId: query.personId },
    ];
    const principal = TenantContext.principal();
    const scope = principal ? recordFilterOf(principal) : { scope: 'municipality' as const };
    // Object-level narrowing (OWASP API1): an agency lists only referrals to or from itself.
    if (scope.scope === 'agency') and.push({ $or: [{ fromOrganizationId: scope.agency }, { toOrganizationId: scope.agency }] });
    if (query.overdue === true) and.push({ status: { $in: ['requested', 'accepted'] }, followUpDue: { $lt: todayInJapan() } });
    if (query.overdue === false) and.push({ $or: [{ status: { $nin: ['requested', 'accepted'] } }, { followUpDue: { $gte: todayInJapan() } }] });
    const [items, total] = await this.em.findAndCount(Referral, { $and: and }, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(items.map((referral) => referralView(referral, principal)), total, page);
  }
}

@Injectable()
export class GetReferralUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string): Promise<ReferralView> {
    return referralView(await findVisibleReferral(this.em, id), TenantContext.principal());
  }
}
