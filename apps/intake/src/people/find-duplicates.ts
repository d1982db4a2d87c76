import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { plainRows } from '@tsunagu/platform-http';
import { Person, kanaKeyOf, phoneDigitsOf } from './person.entity';
import type { DuplicateCandidateView } from './person.dto';
import { duplicateCandidateView } from './person.view';

export interface DuplicateProbe {
  familyNameKana?: string | null;
  givenNameKana?: string | null;
  birthDate?: string | null;
  phones?: readonly string[];
  excludeId?: string;
}

/**
 * Candidates staff must look at — among the people the caller may see (`visible`, a PersonVisibility filter): a desk
 * is not told who else is known to other desks; the city's supervisors, who read city-wide, resolve duplicates across desks.
 * Candidates staff must look at before a new person is created (DOMAIN §6.3): same normalised kana
 * reading and birth date, or a shared phone number. 「ﾔﾏﾀﾞ ﾀﾛｳ」 and 「やまだ たろう」 match 「ヤマダ タロウ」.
 */
export async function findDuplicateCandidates(em: EntityManager, probe: DuplicateProbe, visible: object = {}): Promise<DuplicateCandidateView[]> {
  const kanaKey = kanaKeyOf(probe.familyNameKana, probe.givenNameKana);
  const digits = [...new Set((probe.phones ?? []).map(phoneDigitsOf).filter((value) => value.length >= 6))];
  const or: FilterQuery<Person>[] = [];
  if (kanaKey && probe.birthDate) or.push({ kanaKey, birthDate: probe.birthDate });
  if (digits.length > 0) or.push({ phoneDigits: { $overlap: digits } });
  if (or.length === 0) return [];
  const where: FilterQuery<Person> = { $and: [{ $or: or }, visible, ...(probe.excludeId ? [{ id: { $ne: probe.excludeId } }] : [])] };
  const found = await plainRows(em, Person, where, { limit: 20, orderBy: { createdAt: 'asc' } });
  return found.map((person) => {
    const matchedOn: DuplicateCandidateView['matchedOn'] = [];
    if (kanaKey && probe.birthDate && person.kanaKey === kanaKey && person.birthDate === probe.birthDate) matchedOn.push('kana-birth-date');
    if (person.phoneDigits.some((value) => digits.includes(value))) matchedOn.push('phone');
    return duplicateCandidateView(person, matchedOn);
  });
}
