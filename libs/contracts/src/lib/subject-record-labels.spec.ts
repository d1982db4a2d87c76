import { INTAKE_PERSONAL_INFORMATION_FILES } from '../intake/personal-information-files';
import { MATCHING_PERSONAL_INFORMATION_FILES } from '../matching/personal-information-files';
import { OUTREACH_PERSONAL_INFORMATION_FILES } from '../outreach/personal-information-files';
import { TECHNICAL_FIELDS } from './personal-information-files';
import { SUBJECT_RECORD_TYPE_LABELS, subjectRecordFieldLabel, subjectRecordPartLabel } from './subject-record-labels';

/** Keys inside the JSON fields of the disclosed records (the entities' embedded shapes), per record type. */
const NESTED_KEYS: Record<string, string[]> = {
  Person: ['postalCode', 'prefecture', 'municipalityName', 'machiaza', 'banchi', 'building', 'type', 'number'],
  Household: ['personId', 'relationToKey', 'cohabiting', 'mainCarer', 'careEdges', 'toPersonId', 'kind'],
  SupportPlan: ['id', 'term', 'text', 'targetDate', 'goalId', 'organizationId', 'role', 'content', 'frequency', 'start', 'end', 'isLead'],
  Evaluation: ['goalId', 'result', 'note'],
  Meeting: ['staffSubject', 'name', 'organizationId', 'caseId', 'agenda', 'decision', 'roleAssignments', 'role'],
  OutreachContact: ['kind', 'name'],
  WatchPlan: ['kind', 'subject', 'name'],
  ParticipationNeed: ['weekday', 'slot'],
};

describe('the 開示 pack’s Japanese field labels', () => {
  // The 個人情報ファイル簿 lists every stored field of each entity (each service's tests hold it to its data model).
  const files = [...INTAKE_PERSONAL_INFORMATION_FILES, ...OUTREACH_PERSONAL_INFORMATION_FILES, ...MATCHING_PERSONAL_INFORMATION_FILES];
  const technical = TECHNICAL_FIELDS.filter((field) => !['municipality', 'searchText', 'kanaKey', 'phoneDigits'].includes(field));

  it('name every stored field, and every nested key, of every record type a service discloses', () => {
    const missing: string[] = [];
    for (const type of Object.keys(SUBJECT_RECORD_TYPE_LABELS)) {
      const fields = files.flatMap((file) => file.entities[type] ?? []);
      expect({ type, declared: fields.length > 0 }).toEqual({ type, declared: true });
      for (const field of [...technical, ...fields, ...(NESTED_KEYS[type] ?? [])]) {
        const label = subjectRecordFieldLabel(type, field);
        if (!label || /[a-z]/.test(label)) missing.push(`${type}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('say a withheld part’s path in Japanese', () => {
    expect(subjectRecordPartLabel('Household', 'members[1].careEdges[0].toPersonId')).toBe('世帯員（2件目）・ケア関係（1件目）・ケアの相手');
    expect(subjectRecordPartLabel('OutreachContact', 'accompaniedBy[0].name')).toBe('同行者（1件目）・同行者の氏名');
    expect(subjectRecordPartLabel('Meeting', '*')).toBe('記録全体');
  });
});
