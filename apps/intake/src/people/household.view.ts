import type { EntityManager } from '@mikro-orm/core';
import { DomainException } from '@tsunagu/platform-errors';
import { assertExist, plainRows, type PlainRow } from '@tsunagu/platform-persistence';
import { searchText } from '@tsunagu/util-japanese-text';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import type { Household } from './household.entity';
import type { HouseholdView, UpdateHouseholdCommand } from './household.dto';
import { Person } from './person.entity';
import type { AddressVisibility } from './person.view';

/** Under 18 on `today` (the age rises at the end of the day before the birthday, DOMAIN §6.1). */
export function isMinor(birthDate: string | null, today = todayInJapan()): boolean | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number);
  const eighteenth = new Date(Date.UTC(y + 18, m - 1, d - 1)).toISOString().slice(0, 10);
  return today < eighteenth;
}

/**
 * The household as the caller may see it. Its district is where its members live, so when a member's address
 * is DV-protected the district is masked exactly as that member's own address is.
 */
export async function householdView(em: EntityManager, household: Household, visibility: AddressVisibility): Promise<HouseholdView> {
  const ids = household.members.map((member) => member.personId);
  const people = ids.length ? await em.find(Person, { id: { $in: ids } }, { fields: ['id', 'birthDate', 'dvAddressProtection'] }) : [];
  return householdViewOf(household, people, visibility);
}

/** A page of households as plain rows, with one read of their members (birth dates, protection) for the whole page. */
export async function householdListViews(em: EntityManager, households: PlainRow<Household>[], visibility: AddressVisibility): Promise<HouseholdView[]> {
  const ids = [...new Set(households.flatMap((household) => household.members.map((member) => member.personId)))];
  const people = ids.length ? await plainRows(em, Person, { id: { $in: ids } }, { fields: ['id', 'birthDate', 'dvAddressProtection'] }) : [];
  return households.map((household) => householdViewOf(household, people.filter((person) => household.members.some((member) => member.personId === person.id)), visibility));
}

type MemberFacts = Pick<Person, 'id' | 'birthDate' | 'dvAddressProtection'>;

function householdViewOf(household: PlainRow<Household>, people: readonly MemberFacts[], visibility: AddressVisibility): HouseholdView {
  const births = new Map(people.map((person) => [person.id, person.birthDate]));
  const districtMasked = household.districtId !== null && people.some((person) => !visibility.canSee(person));
  return {
    id: household.id,
    label: household.label,
    keyPersonId: household.keyPersonId,
    districtId: districtMasked ? null : household.districtId,
    districtMasked,
    jukiSetaiNumbers: [...household.jukiSetaiNumbers],
    members: household.members.map((member) => ({
      personId: member.personId,
      relationToKey: member.relationToKey,
      cohabiting: member.cohabiting,
      mainCarer: member.mainCarer,
      isMinor: isMinor(births.get(member.personId) ?? null),
      careEdges: member.careEdges.map((edge) => ({ ...edge })),
    })),
    version: household.version,
  };
}

export async function applyHouseholdFields(em: EntityManager, household: Household, fields: Omit<UpdateHouseholdCommand, 'version'>): Promise<void> {
  if (fields.label === null) throw DomainException.invalidField('label', 'label cannot be empty');
  if (fields.label !== undefined) household.label = fields.label.trim();
  if (fields.keyPersonId !== undefined) household.keyPersonId = fields.keyPersonId;
  if (fields.districtId !== undefined) household.districtId = fields.districtId;
  if (fields.jukiSetaiNumbers !== undefined) household.jukiSetaiNumbers = [...(fields.jukiSetaiNumbers ?? [])];
  if (fields.members !== undefined) {
    household.members = (fields.members ?? []).map((member) => ({
      personId: member.personId,
      relationToKey: member.relationToKey,
      cohabiting: member.cohabiting ?? true,
      mainCarer: member.mainCarer ?? false,
      careEdges: (member.careEdges ?? []).map((edge) => ({ toPersonId: edge.toPersonId, kind: edge.kind })),
    }));
  }
  const memberIds = household.members.map((member) => member.personId);
  if (new Set(memberIds).size !== memberIds.length) throw DomainException.invalidField('members', 'a person can be a member only once');
  await assertExist(em, Person, memberIds, 'members');
  if (household.keyPersonId && !memberIds.includes(household.keyPersonId)) {
    throw DomainException.invalidField('keyPersonId', 'the key person must be one of the members');
  }
  for (const [index, member] of household.members.entries()) {
    for (const edge of member.careEdges) {
      if (!memberIds.includes(edge.toPersonId) || edge.toPersonId === member.personId) {
        throw DomainException.invalidField(`members.${index}.careEdges`, 'care edges must point to another member of the household');
      }
    }
  }
  household.searchText = searchText(household.label);
}
