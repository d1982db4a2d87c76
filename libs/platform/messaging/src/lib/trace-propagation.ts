import { context, defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/*
 * There is no OpenTelemetry instrumentation for NATS in JavaScript (opentelemetry-js-contrib #753), so W3C trace
 * context is carried by hand: captured into the outbox row, injected into NATS headers, extracted by consumers.
 * The W3C propagator is used directly so propagation works whatever global propagator the SDK installed.
 */
const propagator = new W3CTraceContextPropagator();

export interface TraceHeaders {
  traceparent?: string;
  tracestate?: string;
}

/** traceparent/tracestate of the active span (empty when nothing is being traced). */
export function currentTraceHeaders(active: Context = context.active()): TraceHeaders {
  const carrier: Record<string, string> = {};
  propagator.inject(active, carrier, defaultTextMapSetter);
  return { traceparent: carrier['traceparent'], tracestate: carrier['tracestate'] };
}

/** The remote parent context described by stored or received trace headers. */
export function contextFromTraceHeaders(headers: TraceHeaders): Context {
  const carrier: Record<string, string> = {};
  if (headers.traceparent) carrier['traceparent'] = headers.traceparent;
  if (headers.tracestate) carrier['tracestate'] = headers.tracestate;
  return propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
}

/** The part of NATS message headers used here: the @nats-io client's and the legacy `nats` one's (Nest's RPC transport) alike. */
export interface TraceHeaderCarrier {
  get(key: string): string;
  set(key: string, value: string): void;
}

export function traceHeadersFromNats(headers: Pick<TraceHeaderCarrier, 'get'> | undefined): TraceHeaders {
  return { traceparent: headers?.get('traceparent') || undefined, tracestate: headers?.get('tracestate') || undefined };
}

/** Writes the active (or given) trace context into NATS headers. */
export function injectTraceHeaders(target: TraceHeaderCarrier, active: Context = context.active()): void {
  const { traceparent, tracestate } = currentTraceHeaders(active);
  if (traceparent) target.set('traceparent', traceparent);
  if (tracestate) target.set('tracestate', tracestate);
}
