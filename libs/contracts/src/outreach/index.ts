import type { EventContract } from '../lib/event-contract';

/** Events the outreach service publishes (ARCHITECTURE §2); filled in as the service is built. */
export const OUTREACH_EVENTS: readonly EventContract[] = [];
