import { describe, expect, it } from 'vitest';
import { activeGrant, reasonProblem, rememberGrant, untilTime, type EmergencyAccessGrant } from './emergencyAccess';

const grant = (overrides: Partial<EmergencyAccessGrant> = {}): EmergencyAccessGrant => ({
  id: 'g1',
  personId: 'p1',
  actor: 'houkatsu',
  organizationId: 'org-houkatsu',
  reason: '本人が救急搬送され、家族の連絡先の確認が必要',
  grantedAt: '2026-12-03T05:00:00Z',
  expiresAt: '2026-12-03T06:00:00Z',
  reviewedAt: null,
  reviewedBy: null,
  reviewNote: null,
  ...overrides,
});

describe('emergency access (緊急時アクセス)', () => {
  it('asks for a reason of 10 to 1000 characters, as the API does', () => {
    expect(reasonProblem('')).toBe('tsunagu.emergency_access.reason_required');
    expect(reasonProblem('   ')).toBe('tsunagu.emergency_access.reason_required');
    expect(reasonProblem('救急搬送のため')).toBe('tsunagu.emergency_access.reason_short');
    expect(reasonProblem('本人が救急搬送された。')).toBeUndefined();
    expect(reasonProblem('あ'.repeat(1001))).toBe('tsunagu.emergency_access.reason_long');
  });

  it('shows the end of the access in Japan time (HH:MM)', () => {
    expect(untilTime('2026-12-03T06:00:00Z')).toBe('15:00');
    expect(untilTime('2026-12-03T14:05:00Z')).toBe('23:05');
  });

  it('keeps a grant for its person only while it lasts', () => {
    rememberGrant(grant());
    expect(activeGrant('p1', new Date('2026-12-03T05:30:00Z'))?.id).toBe('g1');
    expect(activeGrant('p2', new Date('2026-12-03T05:30:00Z'))).toBeUndefined();
    expect(activeGrant('p1', new Date('2026-12-03T06:00:00Z'))).toBeUndefined();
    expect(activeGrant('p1', new Date('2026-12-03T05:30:00Z'))).toBeUndefined();
  });
});
