import { Controller, type INestMicroservice } from '@nestjs/common';
import { ClientProxyFactory, Ctx, EventPattern, MessagePattern, NatsContext, Payload, Transport, type ClientProxy } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { defineRpc, type CloudEvent } from '@tsunagu/contracts';
import { expectEventually } from '@tsunagu/platform-testing';
import { TenantContext } from '@tsunagu/platform-context';
import { EventRecorder, OutboxEvent, RpcClient, rpcServerOptions } from '../src';
import { MUNICIPALITY, startMessagingFixture, Thing, ThingHappened, type MessagingFixture, type ThingHappenedData } from './messaging-fixture';

// A real tracer provider with an AsyncLocalStorage context manager, as startTelemetry installs in services
// (the SDK 0.300 has no NodeTracerProvider any more: NodeSDK.start() registers both).
const exporter = new InMemorySpanExporter();
const sdk = new NodeSDK({ spanProcessors: [new SimpleSpanProcessor({ exporter })], autoDetectResources: false });
sdk.start();
const tracer = trace.getTracer('test');

const handlerTraceIds = new Map<string, string | undefined>();
const rpcTraceparents: (string | undefined)[] = [];

const PingRpc = defineRpc<{ ping: string }, { pong: string }>({
  service: 'pinger',
  operation: 'ping',
  summary: 'Test ping.',
  request: { type: 'object', required: ['ping'], properties: { ping: { type: 'string' } } },
  response: { type: 'object', required: ['pong'], properties: { pong: { type: 'string' } } },
});

@Controller()
class TracedHandlers {
  @EventPattern(ThingHappened.subject)
  onThingHappened(@Payload() event: CloudEvent<ThingHappenedData>): void {
    handlerTraceIds.set(event.id, trace.getActiveSpan()?.spanContext().traceId);
  }

  @MessagePattern(PingRpc.subject)
  ping(@Payload() request: { ping: string }, @Ctx() ctx: NatsContext): { pong: string } {
    rpcTraceparents.push(ctx.getHeaders()?.get('traceparent'));
    return { pong: request.ping };
  }
}

describe('trace context across the outbox, JetStream and request-reply', () => {
  let fixture: MessagingFixture;
  let events: INestMicroservice;
  let rpc: INestMicroservice;
  let proxy: ClientProxy;

  beforeAll(async () => {
    fixture = await startMessagingFixture();
    const moduleRef = await Test.createTestingModule({ controllers: [TracedHandlers] }).compile();
    events = moduleRef.createNestMicroservice({ strategy: fixture.jetStreamServer({ service: 'tracer', events: [ThingHappened], ackWaitMs: 5_000 }) });
    events.useLogger(false);
    await events.listen();
    rpc = moduleRef.createNestMicroservice(rpcServerOptions({ service: 'pinger', natsUrl: fixture.nats.url, gracePeriodMs: 50 }));
    rpc.useLogger(false);
    await rpc.listen();
    proxy = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [fixture.nats.url] } });
    await proxy.connect();
    await fixture.relay().start();
  });

  afterAll(async () => {
    await proxy.close();
    await rpc.close();
    await events.close();
    await fixture.close();
    await sdk.shutdown();
  });

  it('continues the trace of the request that wrote the event in the consumer', async () => {
    const outbox = new EventRecorder();
    let traceId = '';
    let eventId = '';
    await tracer.startActiveSpan('POST /api/things', async (span) => {
      traceId = span.spanContext().traceId;
      await fixture.orm.em.fork().transactional(async (tx) => {
        const thing = new Thing();
        tx.persist(thing);
        eventId = TenantContext.run({ requestId: 'trace-test', municipality: MUNICIPALITY }, () => outbox.record(tx, ThingHappened, thing.id, { thingId: thing.id, behaviour: 'ok' })).id;
      });
      span.end();
    });

    const stored = await fixture.orm.em.fork().findOneOrFail(OutboxEvent, eventId);
    expect(stored.traceparent).toContain(traceId);
    await expectEventually(() => expect(handlerTraceIds.get(eventId)).toBe(traceId), { timeoutMs: 5_000 });

    // The consumer's span ends after its handler has run: wait for it rather than race it on a busy machine.
    await expectEventually(() => {
      const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
      expect(spans.map((span) => span.name)).toEqual(
        expect.arrayContaining(['POST /api/things', `publish ${ThingHappened.subject}`, `process ${ThingHappened.subject}`]),
      );
    }, { timeoutMs: 5_000 });
  });

  it('sends the caller trace context with RPC requests', async () => {
    const client = new RpcClient(proxy, { timeoutMs: 1_000 });
    let traceId = '';
    await tracer.startActiveSpan('GET /api/matches', async (span) => {
      traceId = span.spanContext().traceId;
      // As a service calls: inside the TenantContext of its request, whose municipality the peer runs as.
      await expect(TenantContext.run({ requestId: 'trace-test', municipality: '372013' }, () => client.call(PingRpc, { ping: 'a' }))).resolves.toEqual({ pong: 'a' });
      span.end();
    });
    expect(rpcTraceparents.at(-1)).toContain(traceId);
  });
});
