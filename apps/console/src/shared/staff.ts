/** The signed-in user as react-admin's identity gives it (subject and the id token's display name). */
export interface Me {
  id?: string | number;
  fullName?: string;
}

/**
 * A member of staff as the console shows them: the signed-in user by their display name, marked 「自分」; anyone else by
 * the login id the record keeps (there is no staff directory to look a name up in, and the services keep no names).
 */
export function staffText(subject: string | null | undefined, me: Me | undefined, selfWord: string): string {
  if (!subject) return '';
  if (me?.id === undefined || String(me.id) !== subject) return subject;
  return me.fullName && me.fullName !== subject ? `${me.fullName}（${selfWord}）` : selfWord;
}
