/** A household's members as the API returns them (intake HouseholdView.members). */
export interface HouseholdMember {
  personId: string;
  relationToKey: string;
  cohabiting?: boolean;
  mainCarer?: boolean;
  isMinor?: boolean;
  careEdges?: Array<{ toPersonId: string; kind: string }>;
}

/**
 * One "who cares for whom" line, as recorded on the member `fromPersonId` (HouseholdMemberDto.careEdges):
 * 介護 / 育児 / 見守り — `fromPersonId` cares for, brings up or watches over `toPersonId`;
 * 経済的依存 — `fromPersonId` depends financially on `toPersonId` (the one depended on is `toPersonId`).
 */
export interface CareRelation {
  fromPersonId: string;
  toPersonId: string;
  kind: string;
  /** The carer is a minor (ヤングケアラー) — shown prominently. */
  youngCarer: boolean;
}

/**
 * The household's care edges as relations, grouped by carer (members in household order, edges in the
 * order entered). Edges to someone outside the member list are kept: the API validated them.
 */
export function careRelations(members: readonly HouseholdMember[] | undefined): CareRelation[] {
  return (members ?? []).flatMap((member) =>
    (member.careEdges ?? []).map((edge) => ({ fromPersonId: member.personId, toPersonId: edge.toPersonId, kind: edge.kind, youngCarer: member.isMinor === true && edge.kind !== 'financial-dependency' })),
  );
}

/** Everyone a relation mentions, members first (for one `getMany` of their names). */
export function personIdsOf(members: readonly HouseholdMember[] | undefined): string[] {
  const ids = new Set<string>();
  for (const member of members ?? []) ids.add(member.personId);
  for (const relation of careRelations(members)) ids.add(relation.toPersonId);
  return [...ids];
}

/** A care relation as a sentence: text around the two people, who are rendered as links. */
export type SentencePart = { text: string } | { person: 'from' | 'to' };

const FROM = '\uE000from\uE000';
const TO = '\uE000to\uE000';

/** i18n key of the sentence of a care-edge kind (`%{from}` and `%{to}` mark the two people). */
export function sentenceKey(kind: string): string {
  return `tsunagu.household.sentence.${kind}`;
}

/**
 * Splits a translated sentence into text and the two people, in the order the language puts them:
 * `translate(sentenceKey(kind), sentenceMarkers)` then `sentenceParts(…)`.
 */
export const sentenceMarkers = { from: FROM, to: TO } as const;

export function sentenceParts(translated: string): SentencePart[] {
  return translated
    .split(/(\uE000(?:from|to)\uE000)/)
    .filter((piece) => piece !== '')
    .map((piece) => (piece === FROM ? { person: 'from' } : piece === TO ? { person: 'to' } : { text: piece }));
}

/** The sentence as plain text (for tests, titles and screen readers). */
export function sentenceText(parts: readonly SentencePart[], names: { from: string; to: string }): string {
  return parts.map((part) => ('text' in part ? part.text : names[part.person])).join('');
}
