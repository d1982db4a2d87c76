import type { EntityManager } from '@mikro-orm/core';
import type { SubjectRecord, WithheldItem } from '@tsunagu/contracts';
import { recordFields } from '@tsunagu/platform-audit';
import { pgArray } from '@tsunagu/platform-persistence';
import { MultiAgencyCase } from '../cases/case.entity';
import { Consent } from '../consents/consent.entity';
import { Consultation } from '../consultations/consultation.entity';
import { MandatoryReport } from '../consultations/mandatory-report.entity';
import { Meeting } from '../meetings/meeting.entity';
import { Household } from '../people/household.entity';
import { Person } from '../people/person.entity';
import { Evaluation } from '../plans/evaluation.entity';
import { SupportPlan } from '../plans/support-plan.entity';
import { ProgressNote } from '../progress-notes/progress-note.entity';
import { Referral } from '../referrals/referral.entity';

const SUPPORT_MEETING = 'support-meeting-106-6';

export interface IntakeRecords {
  records: SubjectRecord[];
  withheld: WithheldItem[];
}

/**
 * Everything intake holds about one person for a 開示請求, and what is withheld and why:
 * - the person; the households they belong to, with the other members' entries and care edges to others withheld
 *   (第三者の情報, 法78条1項2号);
 * - their consents, consultations (where they are the person), referrals (of those consultations or naming them),
 *   cases (where they are the key person or that grew from their consultation) with plans, evaluations and progress
 *   notes; cases of their household about someone else are withheld as 第三者の情報;
 * - meetings that discussed their cases: a 支援会議 (社福法106条の6) is withheld whole (its material is confidential by
 *   statute), and so is every note written under that basis; in other meetings, other persons' cases, decisions and the
 *   minutes of a meeting that also discussed others are withheld, and attendees' names are withheld (第三者);
 * - 通報 (mandatory reports) of their consultations are withheld under 法78条1項7号 (the reporter is protected).
 */
