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

type PersonChoice = { familyName?: string | null; givenName?: string | null; familyNameKana?: string | null; givenNameKana?: string | null; birthDate?: string | null };

/**
 * A person as a picker offers them: 氏名（ふりがな）・生年月日, so two 佐藤 at the desk can be told apart. The birth date is
 * formatted by the caller (和暦 or 西暦, following the toggle); a missing part is left out, never shown as 「undefined」.
 */
export function personChoiceText(record: PersonChoice, formatBirthDate: (isoDate: string) => string): string {
  const name = [record.familyName, record.givenName].filter((part) => part).join(' ');
  const kana = [record.familyNameKana, record.givenNameKana].filter((part) => part).join(' ');
  const named = name && kana ? `${name}（${kana}）` : name || kana;
  return record.birthDate ? `${named}・${formatBirthDate(record.birthDate)}` : named;
}

/** A household as a picker offers it: its label and how many members it has. */
export function householdChoiceText(record: { label?: string | null; members?: readonly unknown[] | null }, membersText: (count: number) => string): string {
  const count = record.members?.length ?? 0;
  return count ? `${record.label ?? ''}（${membersText(count)}）` : (record.label ?? '');
}
