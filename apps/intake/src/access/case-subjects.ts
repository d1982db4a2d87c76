import type { EntityManager } from '@mikro-orm/core';
import { recordAuditSubjects } from '@tsunagu/platform-audit';
import { MultiAgencyCase } from '../cases/case.entity';
import { Consultation } from '../consultations/consultation.entity';
import { Household } from '../people/household.entity';

const idsOf = (ids: Iterable<string | null | undefined>): string[] => [...new Set([...ids].filter((id): id is string => typeof id === 'string'))];

/**
 * Adds to the request's audit record the persons and households behind the cases and consultations a record names
 * ("who saw this person"): notes, plans and meetings carry only case or consultation ids, so the route's `subjects`
 * cannot tell whose data they exposed. A case exposes its household, key person and household members; a
 * consultation its person and household. Writes call it inside their transaction, before the record is committed.
 */
export async function recordCaseSubjects(em: EntityManager, caseIds: Iterable<string | null | undefined>, consultationIds: Iterable<string | null | undefined> = []): Promise<void> {
  const cases = idsOf(caseIds);
  const consultations = idsOf(consultationIds);
  const subjects: (string | null)[] = [];
  if (cases.length > 0) {
    const records = await em.find(MultiAgencyCase, { id: { $in: cases } });
    for (const record of records) subjects.push(record.householdId, record.keyPersonId);
    const households = await em.find(Household, { id: { $in: idsOf(records.map((record) => record.householdId)) } });
    for (const household of households) subjects.push(household.keyPersonId, ...household.members.map((member) => member.personId));
  }
  if (consultations.length > 0) {
    for (const consultation of await em.find(Consultation, { id: { $in: consultations } })) subjects.push(consultation.personId, consultation.householdId);
  }
  recordAuditSubjects(subjects);
}
