import { DomainException } from '@tsunagu/platform-errors';
import { allowedNeedStatuses, assertNeedTransition } from './need-status';

describe('need status machine', () => {
  it('聴取中 → マッチング中 → 参加中 → 休止 / 終了; 休止 resumes matching; 終了 is final', () => {
    expect(allowedNeedStatuses('hearing')).toEqual(['matching', 'ended']);
    expect(allowedNeedStatuses('matching')).toEqual(['participating', 'paused', 'ended']);
    expect(allowedNeedStatuses('paused')).toEqual(['matching', 'ended']);
    expect(allowedNeedStatuses('ended')).toEqual([]);
    expect(() => assertNeedTransition('hearing', 'participating')).toThrow(DomainException);
    expect(() => assertNeedTransition('participating', 'matching')).not.toThrow();
  });
});
