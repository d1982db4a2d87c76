import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { context as otelContext, trace } from '@opentelemetry/api';
import { requestPrincipal } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { PROBLEM_CONTENT_TYPE, problemFor } from '@tsunagu/platform-http';
import { DomainErrorCode } from '@tsunagu/platform-errors';
import { loggableError } from '@tsunagu/platform-observability';
import { AUDIT_ROUTE_CONFIG, type AuditRouteConfig } from './audited.decorator';
import { normaliseSubjectIds, type AuditAction, type AuditOutcome } from './audit-record';
import { declaredAuditSubjects, type PendingAudit } from './audit-pending';
import { AuditService } from './audit.service';

/** Seconds a client waits before retrying when a read could not be recorded (the database is briefly away). */
const AUDIT_RETRY_AFTER_SECONDS = 5;

/** Where the interceptor leaves the id of a record the handler created. */
export const AUDIT_CREATED_ID = Symbol.for('tsunagu.audit.createdId');
/** Subject ids the route's `subjects` option found in the returned value. */
export const AUDIT_SUBJECTS = Symbol.for('tsunagu.audit.subjects');
/** The pending record of a write (written with the change, or in onSend if it was not). */
export const AUDIT_PENDING = Symbol.for('tsunagu.audit.pending');
/** The request context state, to find subjects declared by use cases. */
export const AUDIT_STATE = Symbol.for('tsunagu.audit.state');
const AUDITED = Symbol.for('tsunagu.audit.done');

export type AuditedRequest = FastifyRequest & {
  [AUDIT_CREATED_ID]?: string;
  [AUDIT_SUBJECTS]?: string[];
  [AUDIT_PENDING]?: PendingAudit;
  [AUDIT_STATE]?: object;
  [AUDITED]?: boolean;
};

const SAFE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

export function inferAction(method: string, hasId: boolean): AuditAction {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return hasId ? 'read' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
    case 'PATCH':
      return 'update';
    case 'DELETE':
      return 'delete';
    default:
      return 'read';
  }
}

export function outcomeFor(status: number): AuditOutcome {
  if (status < 400) return 'success';
  // A 404 is how object-level checks refuse (never revealing existence), so it counts as denied.
  if (status === 401 || status === 403 || status === 404) return 'denied';
  return 'error';
}

export function routeAuditConfig(request: FastifyRequest): AuditRouteConfig | undefined {
  return (request.routeOptions?.config as unknown as Record<string, unknown> | undefined)?.[AUDIT_ROUTE_CONFIG] as AuditRouteConfig | undefined;
}

export function auditActionOf(config: AuditRouteConfig, request: FastifyRequest): AuditAction {
  const pathId = ((request.params ?? {}) as Record<string, string | undefined>)[config.idParam ?? 'id'];
  return typeof config.action === 'function' ? config.action(request) : (config.action ?? inferAction(request.method, pathId !== undefined));
}

/** The resource id of the path (`:id` or the route's idParam), when it looks like an id. */
export function auditResourceIdOf(config: AuditRouteConfig, request: FastifyRequest, createdId?: string): string | null {
  const pathId = ((request.params ?? {}) as Record<string, string | undefined>)[config.idParam ?? 'id'];
  const resourceId = pathId ?? createdId ?? null;
  return resourceId !== null && SAFE_ID.test(resourceId) ? resourceId : null;
}

export function auditCallerOf(request: FastifyRequest) {
  const principal = requestPrincipal(request) ?? TenantContext.principal();
  return {
    actor: principal?.subject ?? null,
    roles: principal?.roles ?? [],
    agency: principal?.agency ?? null,
    municipality: principal?.municipality ?? null,
    client: principal?.client ?? false,
    requestId: String(request.id),
    traceId: traceIdOf(request),
  };
}

/**
 * Writes the audit record of every `@Audited` route that did not write it with its change, in Fastify's onSend
 * hook: after guards, handler and exception filter have decided the status, before the response leaves — reads,
 * lists, refusals, failed writes (their transaction rolled back) and writes that committed without an ORM
 * transaction. No lock; the records of concurrent requests share one insert (`insertGrouped`, ADR 0021). If it cannot
 * be written, a successful response is replaced by a 503 with Retry-After: protected data is never returned unaudited,
 * and the cause (the database) is transient.
 */
@Injectable()
export class AuditTrail implements OnModuleInit {
  private readonly logger = new Logger('AuditTrail');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => this.onSend(request as AuditedRequest, reply, payload));
  }

  private async onSend(request: AuditedRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const config = routeAuditConfig(request);
    if (!config?.resourceType || request[AUDITED]) return payload;
    request[AUDITED] = true;
    const pending = request[AUDIT_PENDING];
    // The record committed with the change: nothing is owed, and nothing can turn the committed write into an error.
    if (pending?.written) return payload;
    try {
      await this.audit.insertGrouped({
        ...(pending?.facts ?? this.audit.facts({ action: auditActionOf(config, request), resourceType: config.resourceType, outcome: 'success', ...auditCallerOf(request) })),
        resourceId: auditResourceIdOf(config, request, request[AUDIT_CREATED_ID] ?? pending?.createdId),
        subjectIds: normaliseSubjectIds([...(request[AUDIT_SUBJECTS] ?? refusedSubjects(config, request)), ...(pending?.subjectIds ?? []), ...declaredAuditSubjects(request[AUDIT_STATE])]),
        outcome: outcomeFor(reply.statusCode),
        httpStatus: reply.statusCode,
      });
      if (pending) pending.written = true;
      return payload;
    } catch (error) {
      const errorId = randomUUID();
      this.logger.error({ errorId, requestId: String(request.id), error: loggableError(error) }, `security control failure: audit record not written (${errorId})`);
      if (reply.statusCode >= 400) return payload;
      reply.code(503).header('content-type', PROBLEM_CONTENT_TYPE).header('retry-after', String(AUDIT_RETRY_AFTER_SECONDS));
      return JSON.stringify({
        ...problemFor(DomainErrorCode.UpstreamUnavailable, 'The access could not be recorded, so the result is withheld. Retry in a few seconds.', {
          retryAfter: AUDIT_RETRY_AFTER_SECONDS,
        }),
        errorId,
      });
    }
  }
}

/** Subjects a refused or failed request names without a returned value (its route parameters). */
function refusedSubjects(config: AuditRouteConfig, request: FastifyRequest): string[] {
  try {
    return config.subjects ? normaliseSubjectIds(config.subjects(undefined, request)) : [];
  } catch {
    return [];
  }
}

function traceIdOf(request: FastifyRequest): string | null {
  const span = trace.getSpan(otelContext.active());
  const traceId = span?.spanContext().traceId;
  if (traceId && !/^0+$/.test(traceId)) return traceId;
  const header = request.headers['traceparent'];
  const match = typeof header === 'string' ? TRACEPARENT.exec(header.trim()) : null;
  return match ? match[1] : null;
}
