import { Entity, Index, Property } from '@mikro-orm/core';
import type { LegalBasis, NoteKind } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/**
 * 支援経過記録. Every note carries the legal basis it came in under; a note under 社福法106条の6 names
 * its 支援会議 and is shown only to that meeting's attendees and the municipal secretariat.
 */
@Entity({ tableName: 'progress_note' })
@TenantScoped()
@Index({ properties: ['municipality', 'caseId', 'occurredAt'] })
@Index({ properties: ['municipality', 'consultationId', 'occurredAt'] })
export class ProgressNote extends TenantEntity {
  @Property({ type: 'uuid', nullable: true })
  caseId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  consultationId: string | null = null;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Property({ type: 'integer', nullable: true })
  durationMin: number | null = null;

  @Property({ type: 'string', length: 30 })
  kind!: NoteKind;

  @Property({ type: 'string', length: 200 })
  authorStaff!: string;

  @Property({ type: 'uuid', nullable: true })
  authorOrganizationId: string | null = null;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'string', length: 30 })
  legalBasis!: LegalBasis;

  /** The 支援会議 a 106条の6 note belongs to. */
  @Property({ type: 'uuid', nullable: true })
  meetingId: string | null = null;
}
