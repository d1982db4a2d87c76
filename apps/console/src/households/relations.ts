/** A household's members as the API returns them (intake HouseholdView.members). */
export interface HouseholdMember {
  personId: string;
  relationToKey: string;
  cohabiting?: boolean;
  mainCarer?: boolean;
  isMinor?: boolean;
  careEdges?: Array<{ toPersonId: string; kind: string }>;
}

/** One "who cares for whom" line: `fromPersonId` cares for / depends on / watches `toPersonId`. */
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
