import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { LegalBasis } from '@tsunagu/contracts';
import { recordCaseSubjects } from '../access/case-subjects';
import { PersonVisibility } from '../access/person-visibility';
import { MultiAgencyCase } from '../cases/case.entity';
import { SupportPlan } from '../plans/support-plan.entity';
import { ProgressNote } from '../progress-notes/progress-note.entity';
import type { MeetingPackView } from './meeting.dto';
import type { Meeting } from './meeting.entity';
import { assertMayReadMaterial } from './meeting-access';
import { findVisibleMeeting } from './meeting.view';

/**
 * Bases whose material a meeting's pack may carry. A consent-based meeting never receives what was shared
 * under 社福法106条の6 (nor 通報 or other statutes); a 支援会議 pack carries its own 106条の6 material.
 */
export function packBases(meeting: Meeting): LegalBasis[] {
  return meeting.legalType === 'support-meeting-106-6' ? ['consent', 'public', 'own-duty', 'support-meeting-106-6'] : ['consent', 'public'];
}

@Injectable()
export class BuildMeetingPackUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly people: PersonVisibility,
  ) {}

  async execute(id: string): Promise<MeetingPackView> {
    const meeting = await findVisibleMeeting(this.em, id, this.people);
    // Attending organisations see that the meeting exists; only acknowledged attendees (and the secretariat) get its material.
    await assertMayReadMaterial(this.em, meeting);
    const bases = packBases(meeting);
    const caseIds = meeting.cases.map((item) => item.caseId);
    const records = caseIds.length ? await this.em.find(MultiAgencyCase, { id: { $in: caseIds } }) : [];
    const notes = caseIds.length
      ? await this.em.find(
          ProgressNote,
          {
            caseId: { $in: caseIds },
            legalBasis: { $in: bases },
            // 106条の6 material belongs to the meeting it was shared in.
            $or: [{ legalBasis: { $ne: 'support-meeting-106-6' } }, { meetingId: meeting.id }],
          },
          { orderBy: { occurredAt: 'asc' } },
        )
      : [];
    await recordCaseSubjects(this.em, caseIds);
    const plans = caseIds.length ? await this.em.find(SupportPlan, { caseId: { $in: caseIds } }, { orderBy: { planVersion: 'desc' } }) : [];
    return {
      meetingId: meeting.id,
      legalType: meeting.legalType,
      includedBases: bases,
      cases: meeting.cases.map((item) => {
        const record = records.find((candidate) => candidate.id === item.caseId);
        return {
          caseId: item.caseId,
          caseNo: record?.caseNo ?? '',
          agenda: item.agenda,
          track: record?.track ?? '',
          status: record?.status ?? '',
          currentPlanId: plans.find((plan) => plan.caseId === item.caseId)?.id ?? null,
          notes: notes
            .filter((note) => note.caseId === item.caseId)
            .map((note) => ({ id: note.id, occurredAt: note.occurredAt.toISOString(), kind: note.kind, legalBasis: note.legalBasis, authorOrganizationId: note.authorOrganizationId, text: note.text })),
        };
      }),
    };
  }
}
