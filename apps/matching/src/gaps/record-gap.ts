import type { EntityManager } from '@mikro-orm/core';
import { MenuGapRecorded, type GapConstraint } from '@tsunagu/contracts';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import type { ParticipationNeed } from '../needs/participation-need.entity';
import { homeDistrictForEvents } from '../people/need-protection';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { MenuGap } from './menu-gap.entity';

/**
 * Records a menu gap (メニュー不足) for a need nothing passed: purposes, the person's district (none when protected), the times
 * they can take part and the failing constraint codes. The caller has looked for the same outcome the same day
 * (`sameGapToday`) and found none, so the per-district counts are counts of needs left without a menu, not of checks.
 */
export async function insertGap(em: EntityManager, events: EventRecorder, need: ParticipationNeed, failingConstraints: GapConstraint[]): Promise<MenuGap> {
  const recordedOn = todayInJapan();
  const gap = new MenuGap();
  gap.needId = need.id;
  gap.purposes = [...need.purposes];
  // A person under DV address protection is counted without a district (the gap and its event).
  gap.districtId = homeDistrictForEvents(need);
  gap.weekdays = [...new Set(need.availability.map((slot) => slot.weekday))];
  gap.timeSlots = [...new Set(need.availability.map((slot) => slot.slot))];
  gap.failingConstraints = [...failingConstraints];
  gap.recordedOn = recordedOn;
  em.persist(gap);
  await em.flush();
  events.record(em, MenuGapRecorded, gap.id, {
    gapId: gap.id,
    needId: gap.needId,
    purposes: [...gap.purposes],
    districtId: gap.districtId,
    districtWithheld: need.addressProtected,
    weekdays: [...gap.weekdays],
    timeSlots: [...gap.timeSlots],
    failingConstraints: [...gap.failingConstraints],
    recordedOn: gap.recordedOn,
  });
  return gap;
}

/** The gap already recorded today for the need with the same outcome (failing constraints, purposes), if any. */
export async function sameGapToday(em: EntityManager, need: ParticipationNeed, failingConstraints: readonly GapConstraint[]): Promise<MenuGap | null> {
  const latest = await em.findOne(MenuGap, { needId: need.id }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  const same = latest && latest.recordedOn === todayInJapan() && latest.failingConstraints.join() === failingConstraints.join() && latest.purposes.join() === need.purposes.join();
  return same ? latest : null;
}
