import { MATCH_STATUSES, type MatchStatus } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import { allowedMatchStatuses, assertMatchTransition, CLOSING, SHARED_WITH_HOST } from './match-status';

describe('match status machine', () => {
  const order: MatchStatus[] = ['proposed', 'visit', 'trial', 'participating', 'settled'];

  it('moves forward (steps may be skipped), never back, and closes from any open status', () => {
    for (const [i, from] of order.entries()) {
      for (const [j, to] of order.entries()) {
        const allowed = j > i && !(from === 'settled') && (to !== 'settled' || from === 'participating');
        expect(allowedMatchStatuses(from).includes(to)).toBe(allowed);
      }
      expect(allowedMatchStatuses(from)).toContain('ended');
    }
    expect(allowedMatchStatuses('settled')).toEqual(['ended']);
  });

  it('中断 and 終了 are final', () => {
    for (const status of CLOSING) expect(allowedMatchStatuses(status)).toEqual([]);
    expect(() => assertMatchTransition('ended', 'visit')).toThrow(DomainException);
  });

  it('every status from 見学 on shares the person with the host (the consent gate applies)', () => {
    expect([...SHARED_WITH_HOST].sort()).toEqual(MATCH_STATUSES.filter((status) => !['proposed', 'interrupted', 'ended'].includes(status)).sort());
  });
});
