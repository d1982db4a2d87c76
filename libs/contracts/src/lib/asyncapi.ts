import { MESSAGE_HEADERS } from './cloud-event';
import { cloudEventSchema } from './cloud-event-schema';
import type { EventContract, JsonSchema, RpcContract } from './event-contract';

export interface AsyncApiDocument {
  asyncapi: '2.6.0';
  info: { title: string; version: string; description: string };
  defaultContentType: string;
  servers: Record<string, { url: string; protocol: string; description: string }>;
  channels: Record<string, JsonSchema>;
  components: { messageTraits: Record<string, JsonSchema> };
}

const eventHeaders: JsonSchema = {
  type: 'object',
  properties: {
    [MESSAGE_HEADERS.messageId]: { type: 'string', description: 'Equals the CloudEvent id; JetStream de-duplicates on it.' },
    [MESSAGE_HEADERS.eventType]: { type: 'string', description: 'CloudEvent type.' },
    [MESSAGE_HEADERS.municipality]: { type: 'string', pattern: '^[0-9]{6}$' },
    [MESSAGE_HEADERS.traceparent]: { type: 'string', description: 'W3C trace context of the request that caused the event.' },
    [MESSAGE_HEADERS.tracestate]: { type: 'string' },
  },
};

const rpcHeaders: JsonSchema = {
  type: 'object',
  required: [MESSAGE_HEADERS.municipality],
  properties: {
    [MESSAGE_HEADERS.municipality]: {
      type: 'string',
      pattern: '^[0-9]{6}$',
      description: "The caller's municipality, from its own request context; the handler runs as it, never as a municipality in the payload (ADR 0015).",
    },
    [MESSAGE_HEADERS.requestId]: { type: 'string', description: "The caller's request id, for correlating logs." },
    [MESSAGE_HEADERS.traceparent]: { type: 'string', description: 'W3C trace context of the caller.' },
    [MESSAGE_HEADERS.tracestate]: { type: 'string' },
  },
};

function byKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => key(a).localeCompare(key(b)));
}

/**
 * AsyncAPI 2.6 description of every subject on the bus: one channel per event subject (payload = CloudEvents
 * envelope with the contract's data schema) and one per RPC subject (request, and reply as the response schema).
 * Deterministic output (sorted), so the committed docs/api/asyncapi.json can be compared byte for byte.
 */
export function asyncApiDocument(contracts: { events: readonly EventContract[]; rpcs: readonly RpcContract[] }): AsyncApiDocument {
  const channels: Record<string, JsonSchema> = {};
  const eventsBySubject = new Map<string, EventContract[]>();
  for (const contract of contracts.events) {
    eventsBySubject.set(contract.subject, [...(eventsBySubject.get(contract.subject) ?? []), contract]);
  }
  for (const subject of [...eventsBySubject.keys()].sort()) {
    const versions = byKey(eventsBySubject.get(subject) ?? [], (contract) => contract.type);
    const messages = versions.map((contract) => ({
      name: contract.type,
      title: contract.type,
      summary: contract.summary,
      contentType: 'application/cloudevents+json',
      traits: [{ $ref: '#/components/messageTraits/eventHeaders' }],
      payload: cloudEventSchema(contract),
    }));
    channels[subject] = {
      description: `Events published by ${versions[0].source} through the transactional outbox into stream TSUNAGU_EVENTS.`,
      subscribe: {
        operationId: `on.${subject}`,
        summary: versions.map((contract) => contract.summary).join(' '),
        message: messages.length === 1 ? messages[0] : { oneOf: messages },
      },
    };
  }
  for (const rpc of byKey(contracts.rpcs, (contract) => contract.subject)) {
    channels[rpc.subject] = {
      description: `Request-reply served by ${rpc.owner} (queue group ${rpc.owner}); not captured by any stream.`,
      publish: {
        operationId: `call.${rpc.subject}`,
        summary: rpc.summary,
        message: {
          name: `${rpc.subject}.request`,
          contentType: 'application/json',
          traits: [{ $ref: '#/components/messageTraits/rpcHeaders' }],
          payload: rpc.request,
        },
      },
      subscribe: {
        operationId: `reply.${rpc.subject}`,
        summary: `Reply to ${rpc.subject}. Errors carry { code, message, details } with a domain error code.`,
        message: { name: `${rpc.subject}.response`, contentType: 'application/json', payload: rpc.response },
      },
    };
  }
  return {
    asyncapi: '2.6.0',
    info: {
      title: 'Tsunagu events and request-reply',
      version: '1.0.0',
      description:
        'Subjects `tsunagu.evt.<service>.<aggregate>.<event>` carry CloudEvents 1.0 (ids and codes only, never personal data); ' +
        '`tsunagu.rpc.<service>.<operation>` are request-reply. Dead letters go to `tsunagu.dlq.<consumer service>.<original subject>`.',
    },
    defaultContentType: 'application/json',
    servers: { nats: { url: 'nats://nats:4222', protocol: 'nats', description: 'NATS with JetStream (stream TSUNAGU_EVENTS).' } },
    channels,
    components: { messageTraits: { eventHeaders: { headers: eventHeaders }, rpcHeaders: { headers: rpcHeaders } } },
  };
}
