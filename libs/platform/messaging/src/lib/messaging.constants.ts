/** Stream holding every Tsunagu event (`tsunagu.evt.>`). */
export const EVENT_STREAM = 'TSUNAGU_EVENTS';
export const EVENT_SUBJECTS = 'tsunagu.evt.>';
/** Stream of messages a consumer gave up on: `tsunagu.dlq.<consumer service>.<original subject>`. */
export const DEAD_LETTER_STREAM = 'TSUNAGU_DEAD_LETTERS';
export const DEAD_LETTER_PREFIX = 'tsunagu.dlq';

/** Headers added to a dead-lettered message (the original body and headers are kept for replay). */
export const DEAD_LETTER_HEADERS = {
  reason: 'tsunagu-dlq-reason',
  error: 'tsunagu-dlq-error',
  consumer: 'tsunagu-dlq-consumer',
  subject: 'tsunagu-dlq-subject',
  deliveries: 'tsunagu-dlq-deliveries',
  streamSequence: 'tsunagu-dlq-stream-sequence',
} as const;

/**
 * Why a message was dead-lettered: its `source` is not the service that owns its subject (forged, or published by
 * a service with too wide NATS permissions); its payload broke the contract; the handler failed in a way no
 * redelivery changes (classifyHandlerFailure); or it kept failing until CONSUMER_MAX_DELIVERIES.
 */
export type DeadLetterReason = 'source-mismatch' | 'contract-violation' | 'permanent' | 'max-deliveries';

export const NATS_CONNECTION = Symbol('TSUNAGU_NATS_CONNECTION');
export const MESSAGING_OPTIONS = Symbol('TSUNAGU_MESSAGING_OPTIONS');
export const RPC_CLIENT_PROXY = Symbol('TSUNAGU_RPC_CLIENT_PROXY');
export const RPC_CLIENT_SETTINGS = Symbol('TSUNAGU_RPC_CLIENT_SETTINGS');

/**
 * `<service>__<subject>` (names may not contain `.`, `*` or `>`): the key under which a service's inbox remembers the
 * events of one subject — and, before ADR 0016, the name of the durable consumer of that subject.
 */
export function durableName(service: string, subject: string): string {
  return `${service}__${subject.replace(/[.*>\s]/g, '_')}`;
}

/** The one durable consumer of `service` on everything `source` publishes (ADR 0016): `<service>__from__<source>`. */
export function sourceDurableName(service: string, source: string): string {
  return `${service}__from__${source}`;
}

/** Filter subject of a source's durable: every event the source publishes (one wildcard filter: NATS 2.9 too). */
export function sourceFilter(source: string): string {
  return `tsunagu.evt.${source}.>`;
}

export function deadLetterSubject(service: string, subject: string): string {
  return `${DEAD_LETTER_PREFIX}.${service}.${subject}`;
}

/** Exponential backoff from `baseMs`, doubling per attempt, capped at `maxMs`. `attempt` starts at 1. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(baseMs * 2 ** exponent, maxMs);
}
