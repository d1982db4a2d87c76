import { Controller, UseFilters, type INestMicroservice } from '@nestjs/common';
import { ClientProxyFactory, MessagePattern, Payload, Transport, type ClientProxy } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { defineRpc } from '@tsunagu/contracts';
import { ProblemDetailsFilter, DomainErrorCode, DomainException } from '@tsunagu/platform-http';
import { startTestNats, type TestNats } from '@tsunagu/platform-testing';
import { RpcClient, RpcDomainExceptionFilter, RpcRequestPipe, rpcServerOptions } from '../src';

interface LookupRequest {
  code: string;
}
interface LookupResponse {
  code: string;
  label: string;
}

const LookupRpc = defineRpc<LookupRequest, LookupResponse>({
  service: 'lookup',
  operation: 'codes.lookup',
  summary: 'Test lookup.',
  request: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', minLength: 1 } } },
  response: { type: 'object', additionalProperties: false, required: ['code', 'label'], properties: { code: { type: 'string' }, label: { type: 'string' } } },
});

const NobodyServes = defineRpc<LookupRequest, LookupResponse>({ ...LookupRpc, service: 'absent', operation: 'codes.lookup' });

@Controller()
@UseFilters(RpcDomainExceptionFilter)
class LookupController {
  @MessagePattern(LookupRpc.subject)
  lookup(@Payload(new RpcRequestPipe(LookupRpc)) request: LookupRequest): LookupResponse {
    if (request.code === 'missing') throw DomainException.notFound('Code', request.code);
    return { code: request.code, label: `label of ${request.code}` };
  }
}

describe('request-reply over NATS', () => {
  let nats: TestNats;
  let server: INestMicroservice;
  let proxy: ClientProxy;
  let client: RpcClient;

  beforeAll(async () => {
    nats = await startTestNats();
    const moduleRef = await Test.createTestingModule({ controllers: [LookupController] }).compile();
    server = moduleRef.createNestMicroservice(rpcServerOptions({ service: 'lookup', natsUrl: nats.url, gracePeriodMs: 50 }));
    server.useLogger(false);
    // The filter a hybrid service inherits from its HTTP side: the RPC filter on the controller must win.
    server.useGlobalFilters(new ProblemDetailsFilter());
    await server.listen();
    proxy = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [nats.url] } });
    client = new RpcClient(proxy, { timeoutMs: 400 });
    await client.onApplicationBootstrap();
  });

  afterAll(async () => {
    await proxy.close();
    await server.close();
    await nats.destroy();
  });

  it('answers a request', async () => {
    await expect(client.call(LookupRpc, { code: 'salon' })).resolves.toEqual({ code: 'salon', label: 'label of salon' });
  });

  it('carries a DomainException across as its code', async () => {
    const error = await client.call(LookupRpc, { code: 'missing' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainException);
    expect(error).toMatchObject({ code: DomainErrorCode.NotFound, message: 'Code missing does not exist', details: { resource: 'Code' } });
  });

  it('validates the request on both sides', async () => {
    await expect(client.call(LookupRpc, { code: '' })).rejects.toThrow(/does not match/);
    // Bypassing the client's check: the server's pipe refuses it with a validation code.
    const raw = await new Promise((resolve) => proxy.send(LookupRpc.subject, { code: 7 }).subscribe({ error: resolve, next: resolve }));
    expect(raw).toMatchObject({ code: DomainErrorCode.ValidationFailed });
  });

  it('reports a peer nobody serves as UpstreamUnavailable within the timeout', async () => {
    const started = Date.now();
    const error = await client.call(NobodyServes, { code: 'salon' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).code).toBe(DomainErrorCode.UpstreamUnavailable);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
