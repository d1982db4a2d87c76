import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import {
  ConnectionException,
  DeadlockException,
  DriverException,
  LockWaitTimeoutException,
  ForeignKeyConstraintViolationException,
  NotFoundError,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { StaleVersionError } from '@tsunagu/platform-persistence';
import { TenantContext } from '@tsunagu/platform-context';
import { loggableError } from '@tsunagu/platform-observability';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { codeForStatus, PROBLEM_CONTENT_TYPE, problemFor, problemType, type ProblemDetails } from './problem-details';

const logger = new Logger('ProblemDetails');

/** Turns any error into RFC 9457 problem details. Unknown errors become a 500 carrying only an errorId. */
export function toProblem(error: unknown, request?: { headers: Record<string, unknown>; url?: string }): ProblemDetails {
  if (error instanceof DomainException) {
    return problemFor(error.code, error.message, error.details);
  }
  if (error instanceof StaleVersionError || error instanceof OptimisticLockError) {
    const ifMatch = request?.headers['if-match'] !== undefined;
    const code = ifMatch ? DomainErrorCode.PreconditionFailed : DomainErrorCode.StaleVersion;
    const detail =
      error instanceof StaleVersionError
        ? error.message
        : 'The record was changed by someone else since you loaded it; reload and apply your change again';
    return problemFor(code, detail, error instanceof StaleVersionError ? { currentVersion: error.actual } : {});
  }
  if (error instanceof NotFoundError) {
    return problemFor(DomainErrorCode.NotFound, 'The requested record does not exist');
  }
  if (error instanceof UniqueConstraintViolationException) {
    return problemFor(DomainErrorCode.Conflict, 'A record with the same unique values already exists');
  }
  if (error instanceof ForeignKeyConstraintViolationException) {
    return problemFor(DomainErrorCode.Conflict, 'The record refers to, or is referred to by, another record');
  }
  if (isTransientDatabaseError(error)) {
    // Not the client's fault and likely gone in a moment: nothing was committed, the client may retry as is.
    return problemFor(DomainErrorCode.UpstreamUnavailable, 'The database is briefly unavailable or busy; nothing was saved. Retry in a few seconds.', {
      retryAfter: TRANSIENT_RETRY_AFTER_SECONDS,
    });
  }
  if (error instanceof DriverException && isDataException(error)) {
    // A value PostgreSQL cannot hold (out of range, not a valid date, too complex) that validation let through:
    // the client's mistake, answered without echoing the value or the SQL.
    return problemFor(DomainErrorCode.ValidationFailed, 'A value is outside what the record can hold (out of range or not a valid date)', {
      ...(columnOf(error) ? { errors: { [columnOf(error) as string]: 'is outside what the record can hold' } } : {}),
    });
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = codeForStatus(status);
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    const detail = Array.isArray(message) ? message.join('; ') : String(message);
    if (code) return problemFor(code, detail);
    return { type: problemType(`http-${status}`), title: error.name, status, detail };
  }
  const framework = error as { statusCode?: number; code?: string; message?: string };
  if (typeof framework?.statusCode === 'number' && framework.statusCode >= 400 && framework.statusCode < 500) {
    // Errors raised by Fastify before a handler runs: malformed JSON, body too large, wrong media type.
    const code = codeForStatus(framework.statusCode) ?? DomainErrorCode.ValidationFailed;
    const detail =
      framework.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(framework.message ?? '')
        ? 'The request body is not valid JSON'
        : (framework.message ?? 'Bad request');
    return { ...problemFor(code, detail), status: framework.statusCode, ...(code === DomainErrorCode.ValidationFailed ? { errors: { body: detail } } : {}) };
  }
  const errorId = randomUUID();
  // Type, code and stack frames only: driver messages carry the SQL with its values (personal data).
  logger.error({ errorId, requestId: TenantContext.requestId(), error: loggableError(error) }, `Unhandled error ${errorId}`);
  return {
    type: problemType('internal'),
    title: 'Internal error',
    status: 500,
    detail: `Something went wrong on our side. Quote error id ${errorId} when reporting it.`,
    errorId,
  };
}

const TRANSIENT_RETRY_AFTER_SECONDS = 2;
/** SQLSTATE of failures that pass: connection (08), serialization/deadlock (40001, 40P01), lock not available (55P03), shutdown or cancel (57xxx), too many connections (53300). */
const TRANSIENT_SQLSTATE = /^(08|40001|40P01|55P03|57P0|57014|53300)/;
/** Socket errors of the driver and pool before PostgreSQL answers. */
const TRANSIENT_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/** A database failure a retry can fix: connection lost or refused, serialization failure, lock timeout, pool exhausted. */
export function isTransientDatabaseError(error: unknown, depth = 0): boolean {
  // A driver error wrapped by the ORM or a transaction helper keeps the original as `cause`.
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  if (cause !== undefined && cause !== error && depth < 3 && isTransientDatabaseError(cause, depth + 1)) return true;
  if (error instanceof ConnectionException || error instanceof DeadlockException || error instanceof LockWaitTimeoutException) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_SOCKET.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  // pg-pool and knex: "timeout exceeded when trying to connect", "Knex: Timeout acquiring a connection", a closed pool
  // ("Unable to acquire a connection"); node-postgres on a client whose server went away between statements ("Client has
  // encountered a connection error and is not queryable", "terminating connection due to administrator command" without a code).
  return /timeout exceeded when trying to connect|Timeout acquiring a connection|Unable to acquire a connection|Connection terminated|Cannot use a pool after calling end|pool is probably full|is not queryable|terminating connection due to/i.test(
    message,
  );
}

/** SQLSTATE class 22 (data exception) and 54 (program limit exceeded): the request's values, not our fault. */
function isDataException(error: DriverException): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(22|54)/.test(code);
}

function columnOf(error: DriverException): string | undefined {
  const column = (error as { column?: unknown }).column;
  return typeof column === 'string' && /^[a-z_][a-z0-9_]*$/.test(column) ? column : undefined;
}

export function sendProblem(reply: FastifyReply, problem: ProblemDetails): void {
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
  if (problem.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(problem['retryAfter'] ?? TRANSIENT_RETRY_AFTER_SECONDS));
  reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error, request);
    problem.instance ??= request.url?.split('?')[0];
    sendProblem(reply, problem);
  }
}
