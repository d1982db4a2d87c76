import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { recordScopeOf } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { MultiAgencyCase } from '../cases/case.entity';
import { ConsentCoverage } from '../consents/consent-coverage';
import { Meeting } from '../meetings/meeting.entity';
import { loadAcknowledgements, mayReadMaterial } from '../meetings/meeting-access';
import type { ProgressNote } from './progress-note.entity';

/**
 * Who may read a note (DOMAIN §7.1 access rule). Municipal staff — the secretariat — read everything. An
 * agency reads its own notes, notes under 社福法106条の6 only when the caller is a person on the attendee list of
 * that 支援会議 who acknowledged confidentiality (not merely a member of an attending organisation), and consent-based notes only while a consent of the key person covers it. Notes under
 * 通報, other statutes or another agency's own duties are not shared with agencies.
 */
@Injectable()
export class NoteVisibility {
  constructor(private readonly coverage: ConsentCoverage) {}

  async filter(em: EntityManager, notes: ProgressNote[]): Promise<ProgressNote[]> {
    const principal = TenantContext.principal();
    if (!principal || recordScopeOf(principal) !== 'agency') return notes;
    const agency = principal.agency;
    if (!agency) return [];
    const meetingIds = [...new Set(notes.map((note) => note.meetingId).filter((id): id is string => id !== null))];
    const meetings = meetingIds.length ? await em.find(Meeting, { id: { $in: meetingIds } }) : [];
    const acknowledgements = await loadAcknowledgements(em, meetingIds);
    const caseIds = [...new Set(notes.map((note) => note.caseId).filter((id): id is string => id !== null))];
    const cases = caseIds.length ? await em.find(MultiAgencyCase, { id: { $in: caseIds } }) : [];
    const consentFor = new Map<string, boolean>();
    const visible: ProgressNote[] = [];
    for (const note of notes) {
      if (note.authorOrganizationId === agency) {
        visible.push(note);
        continue;
      }
      if (note.legalBasis === 'support-meeting-106-6') {
        const meeting = meetings.find((candidate) => candidate.id === note.meetingId);
        if (meeting && mayReadMaterial(meeting, acknowledgements.get(meeting.id) ?? [], principal)) visible.push(note);
        continue;
      }
      if (note.legalBasis === 'consent' || note.legalBasis === 'public') {
        const record = cases.find((candidate) => candidate.id === note.caseId);
        if (!record) continue;
        if (note.legalBasis === 'public') {
          visible.push(note);
          continue;
        }
        if (!consentFor.has(record.keyPersonId)) consentFor.set(record.keyPersonId, (await this.coverage.coveringConsent(em, record.keyPersonId, agency)) !== null);
        if (consentFor.get(record.keyPersonId)) visible.push(note);
      }
    }
    return visible;
  }
}
