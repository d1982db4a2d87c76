import type { Server as HttpServer, ServerResponse } from 'node:http';
import { Logger as NestLogger, RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { Logger } from 'nestjs-pino';
import { TenantContext } from '@tsunagu/platform-context';
import { TSUNAGU_CONFIG } from '@tsunagu/platform-config';
import { describeError, requestIdFrom } from '@tsunagu/platform-observability';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { assertNoHostileValues, createValidationPipe, jsonDepthExceeds, MAX_JSON_DEPTH, ProblemDetailsFilter, sendProblem, toProblem } from '@tsunagu/platform-http';
import { startHttpMetrics } from './metrics';
import { ReadinessRegistry } from './readiness';

export interface ServiceAppOptions {
  /** Service name: routes live under `/api/<service>`. */
  service: string;
  title: string;
  description: string;
  version?: string;
  /** Largest accepted request body (bytes). */
  bodyLimit?: number;
  /** Larger limits for single routes (full path, e.g. `/api/intake/imports`): file uploads. */
  routeBodyLimits?: Readonly<Record<string, number>>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function apiPrefix(service: string): string {
  return `api/${service}`;
}

/**
 * Operator endpoints served at the root of the service port, outside `/api/<service>/`: the Ingress and the
 * local edge route only `/api/…`, so they are reachable by Prometheus and by port-forward, never from outside.
 */
export const INTERNAL_PATHS = { metrics: '/metrics', docs: '/docs', openApi: '/openapi.json' } as const;

/** Content-Security-Policy of API answers (JSON is never a page) and of the Swagger UI on the internal port. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const DOCS_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

interface RateLimitConfig {
  HTTP_RATE_LIMIT_PER_MINUTE?: number;
}

/** The OpenAPI document of a service (also written to docs/api/ by the docs test). */
export function buildOpenApiDocument(app: INestApplication, options: ServiceAppOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version ?? '0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/**
 * Creates a service on Fastify with everything every Tsunagu service shares: `/api/<service>` prefix,
 * request context, problem+json errors (also for malformed bodies), strict validation, request metrics,
 * OpenAPI + Swagger UI, and a shutdown that drains readiness first.
 */
export async function createServiceApp(module: Type<unknown>, options: ServiceAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: true,
    // A client's id reaches logs and the audit trail only when it is a short safe token.
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => requestIdFrom(request.headers['x-request-id']),
  });
  const fastify = adapter.getInstance();
  const histogram = startHttpMetrics(options.service);

  const requests = trackRequests(fastify.server);
  fastify.addHook('onRequest', (request, reply, done) => {
    requests.started(reply.raw);
    TenantContext.run({ requestId: String(request.id) }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    histogram.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  fastify.addContentTypeParser(
    ['text/csv', 'text/plain', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  );
  fastify.addHook('onRoute', (route) => {
    const limit = options.routeBodyLimits?.[route.url];
    if (limit !== undefined) route.bodyLimit = limit;
  });
  // JSON nested deeper than any of our documents is refused before parsing (JSON.parse and the validators recurse).
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonDepthExceeds(text)) {
      done(DomainException.invalidField('body', `is nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parseJson(request, text, done);
  });
  // NUL, unpaired surrogates and inexact numbers in any query, path parameter or body field: 400 naming it.
  fastify.addHook('preValidation', (request, reply, done) => {
    try {
      assertNoHostileValues(request.query, request.params, Buffer.isBuffer(request.body) ? undefined : request.body);
      done();
    } catch (error) {
      const problem = toProblem(error, request);
      problem.instance ??= request.url.split('?')[0];
      sendProblem(reply, problem);
    }
  });

  // bodyParser: false — our JSON parser (depth limit) above replaces the one Nest would register at init.
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true, bodyParser: false });
  const logger = app.get(Logger, { strict: false });
  if (logger) app.useLogger(logger);
  const config = app.get<RateLimitConfig | undefined>(TSUNAGU_CONFIG, { strict: false });

  await app.register(helmet, {
    // Set per answer below: API answers and the internal Swagger UI need different policies.
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const path = request.url.split('?')[0];
    const docs = path === INTERNAL_PATHS.docs || path.startsWith(`${INTERNAL_PATHS.docs}/`);
    reply.header('content-security-policy', docs ? DOCS_CSP : API_CSP);
    // Answers carry personal data: no shared or browser cache keeps them.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  const perMinute = config?.HTTP_RATE_LIMIT_PER_MINUTE ?? 0;
  if (perMinute > 0) {
    await app.register(rateLimit, {
      max: perMinute,
      timeWindow: 60_000,
      // Behind the Ingress `request.ip` is the client (trustProxy); probes and the scraper are not limited.
      keyGenerator: (request) => request.ip,
      allowList: (request) => /\/(healthz|readyz)$/.test(request.url.split('?')[0]) || request.url === INTERNAL_PATHS.metrics,
      errorResponseBuilder: (_request, context) =>
        Object.assign(new DomainException(DomainErrorCode.TooManyRequests, `Too many requests: at most ${context.max} per minute; retry in ${Math.ceil(context.ttl / 1000)} s`), {
          statusCode: 429,
        }),
    });
  }

  app.setGlobalPrefix(apiPrefix(options.service), { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  const document = buildOpenApiDocument(app, options);
  SwaggerModule.setup(INTERNAL_PATHS.docs.slice(1), app, document, {
    useGlobalPrefix: false,
    jsonDocumentUrl: INTERNAL_PATHS.openApi.slice(1),
    swaggerOptions: { persistAuthorization: true },
  });
  return app;
}

/**
 * How long requests still running when the HTTP server closes may take before their connections are cut. Keep-alive
 * connections with no request on them are closed as soon as no request is running: a proxy's pool (the edge's, an
 * ingress controller's) holds its connections open, and Node does not count them idle, so a stopping service waited
 * for them until the platform killed it (10 s locally, the grace period in Kubernetes) — before closing its database
 * and NATS connections.
 */
export const SHUTDOWN_CLOSE_TIMEOUT_MS = 5_000;

/** The requests one HTTP server is answering, so that closing can cut its connections the moment none is. */
interface RequestTracker {
  started(response: ServerResponse): void;
  /** From now on closes every connection whenever no request is running, and at the timeout whatever runs. */
  closeConnectionsWhenIdle(timeoutMs: number, onTimeout: () => void): void;
}

const trackers = new WeakMap<HttpServer, RequestTracker>();

function trackRequests(server: HttpServer): RequestTracker {
  let running = 0;
  let closing = false;
  const tracker: RequestTracker = {
    started(response) {
      running += 1;
      // 'close' comes once per response, answered or cut short by the client.
      response.once('close', () => {
        running -= 1;
        if (closing && running === 0) server.closeAllConnections();
      });
    },
    closeConnectionsWhenIdle(timeoutMs, onTimeout) {
      closing = true;
      if (running === 0) server.closeAllConnections();
      // The bound stays: a request that arrives on a new connection before the server stops listening is cut at it too.
      const cut = setTimeout(() => {
        if (running > 0) onTimeout();
        server.closeAllConnections();
      }, timeoutMs);
      cut.unref();
    },
  };
  trackers.set(server, tracker);
  return tracker;
}

/**
 * Closes a service: its HTTP server (requests still running may finish for SHUTDOWN_CLOSE_TIMEOUT_MS, idle keep-alive
 * connections are closed at once), then Nest's shutdown hooks (NATS drained, database pool closed).
 */
export async function closeServiceApp(app: INestApplication, reason: string, timeoutMs = SHUTDOWN_CLOSE_TIMEOUT_MS): Promise<void> {
  const server = app.getHttpServer() as HttpServer;
  const closing = app.close();
  trackers.get(server)?.closeConnectionsWhenIdle(timeoutMs, () =>
    NestLogger.warn(`requests still running ${timeoutMs / 1000} s after ${reason}: closing their connections`, 'Shutdown'),
  );
  await closing;
}

/** Listens, and on SIGTERM fails readiness for `drainMs` before Nest closes connections. */
export async function listen(app: NestFastifyApplication, host: string, port: number, drainMs: number): Promise<void> {
  const readiness = app.get(ReadinessRegistry, { strict: false });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    readiness?.startDraining();
    if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
    NestLogger.log(`${signal}: closing`, 'Shutdown');
    await closeServiceApp(app, signal);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  await app.listen({ host, port });
}

/**
 * The command line of every service bundle: `main.js` (or `main.js serve`) serves, other names run the
 * given commands (`migrate`, …). An unknown command or a failure exits non-zero with the error logged.
 */
export function runServiceCommand(service: string, commands: Record<string, () => Promise<void>>): void {
  const name = process.argv[2] ?? 'serve';
  const command = commands[name];
  if (!command) {
    NestLogger.error(`unknown command "${name}"; use one of: ${Object.keys(commands).join(', ')}`, service);
    process.exit(2);
  }
  command().catch((error: unknown) => {
    // By type and code only: a failed migration or demo load may carry SQL with values in its message.
    NestLogger.error(`${name} failed: ${describeError(error)}`, service);
    process.exit(1);
  });
}
