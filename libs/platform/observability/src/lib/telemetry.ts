import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace';
import type { IncomingMessage } from 'node:http';
import { RedactingSpanExporter } from './span-redaction';

let sdk: NodeSDK | undefined;

const UNTRACED_PATHS = /\/(healthz|readyz|metrics)$/;

/**
 * Instrumentations we load (STYLE practice 20): the HTTP server, Nest's handlers, PostgreSQL and the logger.
 * The others (knex, dns, net, fs, …) add spans nobody reads and cost CPU on every request. Operators can
 * still choose with the standard OTEL_NODE_ENABLED_INSTRUMENTATIONS variable.
 */
export const DEFAULT_INSTRUMENTATIONS = 'http,nestjs-core,pg,pino';

/** Share of root requests traced when OTEL_TRACES_SAMPLER_ARG is unset. */
export const DEFAULT_SAMPLE_RATIO = '0.1';

export interface TelemetryOptions {
  service: string;
  /** OTLP/HTTP endpoint; when absent (and no `exporter`) tracing is off entirely. */
  otlpEndpoint?: string;
  /** Tests pass an in-memory exporter (spans then go out one by one, not batched). */
  exporter?: SpanExporter;
}

/** The instrumentations of every service, configured so that no query string or SQL parameter is recorded. */
export function serviceInstrumentations(): ReturnType<typeof getNodeAutoInstrumentations> {
  return getNodeAutoInstrumentations({
    '@opentelemetry/instrumentation-http': {
      ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.test((request.url ?? '').split('?')[0]),
      // Query strings may hold search terms such as names: record the path only (RedactingSpanExporter also drops url.query).
      requestHook: (span, request) => {
        const url = (request as IncomingMessage).url;
        if (url) span.setAttribute('url.path', url.split('?')[0]);
      },
    },
    '@opentelemetry/instrumentation-pg': { enhancedDatabaseReporting: false },
    '@opentelemetry/instrumentation-pino': { enabled: true },
  });
}

/**
 * Starts the OpenTelemetry SDK. Must run before Nest, Fastify or pg are required so their
 * instrumentations can patch them. Only http, nestjs-core, pg and pino are instrumented (by default);
 * request and response bodies, query strings, SQL parameters and literals and error messages never leave the
 * process (RedactingSpanExporter; no personal data in spans).
 */
export function startTelemetry(options: TelemetryOptions): NodeSDK | undefined {
  if (sdk) return sdk;
  const exporter = options.exporter ?? (options.otlpEndpoint ? new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }) : undefined);
  // Tracing off: no SDK, no patched modules, no per-request work (logs still join by request id).
  if (!exporter) return undefined;
  process.env['OTEL_NODE_ENABLED_INSTRUMENTATIONS'] ??= DEFAULT_INSTRUMENTATIONS;
  // Root spans sampled at OTEL_TRACES_SAMPLER_ARG (default 10 %); a sampled caller's trace is always followed.
  process.env['OTEL_TRACES_SAMPLER'] ??= 'parentbased_traceidratio';
  process.env['OTEL_TRACES_SAMPLER_ARG'] ??= options.exporter ? '1' : DEFAULT_SAMPLE_RATIO;
  // Every span passes the redaction gate before it leaves the process (span-redaction.ts). Given only the
  // exporter, the SDK batches it with the standard OTEL_BSP_* settings; tests export span by span.
  const gate = new RedactingSpanExporter(exporter);
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': `tsunagu-${options.service}`, 'service.namespace': 'tsunagu' }),
    ...(options.exporter ? { spanProcessors: [new SimpleSpanProcessor({ exporter: gate })] } : { traceExporter: gate }),
    instrumentations: [serviceInstrumentations()],
  });
  sdk.start();
  return sdk;
}

export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
