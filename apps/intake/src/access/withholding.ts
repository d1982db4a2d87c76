import { ApiProperty } from '@nestjs/swagger';

/**
 * Why a field of a record is withheld from the caller (docs/security/access-model.md, 項目単位の非開示):
 * - `consent-scope`: no consent of the person covers the caller's desk (本人同意の範囲外);
 * - `support-meeting-attendance`: shared under 社福法106条の6 in a 支援会議 the caller did not attend as an acknowledged attendee;
 * - `other-organization-duty`: held by another organisation under its own duty, a 通報 or another statute.
 */
export const WITHHOLDING_REASONS = ['consent-scope', 'support-meeting-attendance', 'other-organization-duty'] as const;
export type WithholdingReason = (typeof WITHHOLDING_REASONS)[number];

/** One withheld field: present in the record with the value null, and named here with the reason. */
export class WithheldFieldView {
  @ApiProperty({ example: 'text' }) field!: string;
  @ApiProperty({ enum: WITHHOLDING_REASONS }) reason!: WithholdingReason;
}

/** The record with `fields` set to null and listed in `withheldFields` (never dropped silently). */
export function withhold<T extends { withheldFields: WithheldFieldView[] }>(view: T, fields: readonly (keyof T & string)[], reason: WithholdingReason): T {
  const copy: T = { ...view, withheldFields: [...view.withheldFields] };
  for (const field of fields) {
    (copy as Record<string, unknown>)[field] = null;
    copy.withheldFields.push({ field, reason });
  }
  return copy;
}
