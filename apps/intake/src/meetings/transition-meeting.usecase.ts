import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { MeetingCancelled, MeetingHeld, MeetingMinutesFinalised, MeetingUpdated, type MeetingEventData, type EventContract, type MeetingStatus } from '@tsunagu/contracts';
import { recordScopeOf } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-http';
import { assertVersion } from '@tsunagu/platform-persistence';
import { IntakeEvents } from '../shared/intake-events';
import type { MeetingView } from './meeting.dto';
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
    private readonly events: IntakeEvents,
  ) {}

  async execute(id: string, action: MeetingAction, expectedVersion?: number): Promise<MeetingView> {
    return this.em.transactional(async (em) => {
      const meeting = await findVisibleMeeting(em, id);
      assertVersion(meeting, expectedVersion, 'Meeting');
      const next = MACHINE[meeting.status][action];
      if (!next) throw DomainException.invalidTransition('Meeting', meeting.status, action, Object.keys(MACHINE[meeting.status]));
      if (action === 'hold' && meeting.legalType === 'support-meeting-106-6') {
        const missing = meeting.attendees.filter((attendee) => !attendee.confidentialityAckAt);
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
      await this.events.record(em, EVENTS[action], meeting.id, meetingEventData(meeting));
      return meetingView(meeting);
    });
  }

  /**
   * Records 守秘義務の確認 for the attendees of an organisation. Agency callers acknowledge for their own
   * organisation only; the secretariat records paper acknowledgements for any attendee.
   */
  async acknowledge(id: string, organizationId: string): Promise<MeetingView> {
    return this.em.transactional(async (em) => {
      const meeting = await findVisibleMeeting(em, id);
      const principal = TenantContext.principal();
      if (principal && recordScopeOf(principal) === 'agency' && principal.agency !== organizationId) {
        throw new DomainException(DomainErrorCode.Forbidden, 'An agency can acknowledge confidentiality only for its own attendees');
      }
      if (meeting.status !== 'scheduled' && meeting.status !== 'held') throw DomainException.invalidTransition('Meeting', meeting.status, 'acknowledge', []);
      const now = new Date().toISOString();
      let touched = 0;
      meeting.attendees = meeting.attendees.map((attendee) => {
        if (attendee.organizationId !== organizationId || attendee.confidentialityAckAt) return attendee;
        touched += 1;
        return { ...attendee, confidentialityAckAt: now };
      });
      if (touched === 0 && !meeting.attendees.some((attendee) => attendee.organizationId === organizationId)) {
        throw DomainException.invalidField('organizationId', 'no attendee of this organisation');
      }
      await em.flush();
      await this.events.record(em, MeetingUpdated, meeting.id, meetingEventData(meeting));
      return meetingView(meeting);
    });
  }
}
