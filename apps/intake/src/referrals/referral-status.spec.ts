import { REFERRAL_STATUSES } from '@tsunagu/contracts';
import type { Principal, Role } from '@tsunagu/platform-context';
import { DomainErrorCode, type DomainException } from '@tsunagu/platform-errors';
import { assertMayAnswerReferral, mayAnswerReferral, nextReferralStatus, type ReferralAction } from './referral-status';

const EXPECTED: Record<string, Partial<Record<ReferralAction, string>>> = {
  requested: { accept: 'accepted', decline: 'declined' },
  accepted: { complete: 'completed', fail: 'failed' },
  declined: {},
  completed: {},
  failed: {},
};

describe('referral status machine (every status × every action)', () => {
  for (const status of REFERRAL_STATUSES) {
    for (const action of ['accept', 'decline', 'complete', 'fail'] as ReferralAction[]) {
      const target = EXPECTED[status][action];
      it(`${status} --${action}--> ${target ?? '409'}`, () => {
        if (target) return expect(nextReferralStatus(status, action)).toBe(target);
        try {
          nextReferralStatus(status, action);
          throw new Error('expected a refusal');
        } catch (error) {
          expect((error as DomainException).code).toBe(DomainErrorCode.InvalidTransition);
          expect((error as DomainException).details['transition']).toEqual({ from: status, action, allowed: Object.keys(EXPECTED[status]) });
        }
      });
    }
  }
});

describe('who answers a referral', () => {
  const ORG = '01900000-0000-7000-8000-000000000003';
  const staff = (roles: Role[], extra: Partial<Principal> = {}): Principal => ({ subject: 's', municipality: '372013', roles, scopes: [], client: false, ...extra });

  it('the organisation referred to, or a supervisor/admin of the municipality; never a city caseworker or another agency', () => {
    expect(mayAnswerReferral(staff(['agency'], { agency: ORG }), ORG)).toBe(true);
    expect(mayAnswerReferral(staff(['caseworker'], { agency: ORG }), ORG)).toBe(true);
    expect(mayAnswerReferral(staff(['supervisor']), ORG)).toBe(true);
    expect(mayAnswerReferral(staff(['admin']), ORG)).toBe(true);
    expect(mayAnswerReferral(staff(['caseworker']), ORG)).toBe(false);
    expect(mayAnswerReferral(staff(['agency'], { agency: '01900000-0000-7000-8000-000000000004' }), ORG)).toBe(false);
    // A supervisor whose token is narrowed to own records does not answer for others.
    expect(mayAnswerReferral(staff(['supervisor'], { scopes: ['records:own'] }), ORG)).toBe(false);
    expect(() => assertMayAnswerReferral(staff(['caseworker']), ORG)).toThrow(expect.objectContaining({ code: DomainErrorCode.Forbidden }));
  });
});
