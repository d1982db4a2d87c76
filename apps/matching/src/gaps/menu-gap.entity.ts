import { ArrayType, Entity, Index, Property } from '@mikro-orm/core';
import type { GapConstraint, ParticipationPurpose, TimeSlot, Weekday } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/** メニュー不足: a need no opportunity passed, with the hard constraints that removed them. */
@Entity({ tableName: 'menu_gap' })
@TenantScoped()
@Index({ properties: ['municipality', 'districtId', 'recordedOn'] })
@Index({ properties: ['municipality', 'needId'] })
export class MenuGap extends TenantEntity {
  @Property({ type: 'uuid' })
  needId!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  purposes: ParticipationPurpose[] = [];

  @Property({ type: 'uuid', nullable: true })
  districtId: string | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  weekdays: Weekday[] = [];

  @Property({ type: ArrayType, columnType: 'text[]' })
  timeSlots: TimeSlot[] = [];

  @Property({ type: ArrayType, columnType: 'text[]' })
  failingConstraints: GapConstraint[] = [];

  @Property({ type: 'date' })
  recordedOn!: string;
}
