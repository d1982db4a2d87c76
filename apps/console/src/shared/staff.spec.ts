import { describe, expect, it } from 'vitest';
import { staffText } from './staff';

describe('staffText', () => {
  const me = { id: 'caseworker', fullName: '屋島 健一' };

  it('shows the signed-in user by their display name, marked as oneself, never by the login id', () => {
    expect(staffText('caseworker', me, '自分')).toBe('屋島 健一（自分）');
    expect(staffText('caseworker', me, '自分')).not.toContain('caseworker');
  });

  it('falls back to 「自分」 when the token carries no display name', () => {
    expect(staffText('caseworker', { id: 'caseworker' }, '自分')).toBe('自分');
    expect(staffText('caseworker', { id: 'caseworker', fullName: 'caseworker' }, '自分')).toBe('自分');
  });

  it('shows other staff by the login id the record keeps, and nothing for no one', () => {
    expect(staffText('outreach', me, '自分')).toBe('outreach');
    expect(staffText(null, me, '自分')).toBe('');
    expect(staffText('caseworker', undefined, '自分')).toBe('caseworker');
  });
});
