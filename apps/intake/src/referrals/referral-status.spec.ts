import { REFERRAL_STATUSES } from '@tsunagu/contracts';
import { DomainErrorCode, type DomainException } from '@tsunagu/platform-http';
import { nextReferralStatus, type ReferralAction } from './referral-status';

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
