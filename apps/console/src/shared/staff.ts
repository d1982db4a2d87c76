/** The signed-in user as react-admin's identity gives it (subject and the id token's display name). */
export interface Me {
  id?: string | number;
  fullName?: string;
}

/**
 * A member of staff as the console shows them: the signed-in user by their display name, marked 「自分」; anyone else by
 * the name the staff directory (職員名簿, intake `/staff`) has for the login id the record keeps — entered when they
 * signed in — and by the login id itself for someone who never signed in.
 */
export function staffText(subject: string | null | undefined, me: Me | undefined, selfWord: string, directoryName?: string | null): string {
  if (!subject) return '';
  if (me?.id === undefined || String(me.id) !== subject) return directoryName || subject;
  const name = me.fullName && me.fullName !== subject ? me.fullName : directoryName;
  return name ? `${name}（${selfWord}）` : selfWord;
}
