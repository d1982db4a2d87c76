import type { EventContract } from '../lib/event-contract';

/** Events the matching service publishes (ARCHITECTURE §2); filled in as the service is built. */
export const MATCHING_EVENTS: readonly EventContract[] = [];
