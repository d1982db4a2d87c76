import type { CloudEvent } from './cloud-event';
import type { EventContract, JsonSchema } from './event-contract';
import { assertMatchesSchema } from './schema-validation';

const envelopes = new WeakMap<EventContract, JsonSchema>();

/**
 * JSON Schema of the CloudEvents 1.0 structured envelope carrying one contract's `data`: what travels
 * on the bus and what the AsyncAPI document shows. `type` is pinned, so a `.v2` payload never passes as `.v1`.
 */
export function cloudEventSchema(contract: EventContract): JsonSchema {
  let schema = envelopes.get(contract);
  if (!schema) {
    schema = {
      type: 'object',
      additionalProperties: false,
      required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'municipality', 'data'],
      properties: {
        specversion: { const: '1.0' },
        id: { type: 'string', format: 'uuid', description: 'UUIDv7; also the JetStream Nats-Msg-Id.' },
        source: { const: contract.source },
        type: { const: contract.type },
        subject: { type: 'string', minLength: 1, description: 'Id of the aggregate the event is about.' },
        time: { type: 'string', format: 'date-time' },
        datacontenttype: { const: 'application/json' },
        municipality: { type: 'string', pattern: '^[0-9]{6}$', description: '全国地方公共団体コード of the owning municipality.' },
        data: contract.schema,
      },
    };
    envelopes.set(contract, schema);
  }
  return schema;
}

/** Checks a received envelope and its data against the contract (ContractViolationError otherwise). */
export function assertCloudEvent<TData>(contract: EventContract<TData>, event: unknown): asserts event is CloudEvent<TData> {
  assertMatchesSchema(contract.type, cloudEventSchema(contract), event);
}
