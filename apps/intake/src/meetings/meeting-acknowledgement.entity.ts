import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { TenantEntity, TenantScoped } from '@tsunagu/platform-persistence';

/** How a 守秘義務の確認 reached the record: the attendee confirmed it signed in, or the secretariat entered a signed paper. */
export const ACKNOWLEDGEMENT_METHODS = ['self', 'paper'] as const;
export type AcknowledgementMethod = (typeof ACKNOWLEDGEMENT_METHODS)[number];

/**
 * 守秘義務の確認 of one person attending a meeting (社福法106条の6第5項): the attendee's account subject (or, for an
 * attendee without an account, the name in the attendee list) together with their organisation, and when. An
 * organisation acknowledges nothing: every person does, and only they receive the meeting's material.
 */
@Entity({ tableName: 'meeting_acknowledgement' })
@TenantScoped()
@Unique({ properties: ['meetingId', 'attendeeKey'] })
@Index({ properties: ['municipality', 'meetingId'] })
export class MeetingAcknowledgement extends TenantEntity {
  @Property({ type: 'uuid' })
  meetingId!: string;

  /** `organisation|sub:subject` or `organisation|name:name` (see attendeeKey). */
  @Property({ type: 'string', length: 400 })
  attendeeKey!: string;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  staffSubject: string | null = null;

  @Property({ type: 'string', length: 100 })
  attendeeName!: string;

  @Property({ type: 'datetime' })
  acknowledgedAt!: Date;

  @Property({ type: 'string', length: 10 })
  method!: AcknowledgementMethod;

  /** Subject of whoever recorded it: the attendee themself, or the secretariat entering a paper form. */
  @Property({ type: 'string', length: 200 })
  recordedBy!: string;
}
