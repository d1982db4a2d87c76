import type { NeedStatus } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';

/** 聴取中 → マッチング中 → 参加中 → 休止 / 終了; a paused need resumes matching; 終了 is final. */
const NEXT: Record<NeedStatus, readonly NeedStatus[]> = {
  hearing: ['matching', 'ended'],
  matching: ['participating', 'paused', 'ended'],
  participating: ['matching', 'paused', 'ended'],
  paused: ['matching', 'ended'],
  ended: [],
};

export function allowedNeedStatuses(from: NeedStatus): readonly NeedStatus[] {
  return NEXT[from];
}

export function assertNeedTransition(from: NeedStatus, to: NeedStatus): void {
  if (!NEXT[from].includes(to)) throw DomainException.invalidTransition('ParticipationNeed', from, `moved to ${to}`, NEXT[from]);
}
