import { Entity, Index, Property } from '@mikro-orm/core';
import type { AgendaItem, MeetingLegalType, MeetingStatus } from '@tsunagu/contracts';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

export interface MeetingAttendee {
  /** Staff subject when the attendee has an account; otherwise only the name as written in the minutes. */
  staffSubject: string | null;
  name: string;
  organizationId: string;
}

export interface MeetingCase {
  caseId: string;
  agenda: AgendaItem;
}

export interface MeetingDecision {
  caseId: string;
  decision: string;
  roleAssignments: { organizationId: string; role: string }[];
}

/**
 * 会議 (DOMAIN §2.5, §7.1): the legal type decides the sharing regime — a 支援会議 (社福法106条の6) shares
 * without consent under a statutory confidentiality duty; a 重層的支援会議 only with consent. The local name
 * (まるごと会議, 包括的支援会議 …) is kept apart from it.
 */
@Entity({ tableName: 'meeting' })
@TenantScoped()
@Index({ properties: ['municipality', 'legalType', 'heldAt'] })
@Index({ name: 'meeting_cases_gin', expression: 'create index "meeting_cases_gin" on "intake"."meeting" using gin ("cases" jsonb_path_ops)' })
export class Meeting extends TenantEntity {
  @Property({ type: 'string', length: 40 })
  legalType!: MeetingLegalType;

  @Property({ type: 'string', length: 100, nullable: true })
  localName: string | null = null;

  @Property({ type: 'uuid' })
  convenerOrganizationId!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  chairStaff: string | null = null;

  @Property({ type: 'datetime' })
  heldAt!: Date;

  @Property({ type: 'string', length: 200, nullable: true })
  place: string | null = null;

  @Property({ type: 'json' })
  attendees: MeetingAttendee[] = [];

  @Property({ type: 'json' })
  cases: MeetingCase[] = [];

  @Property({ type: 'json' })
  decisions: MeetingDecision[] = [];

  /** 議事録 (非公開). */
  @Property({ type: 'text', nullable: true })
  minutes: string | null = null;

  @Property({ type: 'string', length: 20 })
  status: MeetingStatus = 'scheduled';
}
