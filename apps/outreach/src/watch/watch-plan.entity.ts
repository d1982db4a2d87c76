import { ArrayType, Entity, Index, JsonType, Property, Unique } from '@mikro-orm/core';
import type { WatcherKind } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

export interface Watcher {
  kind: WatcherKind;
  /** Staff subject (login) for kind staff; lets "my overdue visits" find the plan. */
  subject: string | null;
  /** Display name (民生委員, volunteer); kept here only. */
  name: string | null;
}

/**
 * ゆるやかな見守り: visit the target every `cadenceDays`. `nextDueOn` is the last contact (or the start)
 * plus the cadence; district, organisation and staff are copied from the target so overdue lists read
 * one indexed table.
 */
@Entity({ tableName: 'watch_plan' })
@TenantScoped()
@Unique({ properties: ['municipality', 'targetId'] })
@Index({ name: 'watch_plan_district_due_index', expression: `create index "watch_plan_district_due_index" on "outreach"."watch_plan" ("municipality", "district_id", "next_due_on") where "active"` })
@Index({ name: 'watch_plan_org_due_index', expression: `create index "watch_plan_org_due_index" on "outreach"."watch_plan" ("municipality", "assigned_organization_id", "next_due_on") where "active"` })
@Index({ name: 'watch_plan_staff_gin', expression: `create index "watch_plan_staff_gin" on "outreach"."watch_plan" using gin ("staff_subjects") where "active"` })
export class WatchPlan extends TenantEntity {
  @Property({ type: 'uuid' })
  targetId!: string;

  @Property({ type: 'integer' })
  cadenceDays!: number;

  @Property({ type: JsonType })
  watchers: Watcher[] = [];

  @Property({ type: 'boolean' })
  active = true;

  @Property({ type: 'date' })
  startedOn!: string;

  @Property({ type: 'date' })
  nextDueOn!: string;

  /** The due date an overdue event was published for (once per due date). */
  @Property({ type: 'date', nullable: true })
  overdueNotifiedFor: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  districtId: string | null = null;

  @Property({ type: 'uuid' })
  assignedOrganizationId!: string;

  /** Staff watchers plus the target's assigned staff. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  staffSubjects: string[] = [];
}
