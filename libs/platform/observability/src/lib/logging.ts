import { trace } from '@opentelemetry/api';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { TenantContext } from '@tsunagu/platform-context';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdFrom } from './request-id';
import { loggableError } from './safe-error';
import { redactPath } from './span-redaction';

/** Paths whose values may carry personal data or secrets; pino replaces them before writing. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.access_token',
];

let captured: { stream: DestinationStream; level: string } | undefined;

/**
 * Tests only: every service logger created after this call writes its JSON lines to `stream` at `level`
 * (the personal-data tests read them back and look for marker values). Returns the function that stops it.
 */
export function captureServiceLogs(
  stream: DestinationStream,
  level = 'debug',
): () => void {
  captured = { stream, level };
  return () => {
    captured = undefined;
  };
}

/** Adds the active trace and request ids to every log line so logs and traces join up. */
export function traceMixin(): Record<string, string> {
  const spanContext = trace.getActiveSpan()?.spanContext();
  const requestId = TenantContext.requestId();
  return {
    ...(spanContext
      ? { trace_id: spanContext.traceId, span_id: spanContext.spanId }
      : {}),
    ...(requestId ? { request_id: requestId } : {}),
  };
}

/**
 * pino / pino-http settings shared by all services: JSON to stdout, ids instead of payloads.
 * Request logs hold the method, the path without its query string (search terms may be names) and the
 * status — never bodies or query values.
 */
export function loggerParams(service: string, level = 'info'): Params {
  const options = {
    level: captured?.level ?? level,
    name: service,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: traceMixin,
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
    autoLogging: { ignore: (request: IncomingMessage) => /\/(healthz|readyz|metrics)$/.test((request.url ?? '').split('?')[0]) },
    serializers: {
      // Errors by type, code and schema names only: driver messages carry SQL with its values.
      err: loggableError,
      req: (request: IncomingMessage & { id?: string }) => ({
        id: request.id,
        method: request.method,
        path: redactPath(request.url ?? ''),
      }),
      res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
    },
    customSuccessMessage: (request: IncomingMessage, response: ServerResponse) => `${request.method} ${redactPath(request.url ?? '')} ${response.statusCode}`,
  };
  return {
    // Nest 11 path syntax; the default `*` is the old syntax Nest warns about at boot.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: captured ? [options, captured.stream] : options,
  };
}
