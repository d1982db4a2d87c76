import type { EntityManager } from '@mikro-orm/core';
import { recordScopeOf } from '@tsunagu/platform-auth';
import { TenantContext, type Principal } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { MeetingAcknowledgement } from './meeting-acknowledgement.entity';
import type { Meeting, MeetingAttendee } from './meeting.entity';

/*
 * Who receives a meeting's material — its pack, its minutes and the notes shared under 社福法106条の6 (DOMAIN
 * §7.1 access rule): the municipal secretariat that runs the meeting, and otherwise only a *person* on the
 * attendee list who acknowledged the statutory duty of confidentiality. An organisation attending is not
 * enough: its other staff and its machine clients receive nothing.
 */

type AttendeeIdentity = Pick<MeetingAttendee, 'organizationId' | 'staffSubject' | 'name'>;

/** The person an acknowledgement belongs to: their account (or, without one, their name) within their organisation. */
export function attendeeKey(attendee: AttendeeIdentity): string {
  return attendee.staffSubject ? `${attendee.organizationId}|sub:${attendee.staffSubject}` : `${attendee.organizationId}|name:${attendee.name}`;
}

export type AcknowledgementsByMeeting = Map<string, MeetingAcknowledgement[]>;

export async function loadAcknowledgements(em: EntityManager, meetingIds: readonly string[]): Promise<AcknowledgementsByMeeting> {
  const byMeeting: AcknowledgementsByMeeting = new Map(meetingIds.map((id) => [id, []]));
  if (meetingIds.length === 0) return byMeeting;
  const found = await em.find(MeetingAcknowledgement, { meetingId: { $in: [...new Set(meetingIds)] } }, { orderBy: { acknowledgedAt: 'asc' } });
  for (const acknowledgement of found) byMeeting.get(acknowledgement.meetingId)?.push(acknowledgement);
  return byMeeting;
}

export function acknowledgementOf(acknowledgements: readonly MeetingAcknowledgement[], attendee: AttendeeIdentity): MeetingAcknowledgement | undefined {
  const key = attendeeKey(attendee);
  return acknowledgements.find((acknowledgement) => acknowledgement.attendeeKey === key);
}

/** The municipal secretariat (municipality-wide staff) runs meetings and reads their material; the system too. */
export function isSecretariat(principal: Principal | undefined): boolean {
  return !principal || recordScopeOf(principal) === 'municipality';
}

/** The caller as a person on the attendee list: same account subject and, for agency staff, same organisation. */
export function callerAsAttendee(meeting: Meeting, principal: Principal | undefined): MeetingAttendee | undefined {
  if (!principal || principal.client) return undefined;
  const agency = recordScopeOf(principal) === 'agency' ? principal.agency : undefined;
  if (recordScopeOf(principal) === 'agency' && !agency) return undefined;
  return meeting.attendees.find((attendee) => attendee.staffSubject === principal.subject && (agency === undefined || attendee.organizationId === agency));
}

export function mayReadMaterial(meeting: Meeting, acknowledgements: readonly MeetingAcknowledgement[], principal = TenantContext.principal()): boolean {
  if (isSecretariat(principal)) return true;
  const attendee = callerAsAttendee(meeting, principal);
  return attendee !== undefined && acknowledgementOf(acknowledgements, attendee) !== undefined;
}

/** 403 without any of the material: the caller is not a listed attendee, or has not acknowledged confidentiality. */
export function acknowledgementRequired(meeting: Meeting): DomainException {
  return new DomainException(
    DomainErrorCode.Forbidden,
    'この会議の資料は、出席者として登録され守秘義務の確認を記録した本人にだけ提供されます (the material of this meeting is given only to listed attendees who acknowledged the duty of confidentiality)',
    { reason: 'confidentiality-acknowledgement-required', meetingId: meeting.id },
  );
}

export async function assertMayReadMaterial(em: EntityManager, meeting: Meeting): Promise<void> {
  const principal = TenantContext.principal();
  if (isSecretariat(principal)) return;
  const acknowledgements = (await loadAcknowledgements(em, [meeting.id])).get(meeting.id) ?? [];
  if (!mayReadMaterial(meeting, acknowledgements, principal)) throw acknowledgementRequired(meeting);
}
