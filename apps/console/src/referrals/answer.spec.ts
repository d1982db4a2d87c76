import { describe, expect, it } from 'vitest';
import { noteRequiredForOther } from './answer';

describe('noteRequiredForOther', () => {
  it('asks for a note with その他 only', () => {
    expect(noteRequiredForOther(undefined, { reasonCode: 'other' })).toBe('tsunagu.referral.note_required');
    expect(noteRequiredForOther('   ', { reasonCode: 'other' })).toBe('tsunagu.referral.note_required');
    expect(noteRequiredForOther('担当地区外', { reasonCode: 'other' })).toBeUndefined();
    expect(noteRequiredForOther(undefined, { reasonCode: 'no-capacity' })).toBeUndefined();
    expect(noteRequiredForOther(undefined, undefined)).toBeUndefined();
  });
});