export async function collectIntakeRecords(em: EntityManager, personId: string): Promise<IntakeRecords> {
  const records: SubjectRecord[] = [];
  const withheld: WithheldItem[] = [];
  const add = (type: string, entity: { id: string }, fields: Record<string, unknown> = recordFields(entity)) => records.push({ type, id: entity.id, fields });

  const person = await em.findOne(Person, { id: personId });
  if (person) add('Person', person);

  const households = await findByIds(em, Household, `select id from "intake"."household" where "members" @> jsonb_build_array(jsonb_build_object('personId', ?::text))`, [personId]);
  for (const household of households) {
    const fields = recordFields(household);
    fields['members'] = household.members.flatMap((member, index) => {
      if (member.personId !== personId) {
        withheld.push({
          type: 'Household',
          id: household.id,
          part: `members[${index}]`,
          ground: 'third-party',
        });
        return [];
      }
      return [
        {
          ...member,
          careEdges: member.careEdges.map((edge, edgeIndex) => {
            withheld.push({
              type: 'Household',
              id: household.id,
              part: `members[${index}].careEdges[${edgeIndex}].toPersonId`,
              ground: 'third-party',
            });
            return { ...edge, toPersonId: null };
          }),
        },
      ];
    });
    // Other members' care edges that point to the person are about the other member: withheld with their entry.
    if (household.keyPersonId !== null && household.keyPersonId !== personId) {
      fields['keyPersonId'] = null;
      withheld.push({
        type: 'Household',
        id: household.id,
        part: 'keyPersonId',
        ground: 'third-party',
      });
    }
    add('Household', household, fields);
  }
  const householdIds = households.map((household) => household.id);

  for (const consent of await em.find(Consent, { personId }, { orderBy: { obtainedAt: 'asc', id: 'asc' } })) add('Consent', consent);

  const consultations = await em.find(Consultation, { personId }, { orderBy: { receivedAt: 'asc', id: 'asc' } });
  for (const consultation of consultations) add('Consultation', consultation);
  const consultationIds = consultations.map((consultation) => consultation.id);

  if (consultationIds.length > 0) {
    for (const report of await em.find(MandatoryReport, { consultationId: { $in: consultationIds } }, { orderBy: { id: 'asc' } })) {
      withheld.push({
        type: 'MandatoryReport',
        id: report.id,
        part: '*',
        ground: 'article-78',
      });
    }
  }

  const referrals = await em.find(
    Referral,
    {
      $or: [{ personId }, ...(consultationIds.length > 0 ? [{ consultationId: { $in: consultationIds } }] : [])],
    },
    { orderBy: { referredOn: 'asc', id: 'asc' } },
  );
  for (const referral of referrals) add('Referral', referral);

  const caseWhere = [{ keyPersonId: personId }, ...(consultationIds.length > 0 ? [{ consultationId: { $in: consultationIds } }] : [])];
  const cases = await em.find(MultiAgencyCase, { $or: caseWhere }, { orderBy: { caseNo: 'asc' } });
  for (const record of cases) add('MultiAgencyCase', record);
  const caseIds = new Set(cases.map((record) => record.id));
  if (householdIds.length > 0) {
    for (const other of await em.find(MultiAgencyCase, { householdId: { $in: householdIds } }, { orderBy: { caseNo: 'asc' } })) {
      if (!caseIds.has(other.id))
        withheld.push({
          type: 'MultiAgencyCase',
          id: other.id,
          part: '*',
          ground: 'third-party',
        });
    }
  }

  const meetingsBySupport = new Map<string, boolean>();
  if (caseIds.size > 0) {
    const ids = [...caseIds];
    for (const plan of await em.find(SupportPlan, { caseId: { $in: ids } }, { orderBy: { caseId: 'asc', planVersion: 'asc' } })) add('SupportPlan', plan);
    for (const evaluation of await em.find(Evaluation, { caseId: { $in: ids } }, { orderBy: { evaluatedOn: 'asc', id: 'asc' } })) add('Evaluation', evaluation);
    const related = (
      await findByIds(em, Meeting, `select id from "intake"."meeting" m where exists (select 1 from jsonb_array_elements(m."cases") c where c->>'caseId' = any(?::text[]))`, [pgArray(ids)])
    ).sort((a, b) => a.heldAt.getTime() - b.heldAt.getTime() || a.id.localeCompare(b.id));
    for (const meeting of related) {
      const isSupportMeeting = meeting.legalType === SUPPORT_MEETING;
      meetingsBySupport.set(meeting.id, isSupportMeeting);
      if (isSupportMeeting) {
        withheld.push({
          type: 'Meeting',
          id: meeting.id,
          part: '*',
          ground: 'support-meeting-106-6',
        });
        continue;
      }
      const fields = recordFields(meeting);
      const others = meeting.cases.some((item) => !caseIds.has(item.caseId));
      fields['cases'] = meeting.cases.filter((item, index) => {
        if (caseIds.has(item.caseId)) return true;
        withheld.push({
          type: 'Meeting',
          id: meeting.id,
          part: `cases[${index}]`,
          ground: 'third-party',
        });
        return false;
      });
      fields['decisions'] = meeting.decisions.filter((decision, index) => {
        if (caseIds.has(decision.caseId)) return true;
        withheld.push({
          type: 'Meeting',
          id: meeting.id,
          part: `decisions[${index}]`,
          ground: 'third-party',
        });
        return false;
      });
      fields['attendees'] = meeting.attendees.map((attendee, index) => {
        withheld.push({
          type: 'Meeting',
          id: meeting.id,
          part: `attendees[${index}].name`,
          ground: 'third-party',
        });
        return {
          organizationId: attendee.organizationId,
          staffSubject: attendee.staffSubject,
          name: null,
        };
      });
      if (others && meeting.minutes) {
        fields['minutes'] = null;
        withheld.push({
          type: 'Meeting',
          id: meeting.id,
          part: 'minutes',
          ground: 'third-party',
        });
      }
      add('Meeting', meeting, fields);
    }
  }

  const noteWhere = [...(caseIds.size > 0 ? [{ caseId: { $in: [...caseIds] } }] : []), ...(consultationIds.length > 0 ? [{ consultationId: { $in: consultationIds } }] : [])];
  if (noteWhere.length > 0) {
    for (const note of await em.find(ProgressNote, { $or: noteWhere }, { orderBy: { occurredAt: 'asc', id: 'asc' } })) {
      const fields = recordFields(note);
      if (note.legalBasis === SUPPORT_MEETING || (note.meetingId !== null && meetingsBySupport.get(note.meetingId) === true)) {
        fields['text'] = null;
        withheld.push({
          type: 'ProgressNote',
          id: note.id,
          part: 'text',
          ground: 'support-meeting-106-6',
        });
      }
      add('ProgressNote', note, fields);
    }
  }
  return { records, withheld };
}

/** Entities whose ids a JSON containment query finds (MikroORM's filters do not reach into jsonb arrays of objects). */
async function findByIds<T extends { id: string }>(em: EntityManager, entity: new () => T, sql: string, params: unknown[]): Promise<T[]> {
  const rows = (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as {
    id: string;
  }[];
  if (rows.length === 0) return [];
  return (await em.find(entity, { id: { $in: rows.map((row) => row.id) } } as never, { orderBy: { id: 'asc' } as never })) as T[];
}
