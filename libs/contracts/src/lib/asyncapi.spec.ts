import { asyncApiDocument } from './asyncapi';
import { assertCloudEvent } from './cloud-event-schema';
import { defineEvent, defineRpc } from './event-contract';
import { ContractViolationError } from './schema-validation';

const Happened = defineEvent<{ thingId: string }>({
  service: 'demo',
  aggregate: 'thing',
  event: 'happened',
  summary: 'A thing happened.',
  schema: { type: 'object', additionalProperties: false, required: ['thingId'], properties: { thingId: { type: 'string' } } },
});
const Lookup = defineRpc<{ q: string }, { ids: string[] }>({
  service: 'demo',
  operation: 'things.lookup',
  summary: 'Looks things up.',
  request: { type: 'object' },
  response: { type: 'object' },
});

describe('asyncApiDocument', () => {
  it('describes each event subject with the CloudEvents envelope around the data schema', () => {
    const document = asyncApiDocument({ events: [Happened], rpcs: [Lookup] });
    expect(document.asyncapi).toBe('2.6.0');
    const channel = document.channels['tsunagu.evt.demo.thing.happened'] as { subscribe: { message: { payload: { properties: Record<string, unknown> } } } };
    expect(channel.subscribe.message.payload.properties['data']).toBe(Happened.schema);
    expect(channel.subscribe.message.payload.properties['type']).toEqual({ const: 'jp.tsunagu.demo.thing.happened.v1' });
    expect(document.channels['tsunagu.rpc.demo.things.lookup']).toHaveProperty('publish.message.payload', Lookup.request);
  });
});

describe('assertCloudEvent', () => {
  const event = {
    specversion: '1.0',
    id: '0190d6f4-7b1e-7cc3-8d3a-0f1e2d3c4b5a',
    source: '/tsunagu/demo',
    type: Happened.type,
    subject: 'thing-1',
    time: '2026-11-26T00:00:00.000Z',
    datacontenttype: 'application/json',
    municipality: '372013',
    data: { thingId: 'thing-1' },
  };

  it('accepts a well-formed envelope', () => {
    expect(() => assertCloudEvent(Happened, event)).not.toThrow();
  });

  it('rejects a wrong type, a bad municipality or invalid data', () => {
    expect(() => assertCloudEvent(Happened, { ...event, type: 'jp.tsunagu.demo.thing.happened.v2' })).toThrow(ContractViolationError);
    expect(() => assertCloudEvent(Happened, { ...event, municipality: '37201' })).toThrow(ContractViolationError);
    expect(() => assertCloudEvent(Happened, { ...event, data: { thingId: 7 } })).toThrow(ContractViolationError);
  });
});
