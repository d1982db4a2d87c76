import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { HandoverDestination, HandoverStatus } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/**
 * 引継ぎ: the target was handed over to intake. `recordId` is the id intake gives the consultation or case it
 * creates; when intake's own ConsultationReceived / CaseOpened with that id arrives the hand-over is linked.
 */
@Entity({ tableName: 'handover' })
@TenantScoped()
@Unique({ properties: ['recordId'] })
@Index({ properties: ['municipality', 'targetId'] })
export class Handover extends TenantEntity {
  @Property({ type: 'uuid' })
  targetId!: string;

  @Property({ type: 'string', length: 20 })
  destination!: HandoverDestination;

  @Property({ type: 'uuid' })
  toOrganizationId!: string;

  @Property({ type: 'uuid' })
  personId!: string;

  @Property({ type: 'uuid', nullable: true })
  householdId: string | null = null;

  /** The consent (intake's ledger id, mirrored here) that allowed it. */
  @Property({ type: 'uuid' })
  consentId!: string;

  @Property({ type: 'uuid' })
  recordId!: string;

  @Property({ type: 'string', length: 20 })
  status: HandoverStatus = 'requested';

  @Property({ type: 'datetime' })
  requestedAt: Date = new Date();

  @Property({ type: 'string', length: 200 })
  requestedBy!: string;

  @Property({ type: 'datetime', nullable: true })
  linkedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}
