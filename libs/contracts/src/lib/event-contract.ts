/**
 * How a service describes one kind of event it publishes: the CloudEvents `type`, the NATS subject,
 * and the JSON Schema of `data`. Payloads carry ids and codes only — never personal data.
 */
export interface EventContract<TData = unknown> {
  /** CloudEvents type: `jp.tsunagu.<service>.<aggregate>.<event>.v<major>`. */
  type: string;
  /** NATS subject: `tsunagu.evt.<service>.<aggregate>.<event>`. */
  subject: string;
  /** Service that owns and publishes the event. */
  source: string;
  summary: string;
  /** JSON Schema (draft 2020-12 subset understood by ajv) of `data`. */
  schema: JsonSchema;
  /** Compile-time only: the payload type. */
  readonly __data?: TData;
}

/** Request-reply operation between services: `tsunagu.rpc.<service>.<operation>`. */
export interface RpcContract<TRequest = unknown, TResponse = unknown> {
  subject: string;
  owner: string;
  summary: string;
  request: JsonSchema;
  response: JsonSchema;
  readonly __request?: TRequest;
  readonly __response?: TResponse;
}

export type JsonSchema = Record<string, unknown>;

export type EventData<C> = C extends EventContract<infer D> ? D : never;
export type RpcRequest<C> = C extends RpcContract<infer Q, unknown> ? Q : never;
export type RpcResponse<C> = C extends RpcContract<unknown, infer R> ? R : never;

export const EVENT_SUBJECT_PREFIX = 'tsunagu.evt';
export const RPC_SUBJECT_PREFIX = 'tsunagu.rpc';

/** The CloudEvents `source` of every event a service publishes. */
export function eventSource(service: string): string {
  return `/tsunagu/${service}`;
}

/** The service that owns an event subject (`tsunagu.evt.<service>.…`), the only one allowed to publish on it; else undefined. */
export function eventSubjectOwner(subject: string): string | undefined {
  const [prefix1, prefix2, service, ...rest] = subject.split('.');
  if (`${prefix1}.${prefix2}` !== EVENT_SUBJECT_PREFIX || !service || rest.length === 0) return undefined;
  return service;
}

/** Builds an event contract from its parts so type and subject can never disagree. */
export function defineEvent<TData>(parts: {
  service: string;
  aggregate: string;
  event: string;
  version?: number;
  summary: string;
  schema: JsonSchema;
}): EventContract<TData> {
  const version = parts.version ?? 1;
  return {
    type: `jp.tsunagu.${parts.service}.${parts.aggregate}.${parts.event}.v${version}`,
    subject: `${EVENT_SUBJECT_PREFIX}.${parts.service}.${parts.aggregate}.${parts.event}`,
    source: eventSource(parts.service),
    summary: parts.summary,
    schema: parts.schema,
  };
}

export function defineRpc<TRequest, TResponse>(parts: {
  service: string;
  operation: string;
  summary: string;
  request: JsonSchema;
  response: JsonSchema;
}): RpcContract<TRequest, TResponse> {
  return {
    subject: `${RPC_SUBJECT_PREFIX}.${parts.service}.${parts.operation}`,
    owner: parts.service,
    summary: parts.summary,
    request: parts.request,
    response: parts.response,
  };
}

/**
 * A closed object schema whose `addedLater` properties are optional: events published before those fields existed stay
 * valid on receipt, while producers always send them.
 */
export function objectWithLaterFields(addedLater: readonly string[], properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', additionalProperties: false, properties, required: Object.keys(properties).filter((key) => !addedLater.includes(key)) };
}
