import type { EntityManager } from '@mikro-orm/core';
import { MEETING_LEGAL_TYPE_LABELS, type MeetingEventData } from '@tsunagu/contracts';
import { assertRecordAccess } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { dateInJapan } from '@tsunagu/util-japanese-calendar';
import { findOrFail } from '@tsunagu/platform-http';
import { Meeting } from './meeting.entity';
import type { MeetingView } from './meeting.dto';

export function attendeeOrganizationIds(meeting: Meeting): string[] {
  return [...new Set([meeting.convenerOrganizationId, ...meeting.attendees.map((attendee) => attendee.organizationId)])];
}

/** Meetings are 非公開: agency callers reach only meetings their organisation convened or attends (else 404). */
export async function findVisibleMeeting(em: EntityManager, id: string): Promise<Meeting> {
  const meeting = await findOrFail(em, Meeting, 'Meeting', id);
  const principal = TenantContext.principal();
  if (principal) assertRecordAccess(principal, { municipality: meeting.municipality, organizationIds: attendeeOrganizationIds(meeting) }, { resource: 'Meeting', id });
  return meeting;
}

export function meetingView(meeting: Meeting): MeetingView {
  return {
    id: meeting.id,
    legalType: meeting.legalType,
    legalTypeLabel: MEETING_LEGAL_TYPE_LABELS[meeting.legalType],
    localName: meeting.localName,
    convenerOrganizationId: meeting.convenerOrganizationId,
    chairStaff: meeting.chairStaff,
    heldAt: meeting.heldAt.toISOString(),
    place: meeting.place,
    attendees: meeting.attendees.map((attendee) => ({ ...attendee })),
    cases: meeting.cases.map((item) => ({ ...item })),
    decisions: meeting.decisions.map((decision) => ({ ...decision, roleAssignments: decision.roleAssignments.map((role) => ({ ...role })) })),
    minutes: meeting.minutes,
    status: meeting.status,
    version: meeting.version,
  };
}

export function meetingEventData(meeting: Meeting): MeetingEventData {
  return {
    meetingId: meeting.id,
    legalType: meeting.legalType,
    status: meeting.status,
    convenerOrganizationId: meeting.convenerOrganizationId,
    heldOn: dateInJapan(meeting.heldAt),
    caseIds: meeting.cases.map((item) => item.caseId),
    attendeeOrganizationIds: [...new Set(meeting.attendees.map((attendee) => attendee.organizationId))],
  };
}
