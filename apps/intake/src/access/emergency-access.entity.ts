import { Entity, Index, Property } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/**
 * 緊急時アクセス (break-glass): one staff member opened one person's record without a relationship, giving a reason.
 * It opens the person to that subject only (not to their desk) until `expiresAt`, and stays for supervisors and
 * auditors to review (docs/security/access-model.md).
 */
@Entity({ tableName: 'emergency_access' })
@TenantScoped()
@Index({ name: 'emergency_access_person_actor_idx', properties: ['personId', 'actor', 'expiresAt'] })
@Index({ name: 'emergency_access_review_idx', properties: ['municipality', 'reviewedAt', 'grantedAt'] })
export class EmergencyAccess extends TenantEntity {
  @Property({ type: 'uuid' })
  personId!: string;

  /** Subject (`sub`) of the staff member who opened the record. */
  @Property({ type: 'string', length: 200 })
  actor!: string;

  /** The actor's desk at the time (null for city staff when no city desk is configured). */
  @Property({ type: 'uuid', nullable: true })
  organizationId: string | null = null;

  /** Why (緊急の理由), as the actor wrote it; shown to reviewers, never logged. */
  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'datetime' })
  grantedAt!: Date;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  reviewedAt: Date | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  reviewedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  reviewNote: string | null = null;
}
