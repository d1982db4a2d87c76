import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { plainRows } from '@tsunagu/platform-persistence';
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

/** What a new person is checked on. */
export function probeOf(person: Person): DuplicateProbe {
  return { familyNameKana: person.familyNameKana, givenNameKana: person.givenNameKana, birthDate: person.birthDate, phones: person.phones.map((phone) => phone.number) };
}

/** Candidates answered per probe: staff compare them by eye, so a handful is what helps. */
const CANDIDATE_LIMIT = 20;

/** What a probe is compared on: the normalised kana reading with the birth date, and phone digits (6 or more). */
interface DuplicateKeys {
  kanaKey: string;
  birthDate: string | null;
  digits: string[];
}

function keysOf(probe: DuplicateProbe): DuplicateKeys {
  return {
    kanaKey: kanaKeyOf(probe.familyNameKana, probe.givenNameKana),
    birthDate: probe.birthDate ?? null,
    digits: [...new Set((probe.phones ?? []).map(phoneDigitsOf).filter((value) => value.length >= 6))],
  };
}

/** On what a probe matches a person (nothing: not a candidate). The one comparison, for the database's rows and a file's. */
function matchedOn(keys: DuplicateKeys, person: DuplicateKeys): DuplicateCandidateView['matchedOn'] {
  const matched: DuplicateCandidateView['matchedOn'] = [];
  if (keys.kanaKey && keys.birthDate && person.kanaKey === keys.kanaKey && person.birthDate === keys.birthDate) matched.push('kana-birth-date');
  if (person.digits.some((value) => keys.digits.includes(value))) matched.push('phone');
  return matched;
}

/**
 * Candidates staff must look at — among the people the caller may see (`visible`, a PersonVisibility filter): a desk
 * is not told who else is known to other desks; the city's supervisors, who read city-wide, resolve duplicates across desks.
 * Candidates staff must look at before a new person is created (DOMAIN §6.3): same normalised kana
 * reading and birth date, or a shared phone number. 「ﾔﾏﾀﾞ ﾀﾛｳ」 and 「やまだ たろう」 match 「ヤマダ タロウ」.
 */
export async function findDuplicateCandidates(em: EntityManager, probe: DuplicateProbe, visible: object = {}): Promise<DuplicateCandidateView[]> {
  return (await findDuplicateCandidatesOfMany(em, [probe], visible))[0];
}

/**
 * The candidates of each probe (as findDuplicateCandidates), in one query for all of them: an import checks a batch of
 * rows at once. An `excludeId` is never a candidate of any probe.
 */
export async function findDuplicateCandidatesOfMany(em: EntityManager, probes: readonly DuplicateProbe[], visible: object = {}): Promise<DuplicateCandidateView[][]> {
  const keys = probes.map(keysOf);
  const or: FilterQuery<Person>[] = [];
  const pairs = new Set<string>();
  for (const { kanaKey, birthDate } of keys) {
    if (!kanaKey || !birthDate || pairs.has(`${kanaKey}\u0000${birthDate}`)) continue;
    pairs.add(`${kanaKey}\u0000${birthDate}`);
    or.push({ kanaKey, birthDate });
  }
  const digits = [...new Set(keys.flatMap((key) => key.digits))];
  if (digits.length > 0) or.push({ phoneDigits: { $overlap: digits } });
  if (or.length === 0) return probes.map(() => []);
  const excluded = probes.flatMap((probe) => (probe.excludeId ? [probe.excludeId] : []));
  const where: FilterQuery<Person> = { $and: [{ $or: or }, visible, ...(excluded.length > 0 ? [{ id: { $nin: excluded } }] : [])] };
  // One probe: the first CANDIDATE_LIMIT in the database. Many: every match (a person rarely matches more than a few), cut per probe below.
  const found = await plainRows(em, Person, where, { limit: probes.length === 1 ? CANDIDATE_LIMIT : undefined, orderBy: { createdAt: 'asc' } });
  return keys.map((key) => {
    const candidates: DuplicateCandidateView[] = [];
    for (const person of found) {
      const matched = matchedOn(key, { kanaKey: person.kanaKey, birthDate: person.birthDate, digits: person.phoneDigits });
      if (matched.length > 0 && candidates.length < CANDIDATE_LIMIT) candidates.push(duplicateCandidateView(person, matched));
    }
    return candidates;
  });
}

/** Probes per query when checking many (an import's file): a few hundred keep the statement small. */
const PROBES_PER_QUERY = 200;

/**
 * For new persons not yet written (an import's file, in its order): each one's candidates among the existing people
 * (one query per PROBES_PER_QUERY persons), then among the persons before it in the list, compared as above from
 * memory. Call it before writing any of them: rows written in the same transaction are invisible to the planner's
 * statistics, so a query that had to find them would scan the whole table once per batch.
 */
export async function findDuplicateCandidatesOfNew(em: EntityManager, persons: readonly Person[], visible: object = {}): Promise<DuplicateCandidateView[][]> {
  const probes = persons.map(probeOf);
  const found: DuplicateCandidateView[][] = [];
  for (let start = 0; start < probes.length; start += PROBES_PER_QUERY) {
    found.push(...(await findDuplicateCandidatesOfMany(em, probes.slice(start, start + PROBES_PER_QUERY), visible)));
  }
  const keys = probes.map(keysOf);
  // The earlier persons by kana reading and birth date, and by phone digits.
  const byKanaBirthDate = new Map<string, number[]>();
  const byDigits = new Map<string, number[]>();
  const indexed = (map: Map<string, number[]>, key: string) => map.get(key) ?? (map.set(key, []).get(key) as number[]);
  return persons.map((_, index) => {
    const key = keys[index];
    const pair = key.kanaKey && key.birthDate ? `${key.kanaKey}\u0000${key.birthDate}` : undefined;
    const earlier = new Set([...(pair ? (byKanaBirthDate.get(pair) ?? []) : []), ...key.digits.flatMap((digits) => byDigits.get(digits) ?? [])]);
    const candidates = found[index];
    for (const other of [...earlier].sort((a, b) => a - b)) {
      if (candidates.length >= CANDIDATE_LIMIT) break;
      candidates.push(duplicateCandidateView(persons[other], matchedOn(key, keys[other])));
    }
    if (pair) indexed(byKanaBirthDate, pair).push(index);
    for (const digits of key.digits) indexed(byDigits, digits).push(index);
    return candidates;
  });
}
