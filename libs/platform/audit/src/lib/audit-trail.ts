import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { context as otelContext, trace } from '@opentelemetry/api';
import { requestPrincipal } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { AUDIT_ROUTE_CONFIG, type AuditRouteConfig } from './audited.decorator';
import type { AuditAction, AuditOutcome } from './audit-record';
import { AuditService } from './audit.service';
import { loggableError } from '@tsunagu/platform-observability';

/** Where the interceptor leaves the id of a record the handler created. */
export const AUDIT_CREATED_ID = Symbol.for('tsunagu.audit.createdId');
const AUDITED = Symbol.for('tsunagu.audit.done');

type AuditedRequest = FastifyRequest & { [AUDIT_CREATED_ID]?: string; [AUDITED]?: boolean };

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

/**
 * Writes the audit record of every `@Audited` route in Fastify's onSend hook: after guards, handler
 * and exception filter have decided the status, before the response leaves. If the record cannot be
 * written, a successful response is replaced by a 500 — protected data is never returned unaudited.
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
    const config = (request.routeOptions?.config as unknown as Record<string, unknown> | undefined)?.[AUDIT_ROUTE_CONFIG] as AuditRouteConfig | undefined;
    if (!config?.resourceType || request[AUDITED]) return payload;
    request[AUDITED] = true;
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const idParam = config.idParam ?? 'id';
    const pathId = params[idParam];
    const resourceId = pathId ?? request[AUDIT_CREATED_ID] ?? null;
    const principal = requestPrincipal(request) ?? TenantContext.principal();
    try {
      await this.audit.record({
        action: typeof config.action === 'function' ? config.action(request) : (config.action ?? inferAction(request.method, pathId !== undefined)),
        resourceType: config.resourceType,
        resourceId: resourceId !== null && SAFE_ID.test(resourceId) ? resourceId : null,
        outcome: outcomeFor(reply.statusCode),
        httpStatus: reply.statusCode,
        actor: principal?.subject ?? null,
        roles: principal?.roles ?? [],
        agency: principal?.agency ?? null,
        municipality: principal?.municipality ?? null,
        client: principal?.client ?? false,
        requestId: String(request.id),
        traceId: traceIdOf(request),
      });
      return payload;
    } catch (error) {
      const errorId = randomUUID();
      this.logger.error({ errorId, requestId: String(request.id), error: loggableError(error) }, `security control failure: audit record not written (${errorId})`);
      if (reply.statusCode >= 400) return payload;
      reply.code(500).header('content-type', 'application/problem+json');
      return JSON.stringify({
        type: 'urn:tsunagu:problem:internal',
        title: 'Internal error',
        status: 500,
        detail: `The access could not be recorded, so the result is withheld. Quote error id ${errorId} when reporting it.`,
        errorId,
      });
    }
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
