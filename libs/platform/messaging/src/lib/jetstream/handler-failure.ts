import { ContractViolationError } from '@tsunagu/contracts';
import { isTransientDatabaseError } from '@tsunagu/platform-http';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { JetStreamError } from '@nats-io/jetstream';
import { ClosedConnectionError, ConnectionError, DrainingConnectionError, NoRespondersError, RequestError, TimeoutError } from '@nats-io/transport-node';

/**
 * What a failed event handler's error means for the message:
 * - `permanent`: the same event fails the same way on every delivery (it contradicts its contract, holds a value
 *   PostgreSQL cannot store, breaks a not-null or check constraint, or the domain refuses it as invalid or unknown). Retrying only
 *   delays the dead letter by half an hour and pins the consumer's ack floor meanwhile: dead-letter at once.
 * - `transient`: the database or the broker is briefly unavailable or busy (connection lost or refused, pool
 *   exhausted, serialization failure or deadlock, lock timeout, shutdown, NATS timeout): nak with backoff.
 * - `unknown`: anything else (a bug, a peer's error) is retried like a transient one until max deliveries: a
 *   deploy may fix it, and a dead letter after 8 deliveries is still there to replay.
 */
export type HandlerFailure = 'permanent' | 'transient' | 'unknown';

/** SQLSTATE class 22 (data exception: out of range, invalid date, …) and 23 (integrity constraint violation). */
const PERMANENT_SQLSTATE = /^(22|23)[0-9A-Z]{3}$/;
/**
 * Except a unique (23505) or foreign-key (23503) violation: that is what two consumers produce when they race on
 * one record (person.registered and person.protection-changed both creating a person's copy; an event about a row
 * another consumer is about to write). The next delivery finds the row and succeeds — dead-lettering it at once
 * would drop, say, a DV protection. They keep the backoff like `unknown` errors.
 */
const RACE_SQLSTATE = new Set(['23505', '23503']);
/** Domain refusals that no redelivery changes. */
const PERMANENT_DOMAIN_CODES: ReadonlySet<DomainErrorCode> = new Set([DomainErrorCode.ValidationFailed, DomainErrorCode.NotFound]);

export function classifyHandlerFailure(error: unknown, depth = 0): HandlerFailure {
  if (error instanceof ContractViolationError) return 'permanent';
  if (error instanceof DomainException) return PERMANENT_DOMAIN_CODES.has(error.code) ? 'permanent' : 'unknown';
  // Transient first: a connection lost mid-statement must not be mistaken for the statement's own failure.
  if (isTransientDatabaseError(error) || isNatsTimeout(error)) return 'transient';
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code === 'string' && RACE_SQLSTATE.has(code)) return 'unknown';
  if (typeof code === 'string' && PERMANENT_SQLSTATE.test(code)) return 'permanent';
  // MikroORM and Nest wrap the driver's error; judge by what caused it.
  const cause = (error as { cause?: unknown } | null | undefined)?.cause;
  if (cause !== undefined && depth < 3) return classifyHandlerFailure(cause, depth + 1);
  return 'unknown';
}

/**
 * The broker did not answer in time, is reconnecting or draining, or nobody answers a request (yet): the next
 * delivery will likely find it back. A RequestError wrapping a timeout is judged by its cause (above).
 */
const TRANSIENT_NATS_ERRORS = [TimeoutError, ConnectionError, ClosedConnectionError, DrainingConnectionError, NoRespondersError];

function isNatsTimeout(error: unknown): boolean {
  if (TRANSIENT_NATS_ERRORS.some((type) => error instanceof type)) return true;
  if (error instanceof RequestError && error.isNoResponders()) return true;
  // A pull or API request the server answered with 408 Request Timeout.
  return error instanceof JetStreamError && (error as { code?: unknown }).code === 408;
}
