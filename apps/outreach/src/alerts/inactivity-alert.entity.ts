import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { InactivityAlertStatus, RiskLevel } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/**
 * 無接触アラート: a high-risk target went N days without a successful contact. One per lapse: the lapse is
 * identified by when its clock started (the last successful contact, or discovery), and the unique key
 * makes a second raise for the same lapse impossible — on any replica.
 */
@Entity({ tableName: 'inactivity_alert' })
@TenantScoped()
@Unique({ properties: ['targetId', 'lapseStartedAt'] })
@Index({ properties: ['municipality', 'status', 'raisedAt'] })
@Index({ properties: ['municipality', 'targetId', 'status'] })
export class InactivityAlert extends TenantEntity {
  @Property({ type: 'uuid' })
  targetId!: string;

  @Property({ type: 'datetime' })
  lapseStartedAt!: Date;

  @Property({ type: 'string', length: 10 })
  status: InactivityAlertStatus = 'open';

  @Property({ type: 'datetime' })
  raisedAt!: Date;

  @Property({ type: 'integer' })
  thresholdDays!: number;

  @Property({ type: 'datetime', nullable: true })
  lastSuccessfulContactAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  clearedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  clearedByContactId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  districtId: string | null = null;

  @Property({ type: 'uuid' })
  assignedOrganizationId!: string;

  @Property({ type: 'string', length: 10 })
  riskLevel!: RiskLevel;
}
