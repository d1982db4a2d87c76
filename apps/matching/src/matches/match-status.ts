import type { MatchStatus } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';

/**
 * 提案 → 見学 → 体験 → 参加開始（定着支援中）→ 定着; a step may be skipped forward (見学 or 体験 are not
 * always needed), never backward; from any open status → 中断 | 終了 with a reason. 定着, 中断 and 終了 are final
 * except that a settled participation can still end (終了) later.
 */
const NEXT: Record<MatchStatus, readonly MatchStatus[]> = {
  proposed: ['visit', 'trial', 'participating', 'interrupted', 'ended'],
  visit: ['trial', 'participating', 'interrupted', 'ended'],
  trial: ['participating', 'interrupted', 'ended'],
  participating: ['settled', 'interrupted', 'ended'],
  settled: ['ended'],
  interrupted: [],
  ended: [],
};

/** Statuses in which the host knows the person: reaching one needs the consent to share with hosts. */
export const SHARED_WITH_HOST: readonly MatchStatus[] = ['visit', 'trial', 'participating', 'settled'];

/** Where follow-ups (定着支援・受入先支援) are recorded and fall due. */
export const FOLLOWED_UP: readonly MatchStatus[] = ['visit', 'trial', 'participating', 'settled'];

export const CLOSING: readonly MatchStatus[] = ['interrupted', 'ended'];

export function allowedMatchStatuses(from: MatchStatus): readonly MatchStatus[] {
  return NEXT[from];
}

export function assertMatchTransition(from: MatchStatus, to: MatchStatus): void {
  if (!NEXT[from].includes(to)) throw DomainException.invalidTransition('Match', from, `moved to ${to}`, NEXT[from]);
}
