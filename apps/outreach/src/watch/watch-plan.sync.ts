import type { EntityManager } from '@mikro-orm/core';
import { addDays, dateInJapan } from '@tsunagu/util-japanese-calendar';
import type { OutreachTarget } from '../targets/outreach-target.entity';
import { WatchPlan, type Watcher } from './watch-plan.entity';

/** Staff who count a plan's visits as theirs: staff watchers plus the target's assigned staff. */
export function staffSubjectsOf(watchers: readonly Watcher[], target: OutreachTarget): string[] {
  const subjects = watchers.filter((watcher) => watcher.kind === 'staff' && watcher.subject).map((watcher) => watcher.subject as string);
  return [...new Set([...subjects, ...target.assignedStaff])];
}

/** The next visit: the later of the last contact and the plan's start, plus the cadence. */
export function nextDueOf(plan: Pick<WatchPlan, 'startedOn' | 'cadenceDays'>, lastContactAt: Date | null): string {
  const last = lastContactAt ? dateInJapan(lastContactAt) : null;
  const from = last && last > plan.startedOn ? last : plan.startedOn;
  return addDays(from, plan.cadenceDays);
}

/** Keeps the copy of the target's district, organisation, staff and last contact on its plan current; ends it when the target closes. */
export async function syncWatchPlan(em: EntityManager, target: OutreachTarget): Promise<WatchPlan | null> {
  const plan = await em.findOne(WatchPlan, { targetId: target.id });
  if (!plan) return null;
  plan.districtId = target.districtId;
  plan.assignedOrganizationId = target.assignedOrganizationId;
  plan.staffSubjects = staffSubjectsOf(plan.watchers, target);
  plan.nextDueOn = nextDueOf(plan, target.lastContactAt);
  if (target.stage === 'closed') plan.active = false;
  await em.flush();
  return plan;
}
