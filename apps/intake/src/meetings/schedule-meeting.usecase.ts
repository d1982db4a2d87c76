import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { MeetingScheduled, MeetingUpdated, type MeetingLegalType } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { assertExist, assertVersion } from '@tsunagu/platform-persistence';
import { recordCaseSubjects } from '../access/case-subjects';
import { MultiAgencyCase } from '../cases/case.entity';
import { assertKnownOrganizations, listedOrganizations, type OrganizationReferences } from '@tsunagu/registry-organization-copy';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { Meeting } from './meeting.entity';
import type { MeetingView, ScheduleMeetingCommand, UpdateMeetingCommand } from './meeting.dto';
import { loadAcknowledgements } from './meeting-access';
import { PersonVisibility } from '../access/person-visibility';
import { findVisibleMeeting, meetingEventData, meetingView } from './meeting.view';

/** A 重層的支援会議 discusses only consented cases (重層 track); a 支援会議 may discuss any, without consent. */
async function assertCasesFit(em: EntityManager, legalType: MeetingLegalType, caseIds: string[]): Promise<void> {
  await assertExist(em, MultiAgencyCase, caseIds, 'cases');
  if (legalType !== 'jusou-meeting' || caseIds.length === 0) return;
  const preConsent = await em.find(MultiAgencyCase, { id: { $in: caseIds }, track: { $ne: 'consented' } }, { fields: ['id', 'caseNo'] });
  if (preConsent.length > 0) {
    throw new DomainException(
      DomainErrorCode.ConsentRequired,
      `A 重層的支援会議 discusses only cases with the person's consent; ${preConsent.map((record) => record.caseNo).join(', ')} are on the 支援会議 (106条の6) track.`,
      { errors: { cases: 'pre-consent cases cannot be discussed at a 重層的支援会議' } },
    );
  }
}

/** Organisation ids a scheduling or an edit names: convener, attendees' organisations, role assignments. */
function meetingOrganizations(fields: Omit<UpdateMeetingCommand, 'version'>): OrganizationReferences {
  return {
    convenerOrganizationId: fields.convenerOrganizationId,
    ...listedOrganizations('attendees', fields.attendees, (attendee) => attendee.organizationId),
    ...Object.fromEntries(
      (fields.decisions ?? []).flatMap((decision, index) => (decision.roleAssignments ?? []).map((role, at) => [`decisions.${index}.roleAssignments.${at}.organizationId`, role.organizationId])),
    ),
  };
}

function applyMeetingFields(meeting: Meeting, fields: Omit<UpdateMeetingCommand, 'version'>): void {
  if (fields.localName !== undefined) meeting.localName = fields.localName;
  if (fields.convenerOrganizationId !== undefined) meeting.convenerOrganizationId = fields.convenerOrganizationId;
  if (fields.chairStaff !== undefined) meeting.chairStaff = fields.chairStaff;
  if (fields.heldAt !== undefined) meeting.heldAt = new Date(fields.heldAt);
  if (fields.place !== undefined) meeting.place = fields.place;
  if (fields.attendees !== undefined) {
    // 守秘義務の確認 is never taken from here: it is recorded per person through acknowledge-confidentiality.
    meeting.attendees = (fields.attendees ?? []).map((attendee) => ({ staffSubject: attendee.staffSubject ?? null, name: attendee.name, organizationId: attendee.organizationId }));
  }
  if (fields.cases !== undefined) meeting.cases = (fields.cases ?? []).map((item) => ({ caseId: item.caseId, agenda: item.agenda }));
  if (fields.decisions !== undefined) {
    meeting.decisions = (fields.decisions ?? []).map((decision) => ({ caseId: decision.caseId, decision: decision.decision, roleAssignments: (decision.roleAssignments ?? []).map((role) => ({ ...role })) }));
  }
  if (fields.minutes !== undefined) meeting.minutes = fields.minutes;
  const caseIds = meeting.cases.map((item) => item.caseId);
  for (const [index, decision] of meeting.decisions.entries()) {
    if (!caseIds.includes(decision.caseId)) throw DomainException.invalidField(`decisions.${index}.caseId`, 'decisions can only be about cases on the agenda');
  }
}

@Injectable()
export class ScheduleMeetingUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly people: PersonVisibility,
  ) {}

  async execute(command: ScheduleMeetingCommand): Promise<MeetingView> {
    return this.em.transactional(async (em) => {
      const meeting = new Meeting();
      meeting.legalType = command.legalType;
      const { legalType: _legalType, ...fields } = command;
      await assertKnownOrganizations(em, meetingOrganizations(fields));
      applyMeetingFields(meeting, fields);
      this.assertDeskTakesPart(meeting);
      await assertCasesFit(em, meeting.legalType, meeting.cases.map((item) => item.caseId));
      em.persist(meeting);
      await em.flush();
      this.events.record(em, MeetingScheduled, meeting.id, meetingEventData(meeting));
      await recordCaseSubjects(em, meeting.cases.map((item) => item.caseId));
      return meetingView(meeting, []);
    });
  }

  async update(id: string, command: UpdateMeetingCommand, expectedVersion: number): Promise<MeetingView> {
    return this.em.transactional(async (em) => {
      const meeting = await findVisibleMeeting(em, id, this.people);
      assertVersion(meeting, expectedVersion, 'Meeting');
      if (!['scheduled', 'held'].includes(meeting.status)) throw DomainException.invalidTransition('Meeting', meeting.status, 'edit', []);
      const { version: _version, ...fields } = command;
      await assertKnownOrganizations(em, meetingOrganizations(fields));
      applyMeetingFields(meeting, fields);
      this.assertDeskTakesPart(meeting);
      await assertCasesFit(em, meeting.legalType, meeting.cases.map((item) => item.caseId));
      await em.flush();
      this.events.record(em, MeetingUpdated, meeting.id, meetingEventData(meeting));
      await recordCaseSubjects(em, meeting.cases.map((item) => item.caseId));
      return meetingView(meeting, (await loadAcknowledgements(em, [meeting.id])).get(meeting.id) ?? []);
    });
  }

  /**
   * A desk schedules (or edits) only meetings it convenes or attends: meetings are 非公開 and visible by that
   * relationship alone, so a meeting without the caller's desk would vanish from them the moment it is saved.
   */
  private assertDeskTakesPart(meeting: Meeting): void {
    if (this.people.reach().kind === 'all') return;
    const desk = this.people.organizationOf();
    if (desk !== undefined && (meeting.convenerOrganizationId === desk || meeting.attendees.some((attendee) => attendee.organizationId === desk))) return;
    throw DomainException.invalidField('convenerOrganizationId', 'your organisation must convene or attend a meeting it schedules (会議の主催または出席に自機関を含めてください)');
  }
}
