import type { EventContract } from '../lib/event-contract';
import { OUTREACH_EVENT_LIST } from './events';

export * from './codes';
export * from './events';
export * from './retention';

/** Events the outreach service publishes (ARCHITECTURE §2). */
export const OUTREACH_EVENTS: readonly EventContract[] = OUTREACH_EVENT_LIST;
export * from './rpc';
export * from './personal-information-files';
