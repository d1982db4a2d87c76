import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/*
 * The last gate before spans leave the process: whatever an instrumentation recorded, no query string, body,
 * SQL literal or error message (which quotes values) is exported. Instrumentations change their attributes
 * between versions (http.target → url.query, db.statement → db.query.text); this gate does not depend on
 * one hook being configured right.
 */

/** Attributes never exported: query strings, bodies, headers that may carry personal data. */
const DROPPED = /^(url\.query|http\.request\.body.*|http\.response\.body.*|http\.request\.header\..*|http\.response\.header\..*|db\.(?:query\.parameter|postgresql\.values|postgresql\.plan).*|messaging\.message\.body.*|enduser\..*)$/;
/** Attributes holding a URL or target whose query string is cut. */
const URLS = new Set(['http.url', 'url.full', 'http.target', 'url.original', 'url.path']);
/** Attributes holding SQL whose literals are replaced. */
const STATEMENTS = new Set(['db.statement', 'db.query.text']);

const SAFE_SEGMENT = /^(?:[a-z][a-z0-9-]*|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\d{1,12}|https?:|)$/;

/**
 * A URL or path without its query string, each path segment kept only when it is a route word
 * (`persons`, `mandatory-reports`), a uuid or a number: a careless client may put a name in the path.
 */
export function redactPath(url: string): string {
  return url
    .split('?')[0]
    .split('/')
    .map((segment) => (SAFE_SEGMENT.test(segment) || /^[\w.-]+:\d+$/.test(segment) ? segment : ':redacted'))
    .join('/');
}

function withoutQuery(value: AttributeValue): AttributeValue {
  return typeof value === 'string' ? redactPath(value) : value;
}

/** SQL with every string and number literal replaced by `?` (parameters are never recorded at all). */
export function withoutLiterals(sql: string): string {
  return sql.replace(/E?'(?:[^']|'')*'/g, '?').replace(/\$\$[\s\S]*?\$\$/g, '?').replace(/(?<![\w$.])-?\d+(?:\.\d+)?(?![\w$])/g, '?');
}

export function redactAttributes(attributes: Attributes): Attributes {
  const result: Attributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || DROPPED.test(name)) continue;
    if (URLS.has(name)) result[name] = withoutQuery(value);
    else if (STATEMENTS.has(name) && typeof value === 'string') result[name] = withoutLiterals(value);
    else if (name === 'exception.message') continue;
    else if (name === 'exception.stacktrace' && typeof value === 'string') result[name] = value.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
    else result[name] = value;
  }
  return result;
}

/** A view of a span with redacted attributes, events and status; everything else read from the span itself. */
export function redactSpan(span: ReadableSpan): ReadableSpan {
  return Object.create(span, {
    name: { value: span.name.split(' ').map((part) => (part.startsWith('/') ? redactPath(part) : part)).join(' '), enumerable: true },
    attributes: { value: redactAttributes(span.attributes), enumerable: true },
    events: { value: span.events.map((event) => ({ ...event, attributes: event.attributes ? redactAttributes(event.attributes) : undefined })), enumerable: true },
    status: { value: { code: span.status.code }, enumerable: true },
  }) as ReadableSpan;
}

/** Wraps the exporter of the SDK so every span passes `redactSpan` before it leaves. */
export class RedactingSpanExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans.map(redactSpan), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
