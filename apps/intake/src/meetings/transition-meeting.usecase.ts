import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { MeetingCancelled, MeetingHeld, MeetingMinutesFinalised, type MeetingEventData, type EventContract, type MeetingStatus } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { assertVersion } from '@tsunagu/platform-persistence';
import { recordCaseSubjects } from '../access/case-subjects';
import { EventRecorder } from '@tsunagu/platform-messaging';
import type { AcknowledgeConfidentialityCommand, MeetingView } from './meeting.dto';
import { MeetingAcknowledgement } from './meeting-acknowledgement.entity';
import { acknowledgementOf, attendeeKey, callerAsAttendee, isSecretariat, loadAcknowledgements } from './meeting-access';
import type { MeetingAttendee } from './meeting.entity';
import { PersonVisibility } from '../access/person-visibility';
import { findVisibleMeeting, meetingEventData, meetingView } from './meeting.view';

export type MeetingAction = 'hold' | 'finalise' | 'cancel';

const MACHINE: Record<MeetingStatus, Partial<Record<MeetingAction, MeetingStatus>>> = {
  scheduled: { hold: 'held', cancel: 'cancelled' },
  held: { finalise: 'finalised' },
  finalised: {},
  cancelled: {},
};
const EVENTS: Record<MeetingAction, EventContract<MeetingEventData>> = { hold: MeetingHeld, finalise: MeetingMinutesFinalised, cancel: MeetingCancelled };

/** 予定 → 開催済 → 記録確定; 予定 → 中止. A 106条の6 meeting is held only when every attendee acknowledged confidentiality. */
@Injectable()
export class TransitionMeetingUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly people: PersonVisibility,
  ) {}

  async execute(id: string, action: MeetingAction, expectedVersion?: number): Promise<MeetingView> {
    return this.em.transactional(async (em) => {
      const meeting = await findVisibleMeeting(em, id, this.people);
      assertVersion(meeting, expectedVersion, 'Meeting');
      const next = MACHINE[meeting.status][action];
      if (!next) throw DomainException.invalidTransition('Meeting', meeting.status, action, Object.keys(MACHINE[meeting.status]));
      const acknowledgements = (await loadAcknowledgements(em, [meeting.id])).get(meeting.id) ?? [];
      if (action === 'hold' && meeting.legalType === 'support-meeting-106-6') {
        const missing = meeting.attendees.filter((attendee) => !acknowledgementOf(acknowledgements, attendee));
        if (meeting.attendees.length === 0 || missing.length > 0) {
          throw new DomainException(
            DomainErrorCode.Conflict,
            '社福法106条の6 支援会議: every attendee must acknowledge the statutory duty of confidentiality (第5項) before information is shared',
            { missingAcknowledgements: missing.map((attendee) => ({ name: attendee.name, organizationId: attendee.organizationId })) },
          );
        }
      }
      meeting.status = next;
      await em.flush();
      this.events.record(em, EVENTS[action], meeting.id, meetingEventData(meeting));
      await recordCaseSubjects(em, meeting.cases.map((item) => item.caseId));
      return meetingView(meeting, acknowledgements);
    });
  }

  /**
   * Records 守秘義務の確認 of one attending person. With no attendee named, the caller acknowledges for
   * themself and must be on the list under their own account (agency staff: under their organisation). The
   * secretariat enters a signed paper form for a named attendee. Machine clients and organisations as such
   * acknowledge nothing. Acknowledging twice keeps the first record.
   */
  async acknowledge(id: string, command: AcknowledgeConfidentialityCommand): Promise<MeetingView> {
    return this.em.transactional(async (em) => {
      const meeting = await findVisibleMeeting(em, id, this.people);
      if (meeting.status !== 'scheduled' && meeting.status !== 'held') throw DomainException.invalidTransition('Meeting', meeting.status, 'acknowledge', []);
      const principal = TenantContext.principal();
      const onBehalf = command.staffSubject !== undefined || command.name !== undefined || command.organizationId !== undefined;
      let attendee: MeetingAttendee | undefined;
      if (!onBehalf) {
        if (principal?.client) throw new DomainException(DomainErrorCode.Forbidden, '守秘義務の確認 is given by a person attending, not by a machine client', { reason: 'person-required' });
        attendee = callerAsAttendee(meeting, principal);
        if (!attendee) throw new DomainException(DomainErrorCode.Forbidden, 'You are not on the attendee list of this meeting under your account', { reason: 'not-an-attendee' });
      } else {
        if (!isSecretariat(principal)) {
          throw new DomainException(DomainErrorCode.Forbidden, 'Only the secretariat records an acknowledgement for another attendee; attendees acknowledge for themselves', { reason: 'own-acknowledgement-only' });
        }
        attendee = findAttendee(meeting.attendees, command);
      }
      const acknowledgements = (await loadAcknowledgements(em, [meeting.id])).get(meeting.id) ?? [];
      if (!acknowledgementOf(acknowledgements, attendee)) {
        const acknowledgement = new MeetingAcknowledgement();
        acknowledgement.meetingId = meeting.id;
        acknowledgement.attendeeKey = attendeeKey(attendee);
        acknowledgement.organizationId = attendee.organizationId;
        acknowledgement.staffSubject = attendee.staffSubject;
        acknowledgement.attendeeName = attendee.name;
        acknowledgement.acknowledgedAt = new Date();
        acknowledgement.method = onBehalf ? 'paper' : 'self';
        acknowledgement.recordedBy = principal?.subject ?? 'system';
        em.persist(acknowledgement);
        await em.flush();
        acknowledgements.push(acknowledgement);
      }
      await recordCaseSubjects(em, meeting.cases.map((item) => item.caseId));
      return meetingView(meeting, acknowledgements);
    });
  }
}

/** The attendee the secretariat names: by account subject (optionally within an organisation), or by name and organisation. */
function findAttendee(attendees: readonly MeetingAttendee[], command: AcknowledgeConfidentialityCommand): MeetingAttendee {
  if (command.staffSubject !== undefined) {
    const found = attendees.find((attendee) => attendee.staffSubject === command.staffSubject && (command.organizationId === undefined || attendee.organizationId === command.organizationId));
    if (!found) throw DomainException.invalidField('staffSubject', 'no attendee with this account subject');
    return found;
  }
  if (command.name === undefined || command.organizationId === undefined) throw DomainException.invalidField('name', 'name an attendee by staffSubject, or by name and organizationId');
  const found = attendees.find((attendee) => attendee.name === command.name && attendee.organizationId === command.organizationId);
  if (!found) throw DomainException.invalidField('name', 'no attendee with this name in this organisation');
  return found;
}
