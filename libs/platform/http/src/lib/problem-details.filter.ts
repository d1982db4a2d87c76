import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import {
  ForeignKeyConstraintViolationException,
  NotFoundError,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { StaleVersionError } from '@tsunagu/platform-persistence';
import { TenantContext } from '@tsunagu/platform-context';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainErrorCode, DomainException } from './domain-exception';
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
  logger.error({ errorId, requestId: TenantContext.requestId(), err: error }, `Unhandled error ${errorId}`);
  return {
    type: problemType('internal'),
    title: 'Internal error',
    status: 500,
    detail: `Something went wrong on our side. Quote error id ${errorId} when reporting it.`,
    errorId,
  };
}

export function sendProblem(reply: FastifyReply, problem: ProblemDetails): void {
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
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
