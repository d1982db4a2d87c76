import type { EntityManager } from '@mikro-orm/core';
import { MEETING_LEGAL_TYPE_LABELS, type MeetingEventData } from '@tsunagu/contracts';
import { assertRecordAccess } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { dateInJapan } from '@tsunagu/util-japanese-calendar';
import { findOrFail } from '@tsunagu/platform-persistence';
import type { PersonVisibility } from '../access/person-visibility';
import { Meeting } from './meeting.entity';
import type { MeetingAcknowledgement } from './meeting-acknowledgement.entity';
import type { MeetingView } from './meeting.dto';
import { acknowledgementOf, mayReadMaterial } from './meeting-access';

export function attendeeOrganizationIds(meeting: Meeting): string[] {
  return [...new Set([meeting.convenerOrganizationId, ...meeting.attendees.map((attendee) => attendee.organizationId)])];
}

/**
 * Meetings are 非公開 (else 404): with `people`, the desk model (the caller's desk convenes or attends, or the caller
 * reads city-wide); without, agency callers reach only meetings their organisation convened or attends.
 */
export async function findVisibleMeeting(em: EntityManager, id: string, people?: PersonVisibility): Promise<Meeting> {
  if (people) return people.findVisible(em, Meeting, 'Meeting', id, people.meetingFilter());
  const meeting = await findOrFail(em, Meeting, 'Meeting', id);
  const principal = TenantContext.principal();
  if (principal) assertRecordAccess(principal, { municipality: meeting.municipality, organizationIds: attendeeOrganizationIds(meeting) }, { resource: 'Meeting', id });
  return meeting;
}

/**
 * A meeting as the caller may see it: each attendee's 守秘義務の確認 from the acknowledgement records; the minutes
 * (非公開) only for callers who may read the meeting's material (the secretariat, acknowledged attendees).
 */
export function meetingView(meeting: Meeting, acknowledgements: readonly MeetingAcknowledgement[]): MeetingView {
  const material = mayReadMaterial(meeting, acknowledgements);
  return {
    id: meeting.id,
    legalType: meeting.legalType,
    legalTypeLabel: MEETING_LEGAL_TYPE_LABELS[meeting.legalType],
    localName: meeting.localName,
    convenerOrganizationId: meeting.convenerOrganizationId,
    chairStaff: meeting.chairStaff,
    heldAt: meeting.heldAt.toISOString(),
    place: meeting.place,
    attendees: meeting.attendees.map((attendee) => ({
      staffSubject: attendee.staffSubject,
      name: attendee.name,
      organizationId: attendee.organizationId,
      confidentialityAckAt: acknowledgementOf(acknowledgements, attendee)?.acknowledgedAt.toISOString() ?? null,
    })),
    cases: meeting.cases.map((item) => ({ ...item })),
    decisions: meeting.decisions.map((decision) => ({ ...decision, roleAssignments: decision.roleAssignments.map((role) => ({ ...role })) })),
    minutes: material ? meeting.minutes : null,
    materialWithheld: !material,
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
