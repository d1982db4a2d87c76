import { Controller, UseFilters, type INestMicroservice } from '@nestjs/common';
import { ClientProxyFactory, MessagePattern, NatsRecordBuilder, Payload, Transport, type ClientProxy } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { defineRpc, MESSAGE_HEADERS, type RpcContract } from '@tsunagu/contracts';
import { TenantContext, TenantContextMissingError } from '@tsunagu/platform-context';
import { ProblemDetailsFilter } from '@tsunagu/platform-http';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { startTestNats, type TestNats } from '@tsunagu/platform-testing';
// eslint-disable-next-line no-restricted-imports -- raw requests through Nest's NATS transport take the legacy package's headers, as RpcClient's do.
import { headers as natsHeaders } from 'nats';
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

/** Codes the handler ran for: a refused request must never reach it. */
const handled: string[] = [];

@Controller()
@UseFilters(RpcDomainExceptionFilter)
class LookupController {
  @MessagePattern(LookupRpc.subject)
  lookup(@Payload(new RpcRequestPipe(LookupRpc)) request: LookupRequest): LookupResponse {
    handled.push(request.code);
    if (request.code === 'missing') throw DomainException.notFound('Code', request.code);
    // Whom the handler runs as: the caller's municipality from the tsunagu-municipality header (ADR 0015).
    if (request.code === 'tenant') return { code: request.code, label: TenantContext.municipality() ?? 'none' };
    return { code: request.code, label: `label of ${request.code}` };
  }
}

describe('request-reply over NATS', () => {
  let nats: TestNats;
  let server: INestMicroservice;
  let proxy: ClientProxy;
  let rpcClient: RpcClient;
  /** The RpcClient as a service uses it: inside the TenantContext of the work that calls (here 372013). */
  const client = {
    call: <Q, R>(contract: RpcContract<Q, R>, request: Q): Promise<R> => TenantContext.run({ requestId: 'rpc-test', municipality: '372013' }, () => rpcClient.call(contract, request)),
  };

  /** A request as any NATS client could send it, bypassing RpcClient, with the municipality header only when given. */
  const sendRaw = (payload: unknown, municipality?: string): Promise<unknown> => {
    const headers = natsHeaders();
    if (municipality) headers.set(MESSAGE_HEADERS.municipality, municipality);
    const record = new NatsRecordBuilder(payload).setHeaders(headers).build();
    return new Promise((resolve) => proxy.send(LookupRpc.subject, record).subscribe({ error: resolve, next: resolve }));
  };

  beforeAll(async () => {
    nats = await startTestNats();
    const moduleRef = await Test.createTestingModule({ controllers: [LookupController] }).compile();
    server = moduleRef.createNestMicroservice(rpcServerOptions({ service: 'lookup', natsUrl: nats.url, gracePeriodMs: 50 }));
    server.useLogger(false);
    // The filter a hybrid service inherits from its HTTP side: the RPC filter on the controller must win.
    server.useGlobalFilters(new ProblemDetailsFilter());
    await server.listen();
    proxy = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [nats.url] } });
    rpcClient = new RpcClient(proxy, { timeoutMs: 400 });
    await rpcClient.onApplicationBootstrap();
  });

  afterAll(async () => {
    await proxy.close();
    await server.close();
    await nats.destroy();
  });

  it('answers a request', async () => {
    await expect(client.call(LookupRpc, { code: 'salon' })).resolves.toEqual({ code: 'salon', label: 'label of salon' });
  });

  it("runs the handler as the caller's municipality, sent from the caller's context; no context, no call", async () => {
    await expect(client.call(LookupRpc, { code: 'tenant' })).resolves.toEqual({ code: 'tenant', label: '372013' });
    await expect(TenantContext.run({ requestId: 'other', municipality: '372021' }, () => rpcClient.call(LookupRpc, { code: 'tenant' }))).resolves.toEqual({ code: 'tenant', label: '372021' });
    await expect(rpcClient.call(LookupRpc, { code: 'tenant' })).rejects.toBeInstanceOf(TenantContextMissingError);
  });

  it('refuses a request without the caller’s municipality before any handler runs, as Unauthenticated', async () => {
    handled.length = 0;
    // Not from RpcClient: no tsunagu-municipality header, or one that is not a 全国地方公共団体コード.
    expect(await sendRaw({ code: 'tenant' })).toMatchObject({ code: DomainErrorCode.Unauthenticated, details: { subject: LookupRpc.subject } });
    expect(await sendRaw({ code: 'tenant' }, 'Takamatsu')).toMatchObject({ code: DomainErrorCode.Unauthenticated });
    expect(handled).toEqual([]);
    expect(await sendRaw({ code: 'tenant' }, '372013')).toEqual({ code: 'tenant', label: '372013' });
  });

  it('carries a DomainException across as its code', async () => {
    const error = await client.call(LookupRpc, { code: 'missing' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainException);
    expect(error).toMatchObject({ code: DomainErrorCode.NotFound, message: 'Code missing does not exist', details: { resource: 'Code' } });
  });

  it('validates the request on both sides', async () => {
    await expect(client.call(LookupRpc, { code: '' })).rejects.toThrow(/does not match/);
    // Bypassing the client's check: the server's pipe refuses it with a validation code.
    expect(await sendRaw({ code: 7 }, '372013')).toMatchObject({ code: DomainErrorCode.ValidationFailed });
  });

  it('reports a peer nobody serves as UpstreamUnavailable within the timeout', async () => {
    const started = Date.now();
    const error = await client.call(NobodyServes, { code: 'salon' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).code).toBe(DomainErrorCode.UpstreamUnavailable);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
