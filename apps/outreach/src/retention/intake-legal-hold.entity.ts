import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { LegalHoldReason } from '@tsunagu/contracts';
import { TenantScoped } from '@tsunagu/platform-persistence';

/**
 * A legal hold placed in intake, by the person it holds (legal-hold.placed / released, ADR 0019): while in force no
 * target of the person is listed or destroyed here. Ids and codes only; placed and released in intake, never here.
 */
@Entity({ tableName: 'intake_legal_hold' })
@TenantScoped()
@Index({ properties: ['municipality', 'personId'] })
export class IntakeLegalHold {
  /** Intake's hold id. */
  @PrimaryKey({ type: 'uuid' })
  holdId!: string;

  @Property({ type: 'string', length: 6 })
  municipality!: string;

  @Property({ type: 'uuid' })
  personId!: string;

  @Property({ type: 'string', length: 30 })
  reason!: LegalHoldReason;

  @Property({ type: 'date', nullable: true })
  until: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  releasedAt: Date | null = null;
}
