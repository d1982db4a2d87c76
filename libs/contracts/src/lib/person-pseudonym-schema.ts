import type { JsonSchema } from './event-contract';

/**
 * The pseudonymous person key events carry for reporting's 実人数 (HMAC-SHA256 of municipality and person id
 * under REPORTING_PSEUDONYM_KEY, base64url: libs/util/pseudonym stamps it). Optional in every schema: events
 * published before it existed still validate when a rebuild replays them. Null when the event names no person.
 */
export const personPseudonymSchema: JsonSchema = {
  anyOf: [{ type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' }, { type: 'null' }],
  description: 'Pseudonymous person key (keyed hash per municipality; not reversible without the key). Reporting counts 実人数 with it and never sees the person id.',
};
