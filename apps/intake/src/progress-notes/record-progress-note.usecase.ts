import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ProgressNoted } from '@tsunagu/contracts';
import { recordScopeOf } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { recordCaseSubjects } from '../access/case-subjects';
import { PersonVisibility } from '../access/person-visibility';
import { findVisibleCase } from '../cases/case.view';
import { Consultation } from '../consultations/consultation.entity';
import { Meeting } from '../meetings/meeting.entity';
import { assertMayReadMaterial } from '../meetings/meeting-access';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { ProgressNote } from './progress-note.entity';
import type { ProgressNoteView, RecordProgressNoteCommand } from './progress-note.dto';
import { progressNoteView } from './progress-note.view';

@Injectable()
export class RecordProgressNoteUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
    private readonly people: PersonVisibility,
  ) {}

  async execute(command: RecordProgressNoteCommand): Promise<ProgressNoteView> {
    if (!command.caseId === !command.consultationId) throw DomainException.invalidField('caseId', 'give either caseId or consultationId');
    return this.em.transactional(async (em) => {
      const principal = TenantContext.principal();
      const agency = principal && recordScopeOf(principal) === 'agency' ? (principal.agency ?? null) : null;
      if (command.caseId) await findVisibleCase(em, command.caseId, this.people);
      if (command.consultationId) await this.people.findVisible(em, Consultation, 'Consultation', command.consultationId, this.people.consultationFilter());
      if (command.legalBasis === 'support-meeting-106-6') {
        const meeting = command.meetingId ? await em.findOne(Meeting, { id: command.meetingId }) : null;
        if (!meeting || meeting.legalType !== 'support-meeting-106-6') {
          throw DomainException.invalidField('meetingId', 'a note under 社福法106条の6 must name the 支援会議 it was shared in');
        }
        if (agency) await assertMayReadMaterial(em, meeting);
      }
      const note = new ProgressNote();
      note.caseId = command.caseId ?? null;
      note.consultationId = command.consultationId ?? null;
      note.occurredAt = new Date(command.occurredAt);
      note.durationMin = command.durationMin ?? null;
      note.kind = command.kind;
      note.text = command.text;
      note.legalBasis = command.legalBasis;
      note.meetingId = command.legalBasis === 'support-meeting-106-6' ? (command.meetingId ?? null) : null;
      note.authorStaff = principal?.subject ?? 'system';
      // The author's desk: whose own record (自機関所掌事務) the note is.
      note.authorOrganizationId = this.people.organizationOf(principal) ?? null;
      em.persist(note);
      await em.flush();
      this.events.record(em, ProgressNoted, note.id, {
        noteId: note.id,
        caseId: note.caseId,
        consultationId: note.consultationId,
        kind: note.kind,
        legalBasis: note.legalBasis,
        authorOrganizationId: note.authorOrganizationId,
      });
      await recordCaseSubjects(em, [note.caseId], [note.consultationId]);
      return progressNoteView(note);
    });
  }
}
