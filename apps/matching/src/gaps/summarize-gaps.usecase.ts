import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { paging } from '@tsunagu/platform-http';
import { listPage, type ListPage } from '@tsunagu/platform-persistence';
import type { CodeCount, DistrictGapView, GapListQuery, GapSummaryQuery, GapSummaryView, GapView } from './gap.dto';
import { MenuGap } from './menu-gap.entity';

const byCount = (counts: Map<string, number>): CodeCount[] =>
  [...counts.entries()].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
const bump = (counts: Map<string, number>, code: string): void => {
  counts.set(code, (counts.get(code) ?? 0) + 1);
};

/** Menu gaps per district (メニュー不足の地区別集計): where menus are missing, for whom and why. */
@Injectable()
export class SummarizeGapsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GapSummaryQuery): Promise<GapSummaryView> {
    const where: FilterQuery<MenuGap> = { municipality: TenantContext.requireMunicipality() };
    if (query.fiscalYear !== undefined) where.recordedOn = { $gte: `${query.fiscalYear}-04-01`, $lt: `${query.fiscalYear + 1}-04-01` };
    if (query.purpose) where.purposes = { $contains: [query.purpose] };
    // Only the coded columns are read; a year of gaps per municipality is a few thousand rows at most.
    const rows = await this.em.find(MenuGap, where, { fields: ['needId', 'districtId', 'purposes', 'weekdays', 'timeSlots', 'failingConstraints'], orderBy: { id: 'asc' } });
    const districts = new Map<string, { districtId: string | null; gaps: number; needs: Set<string>; constraints: Map<string, number>; purposes: Map<string, number>; times: Map<string, number> }>();
    for (const gap of rows) {
      const key = gap.districtId ?? '';
      let entry = districts.get(key);
      if (!entry) {
        entry = { districtId: gap.districtId, gaps: 0, needs: new Set(), constraints: new Map(), purposes: new Map(), times: new Map() };
        districts.set(key, entry);
      }
      entry.gaps += 1;
      entry.needs.add(gap.needId);
      for (const code of gap.failingConstraints) bump(entry.constraints, code);
      for (const code of gap.purposes) bump(entry.purposes, code);
      for (const weekday of gap.weekdays) for (const slot of gap.timeSlots) bump(entry.times, `${weekday}:${slot}`);
    }
    const items: DistrictGapView[] = [...districts.values()]
      .map((entry) => ({ districtId: entry.districtId, gaps: entry.gaps, needs: entry.needs.size, constraints: byCount(entry.constraints), purposes: byCount(entry.purposes), times: byCount(entry.times) }))
      .sort((a, b) => b.needs - a.needs || b.gaps - a.gaps || String(a.districtId).localeCompare(String(b.districtId)));
    return { fiscalYear: query.fiscalYear ?? null, items };
  }
}

@Injectable()
export class ListGapsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: GapListQuery): Promise<ListPage<GapView>> {
    const page = paging(query, ['recordedOn', 'createdAt', 'id'], '-recordedOn');
    const where: FilterQuery<MenuGap> = { districtId: query.districtId, needId: query.needId };
    if (query.constraint) where.failingConstraints = { $contains: [query.constraint] };
    const [items, total] = await this.em.findAndCount(MenuGap, where, { limit: page.limit, offset: page.offset, orderBy: page.orderBy });
    return listPage(
      items.map((gap) => ({
        id: gap.id,
        needId: gap.needId,
        purposes: [...gap.purposes],
        districtId: gap.districtId,
        weekdays: [...gap.weekdays],
        timeSlots: [...gap.timeSlots],
        failingConstraints: [...gap.failingConstraints],
        recordedOn: gap.recordedOn,
      })),
      total,
      page,
    );
  }
}
