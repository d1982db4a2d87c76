import { Logger as NestLogger, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { TenantContext } from '@tsunagu/platform-context';
import { createValidationPipe } from './validation';
import { ProblemDetailsFilter } from './problem-details.filter';
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
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function apiPrefix(service: string): string {
  return `api/${service}`;
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
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => (request.headers['x-request-id'] as string | undefined) ?? randomUUID(),
  });
  const fastify = adapter.getInstance();
  const histogram = startHttpMetrics(options.service);

  fastify.addHook('onRequest', (request, _reply, done) => {
    TenantContext.run({ requestId: String(request.id) }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    histogram.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  fastify.addContentTypeParser(['text/csv', 'text/plain', 'application/octet-stream'], { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true });
  const logger = app.get(Logger, { strict: false });
  if (logger) app.useLogger(logger);
  app.setGlobalPrefix(apiPrefix(options.service));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  const document = buildOpenApiDocument(app, options);
  SwaggerModule.setup(`${apiPrefix(options.service)}/docs`, app, document, {
    jsonDocumentUrl: `${apiPrefix(options.service)}/openapi.json`,
    swaggerOptions: { persistAuthorization: true },
  });
  return app;
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
    await app.close();
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
    NestLogger.error(error instanceof Error ? (error.stack ?? error.message) : String(error), service);
    process.exit(1);
  });
}
