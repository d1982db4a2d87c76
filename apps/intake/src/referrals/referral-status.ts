import type { ReferralStatus } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-http';

/** 依頼 → 受理 / 不受理; 受理 → 完了（初回接触確認） / 不調. */
export type ReferralAction = 'accept' | 'decline' | 'complete' | 'fail';

const ACTIONS: Record<ReferralStatus, readonly ReferralAction[]> = {
  requested: ['accept', 'decline'],
  accepted: ['complete', 'fail'],
  declined: [],
  completed: [],
  failed: [],
};

const TARGET: Record<ReferralAction, ReferralStatus> = { accept: 'accepted', decline: 'declined', complete: 'completed', fail: 'failed' };

export function allowedReferralActions(status: ReferralStatus): readonly ReferralAction[] {
  return ACTIONS[status];
}

export function nextReferralStatus(from: ReferralStatus, action: ReferralAction): ReferralStatus {
  if (!ACTIONS[from].includes(action)) throw DomainException.invalidTransition('Referral', from, action, ACTIONS[from]);
  return TARGET[action];
}
