import { describe, expect, it } from 'vitest';
import { staffText } from './staff';

describe('staffText', () => {
  const me = { id: 'caseworker', fullName: '屋島 健一' };

  it('shows the signed-in user by their display name, marked as oneself, never by the login id', () => {
    expect(staffText('caseworker', me, '自分')).toBe('屋島 健一（自分）');
    expect(staffText('caseworker', me, '自分')).not.toContain('caseworker');
  });

  it('falls back to the directory, then to 「自分」, when the token carries no display name', () => {
    expect(staffText('caseworker', { id: 'caseworker' }, '自分', '屋島 健一')).toBe('屋島 健一（自分）');
    expect(staffText('caseworker', { id: 'caseworker' }, '自分')).toBe('自分');
    expect(staffText('caseworker', { id: 'caseworker', fullName: 'caseworker' }, '自分')).toBe('自分');
  });

  it('shows other staff by their name in the staff directory', () => {
    expect(staffText('supervisor', me, '自分', '栗林 恵子')).toBe('栗林 恵子');
    expect(staffText('supervisor', undefined, '自分', '栗林 恵子')).toBe('栗林 恵子');
  });

  it('shows by login id only someone the directory does not know (never signed in), and nothing for no one', () => {
    expect(staffText('outreach', me, '自分')).toBe('outreach');
    expect(staffText('outreach', me, '自分', null)).toBe('outreach');
    expect(staffText(null, me, '自分', '栗林 恵子')).toBe('');
    expect(staffText('caseworker', undefined, '自分')).toBe('caseworker');
  });
});
