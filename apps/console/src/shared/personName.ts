/** What a list row shows for the person it is about (needs, matches, targets, 私の業務). */
export type PersonNameState =
  | { kind: 'hidden' }
  | { kind: 'pending' }
  | { kind: 'none' }
  | { kind: 'withheld' }
  | { kind: 'name'; text: string };

export interface PersonNameInput {
  /** The row's person id (null: a target known only by its place or household). */
  personId: unknown;
  /** Whether the user's roles may read persons at all (analysts and agencies' coordinators may not: no column). */
  canRead: boolean;
  isPending: boolean;
  /** The person as the batched `?ids=` list answered it; absent when the desk may not see them (or on an error). */
  record: { familyName?: string | null; givenName?: string | null; familyNameKana?: string | null; givenNameKana?: string | null } | undefined;
}

/** A name, else the kana, for a row: 「—（表示できません）」 (withheld) when the API did not return the person, never an error. */
export function personNameState({ personId, canRead, isPending, record }: PersonNameInput): PersonNameState {
  if (!canRead) return { kind: 'hidden' };
  if (personId === undefined || personId === null || personId === '') return { kind: 'none' };
  if (isPending) return { kind: 'pending' };
  if (!record) return { kind: 'withheld' };
  const name = [record.familyName, record.givenName].filter((part) => part).join(' ');
  const kana = [record.familyNameKana, record.givenNameKana].filter((part) => part).join(' ');
  const text = name || kana;
  return text ? { kind: 'name', text } : { kind: 'withheld' };
}
