import type { EntityManager } from '@mikro-orm/core';
import { HouseholdUpdated, PersonProtectionChanged, type HouseholdEventData, type PersonProtection } from '@tsunagu/contracts';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { Household } from './household.entity';
import { Person } from './person.entity';

/*
 * A person's protection (住基 DV等支援措置) is an intake fact the other services need to mask where the person
 * lives. It leaves intake as ids and codes only (PersonProtectionChanged); the household events of a household
 * with a protected member carry no district at all (districtWithheld), so no district of a protected person
 * reaches another service, reporting included.
 */

export function protectionsOf(person: Pick<Person, 'dvAddressProtection'>): PersonProtection[] {
  return person.dvAddressProtection ? ['dv-address'] : [];
}

/** Ids of the households a person is a member of (GIN index on members), in the caller's transaction. */
export async function householdIdsOf(em: EntityManager, personId: string): Promise<string[]> {
  const rows = (await em
    .getConnection()
    .execute('select id from "intake"."household" where members @> ?::jsonb order by id', [JSON.stringify([{ personId }])], 'all', em.getTransactionContext())) as { id: string }[];
  return rows.map((row) => row.id);
}

/** Publishes the person's protections now in force, with the households they extend to. */
export async function recordProtection(em: EntityManager, events: EventRecorder, person: Pick<Person, 'id' | 'dvAddressProtection'>): Promise<void> {
  events.record(em, PersonProtectionChanged, person.id, { personId: person.id, householdIds: await householdIdsOf(em, person.id), protections: protectionsOf(person) });
}

/** The household's event payload: no district when a member is protected. */
export async function householdEventData(em: EntityManager, household: Household): Promise<HouseholdEventData> {
  const ids = household.members.map((member) => member.personId);
  const withheld = ids.length > 0 && (await em.count(Person, { id: { $in: ids }, dvAddressProtection: true })) > 0;
  return {
    householdId: household.id,
    keyPersonId: household.keyPersonId,
    memberPersonIds: ids,
    districtId: withheld ? null : household.districtId,
    districtWithheld: withheld,
    careEdgeKinds: [...new Set(household.members.flatMap((member) => member.careEdges.map((edge) => edge.kind)))],
  };
}

/**
 * After a household was registered or its members changed: every protected person who joined or left it gets a
 * fresh PersonProtectionChanged (their household list changed), so receivers mask the household's records too.
 */
export async function recordMembershipProtections(em: EntityManager, events: EventRecorder, personIds: readonly string[]): Promise<void> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return;
  const protectedPeople = await em.find(Person, { id: { $in: unique }, dvAddressProtection: true }, { orderBy: { id: 'asc' } });
  for (const person of protectedPeople) await recordProtection(em, events, person);
}

/**
 * After a person's protection was set or lifted: the person's new protections, and each of their households
 * re-published (its district is withheld or disclosed again).
 */
export async function recordProtectionChange(em: EntityManager, events: EventRecorder, person: Person): Promise<void> {
  await recordProtection(em, events, person);
  const householdIds = await householdIdsOf(em, person.id);
  if (householdIds.length === 0) return;
  for (const household of await em.find(Household, { id: { $in: householdIds } }, { orderBy: { id: 'asc' } })) {
    events.record(em, HouseholdUpdated, household.id, await householdEventData(em, household));
  }
}
