import {
  ResourcePublished,
  ResourceResumed,
  ResourceRetired,
  ResourceSuspended,
  ResourceVerified,
  type EventContract,
  type ResourceEventData,
  type ResourceStatus,
} from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';

export type ResourceAction = 'publish' | 'suspend' | 'resume' | 'retire' | 'verify';

interface Transition {
  from: readonly ResourceStatus[];
  /** New status; `null` keeps the current one (verify only stamps the date). */
  to: ResourceStatus | null;
  event: EventContract<ResourceEventData>;
}

/**
 * 準備中 → 実施中 ⇄ 休止 → 廃止 (DOMAIN §7.4), as a table so the rules, the error message and the docs
 * all read from one place. 廃止 is final: retired records stay for history but never change again.
 */
export const RESOURCE_TRANSITIONS: Readonly<Record<ResourceAction, Transition>> = {
  publish: { from: ['preparing'], to: 'active', event: ResourcePublished },
  suspend: { from: ['active'], to: 'suspended', event: ResourceSuspended },
  resume: { from: ['suspended'], to: 'active', event: ResourceResumed },
  retire: { from: ['preparing', 'active', 'suspended'], to: 'retired', event: ResourceRetired },
  verify: { from: ['preparing', 'active', 'suspended'], to: null, event: ResourceVerified },
};

export function allowedActions(status: ResourceStatus): ResourceAction[] {
  return (Object.keys(RESOURCE_TRANSITIONS) as ResourceAction[]).filter((action) => RESOURCE_TRANSITIONS[action].from.includes(status));
}

/** The transition for `action` from `status`, or a 409 naming the action and what is allowed instead. */
export function transitionFor(status: ResourceStatus, action: ResourceAction): Transition {
  const transition = RESOURCE_TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    throw DomainException.invalidTransition('CommunityResource', status, action, allowedActions(status));
  }
  return transition;
}
