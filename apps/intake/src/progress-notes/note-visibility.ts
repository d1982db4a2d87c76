import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';
import { PersonVisibility } from '../access/person-visibility';
import { withhold, type WithholdingReason } from '../access/withholding';
import { MultiAgencyCase } from '../cases/case.entity';
import { ConsentCoverage } from '../consents/consent-coverage';
import { Consultation } from '../consultations/consultation.entity';
import { Meeting } from '../meetings/meeting.entity';
import { loadAcknowledgements, mayReadMaterial } from '../meetings/meeting-access';
import type { ProgressNote } from './progress-note.entity';
import type { ProgressNoteView } from './progress-note.dto';
import { progressNoteView } from './progress-note.view';

/**
 * Whose 支援経過 the caller reads (DOMAIN §5.1, §7.1 access rule; docs/security/access-model.md). City staff who read
 * city-wide and the system read every note. Everyone else reads their own desk's notes (own duty), public ones,
 * consent-based ones while a consent of the person covers their desk, and notes under 社福法106条の6 only as an
 * acknowledged attendee of that 支援会議 (the secretariat — city staff — too). Notes under 通報, other statutes or
 * another organisation's own duty stay with that organisation. A note the caller may not read keeps its place in the
 * list with its text withheld.
 */
@Injectable()
export class NoteVisibility {
  constructor(
    private readonly coverage: ConsentCoverage,
    private readonly people: PersonVisibility,
  ) {}

  async views(em: EntityManager, notes: ProgressNote[]): Promise<ProgressNoteView[]> {
    const reasons = await this.withheld(em, notes);
    return notes.map((note) => {
      const view = progressNoteView(note);
      const reason = reasons.get(note.id);
      return reason ? withhold(view, ['text'], reason) : view;
    });
  }

  private async withheld(em: EntityManager, notes: ProgressNote[]): Promise<Map<string, WithholdingReason>> {
    const reasons = new Map<string, WithholdingReason>();
    const principal = TenantContext.principal();
    if (this.people.reach(principal).kind === 'all') return reasons;
    const desk = this.people.organizationOf(principal) ?? null;
    const cityDesk = this.people.settings.cityDeskOrganizationId ?? null;
    const meetingIds = [...new Set(notes.map((note) => note.meetingId).filter((id): id is string => id !== null))];
    const meetings = meetingIds.length ? await em.find(Meeting, { id: { $in: meetingIds } }) : [];
    const acknowledgements = await loadAcknowledgements(em, meetingIds);
    const personOf = await this.subjects(em, notes);
    const covered = new Map<string, boolean>();
    for (const note of notes) {
      // Notes written before desks were recorded (no author organisation) are the city desk's.
      if ((note.authorOrganizationId ?? cityDesk) === desk && desk !== null) continue;
      if (note.legalBasis === 'public') continue;
      if (note.legalBasis === 'support-meeting-106-6') {
        const meeting = meetings.find((candidate) => candidate.id === note.meetingId);
        if (!meeting || !mayReadMaterial(meeting, acknowledgements.get(meeting.id) ?? [], principal)) reasons.set(note.id, 'support-meeting-attendance');
        continue;
      }
      if (note.legalBasis === 'consent') {
        const personId = personOf.get(note.id);
        if (personId && desk && !covered.has(personId)) covered.set(personId, (await this.coverage.coveringConsent(em, personId, desk)) !== null);
        if (!personId || !desk || !covered.get(personId)) reasons.set(note.id, 'consent-scope');
        continue;
      }
      reasons.set(note.id, 'other-organization-duty');
    }
    return reasons;
  }

  /** The person each note is about: the key person of its case, or the person of its consultation. */
  private async subjects(em: EntityManager, notes: ProgressNote[]): Promise<Map<string, string | null>> {
    const caseIds = [...new Set(notes.map((note) => note.caseId).filter((id): id is string => id !== null))];
    const consultationIds = [...new Set(notes.map((note) => note.consultationId).filter((id): id is string => id !== null))];
    const cases = caseIds.length ? await em.find(MultiAgencyCase, { id: { $in: caseIds } }, { fields: ['keyPersonId'] }) : [];
    const consultations = consultationIds.length ? await em.find(Consultation, { id: { $in: consultationIds } }, { fields: ['personId'] }) : [];
    return new Map(
      notes.map((note) => [
        note.id,
        cases.find((record) => record.id === note.caseId)?.keyPersonId ?? consultations.find((record) => record.id === note.consultationId)?.personId ?? null,
      ]),
    );
  }
}
