/** What a referral's reason dialog sends: a code, and a note that is required with その他 (the API's rule). */
export interface ReferralReasonValues {
  reasonCode?: string;
  note?: string;
}

/** react-admin validator of the note: required when the reason is その他 (`other`), optional otherwise. */
export function noteRequiredForOther(value: unknown, values: ReferralReasonValues | undefined): string | undefined {
  if (values?.reasonCode !== 'other') return undefined;
  return typeof value === 'string' && value.trim() !== '' ? undefined : 'tsunagu.referral.note_required';
}
