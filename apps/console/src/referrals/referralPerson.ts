/** What the person's record gives the referral page (GET /intake/persons/{id}, as the caller may read it). */
export interface ReferralPersonRecord {
  familyName?: string | null;
  givenName?: string | null;
  familyNameKana?: string | null;
  givenNameKana?: string | null;
  aliasName?: string | null;
  phones?: Array<{ type?: string; number?: string }> | null;
  address?: { postalCode?: string; prefecture?: string; municipalityName?: string; machiaza?: string; banchi?: string; building?: string } | null;
  addressRaw?: string | null;
  addressMasked?: boolean;
}

/** Why a line of the person is not shown: the record is closed to the caller, or the address is DV-protected. */
export type WithheldReason = 'not-visible' | 'dv-address';

export interface ReferralPersonLines {
  name: string | { withheld: WithheldReason };
  kana: string | { withheld: WithheldReason };
  phone: string | { withheld: WithheldReason };
  address: string | { withheld: WithheldReason };
}

/**
 * The person's name and contact as the referral page shows them: what the caller's access allows (the intake API decides
 * by the consent scope or legal basis), withheld lines named with their reason rather than left blank. `undefined`
 * record: the API did not open the person to the caller. Empty strings are "nothing recorded".
 */
export function referralPersonLines(record: ReferralPersonRecord | undefined): ReferralPersonLines {
  if (!record) {
    const withheld = { withheld: 'not-visible' as const };
    return { name: withheld, kana: withheld, phone: withheld, address: withheld };
  }
  const join = (...parts: Array<string | null | undefined>) => parts.filter((part) => part && part.trim()).join(' ');
  const name = join(record.familyName, record.givenName) || record.aliasName || '';
  const kana = join(record.familyNameKana, record.givenNameKana);
  const phone = (record.phones ?? []).map((entry) => entry.number ?? '').filter(Boolean).join('、');
  const structured = record.address ? [record.address.postalCode ? `〒${record.address.postalCode}` : '', join(record.address.prefecture, record.address.municipalityName, record.address.machiaza, record.address.banchi, record.address.building)].filter(Boolean).join(' ') : '';
  const address = record.addressMasked ? { withheld: 'dv-address' as const } : structured || record.addressRaw || '';
  return { name, kana, phone, address };
}
