import type { ReferralStatus } from '@tsunagu/contracts';
import { recordScopeOf } from '@tsunagu/platform-auth';
import type { Principal, Role } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';

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

export function allowedReferralActions(status: ReferralStatus, consentLapsed = false): readonly ReferralAction[] {
  // Without the consent it rested on, accepting would take the person's information on without a basis.
  return consentLapsed ? ACTIONS[status].filter((action) => action !== 'accept') : ACTIONS[status];
}

export function nextReferralStatus(from: ReferralStatus, action: ReferralAction): ReferralStatus {
  if (!ACTIONS[from].includes(action)) throw DomainException.invalidTransition('Referral', from, action, ACTIONS[from]);
  return TARGET[action];
}

/** City staff who may answer for an organisation (e.g. one without access to Tsunagu, answering by phone). */
export const REFERRAL_ANSWER_FOR_ADDRESSEE_ROLES: readonly Role[] = ['supervisor', 'admin'];

/**
 * Who answers a referral (受理 / 不受理 / 完了 / 不調): the organisation it is addressed to — its staff and
 * clients — or a supervisor or admin of the municipality. The referring side, other agencies and city
 * caseworkers only watch. No principal: the system itself (demo data, migrations).
 */
export function mayAnswerReferral(principal: Principal | undefined, toOrganizationId: string): boolean {
  if (!principal) return true;
  if (recordScopeOf(principal) === 'agency') return principal.agency === toOrganizationId;
  if (recordScopeOf(principal) !== 'municipality') return false;
  return principal.roles.some((role) => REFERRAL_ANSWER_FOR_ADDRESSEE_ROLES.includes(role));
}

export function assertMayAnswerReferral(principal: Principal | undefined, toOrganizationId: string): void {
  if (mayAnswerReferral(principal, toOrganizationId)) return;
  throw new DomainException(DomainErrorCode.Forbidden, 'Only the organisation the person was referred to, or a supervisor or admin of the municipality, can answer this referral', {
    organizationId: toOrganizationId,
  });
}
