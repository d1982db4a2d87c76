import { Entity, Index, Property } from '@mikro-orm/core';
import type { FollowUpMethod, FollowUpSide } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/** 定着支援・受入先支援記録 (DOMAIN §7.3): support after placement, for the person, the host or both. */
@Entity({ tableName: 'follow_up' })
@TenantScoped()
@Index({ properties: ['municipality', 'matchId'] })
export class FollowUp extends TenantEntity {
  @Property({ type: 'uuid' })
  matchId!: string;

  @Property({ type: 'string', length: 20 })
  side!: FollowUpSide;

  @Property({ type: 'string', length: 20 })
  method!: FollowUpMethod;

  @Property({ type: 'date' })
  heldOn!: string;

  /** 課題: what came up (staff's words; never on the bus). */
  @Property({ type: 'text', nullable: true })
  issues: string | null = null;

  /** 調整内容: what was adjusted with the person or host. */
  @Property({ type: 'text', nullable: true })
  adjustments: string | null = null;

  @Property({ type: 'date', nullable: true })
  nextDueOn: string | null = null;

  @Property({ type: 'string', length: 200 })
  staff!: string;

  @Property({ type: 'uuid', nullable: true })
  staffOrganizationId: string | null = null;
}
