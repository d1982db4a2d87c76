import type { ClientProxy } from '@nestjs/microservices';
import { ContractViolationError, SearchResourcesRpc } from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY, OTHER_MUNICIPALITY } from '@tsunagu/demo-data';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { RPC_CLIENT_PROXY, RpcClient } from '@tsunagu/platform-messaging';
import { SearchResourcesUseCase } from '../src/resources/search-resources.usecase';
import { startRegistry, type RegistryUnderTest } from './registry-app';

/** Calls as a service handling a request of `municipality` (what RpcClient sends as the caller's municipality). */
function as<T>(municipality: string, work: () => Promise<T>): Promise<T> {
  return TenantContext.run({ requestId: 'rpc-test', municipality }, work);
}

describe('registry: tsunagu.rpc.registry.resources.search over NATS', () => {
  let registry: RegistryUnderTest;
  let client: RpcClient;
  let konan: string;
  const demo = DEMO_MUNICIPALITY.lgCode;

  beforeAll(async () => {
    registry = await startRegistry({ rpc: true });
    await registry.loadDemo();
    client = registry.app.get(RpcClient);
    konan = (await registry.call('GET', `/districts?q=${encodeURIComponent('こうなん')}`)).body.items[0].id;
  });
  afterAll(() => registry.close());

  it('returns published resources with ids, codes, districts and schedule', async () => {
    const reply = await as(demo, () => client.call(SearchResourcesRpc, { districtIds: [konan], weekdays: ['fr'], categories: ['day-type-b'] }));
    expect(reply.total).toBe(1);
    expect(reply.items[0]).toMatchObject({
      name: 'あんしん香南',
      category: 'day-type-b',
      districtIds: [konan],
      schedule: { frequency: 'weekly', weekdays: ['fr'], opensAt: '09:30', closesAt: '11:30' },
    });
    const text = await as(demo, () => client.call(SearchResourcesRpc, { q: 'ﾐﾏﾓﾘ' }));
    expect(text.items.map((item) => item.name)).toEqual(['見守り香南']);
  });

  it('never returns unpublished resources or another municipality’s', async () => {
    const all = await as(demo, () => client.call(SearchResourcesRpc, { limit: 100 }));
    expect(all.total).toBe(52);
    expect(all.items.map((item) => item.name)).not.toContain('四番丁ふれあいサロン（準備中）');
    const other = await as(OTHER_MUNICIPALITY.lgCode, () => client.call(SearchResourcesRpc, {}));
    expect(other).toEqual({ items: [], total: 0 });
  });

  it("searches the caller's municipality, from its context, whatever municipality the payload names (ADR 0015)", async () => {
    // A caller of the other municipality naming Takamatsu in the payload gets its own (none), not Takamatsu's.
    const intruder = await as(OTHER_MUNICIPALITY.lgCode, () => client.call(SearchResourcesRpc, { municipality: demo, limit: 100 }));
    expect(intruder).toEqual({ items: [], total: 0 });
    // And Takamatsu naming the other municipality still gets Takamatsu's own resources only.
    const own = await as(demo, () => client.call(SearchResourcesRpc, { municipality: OTHER_MUNICIPALITY.lgCode, limit: 100 }));
    expect(own.total).toBe(52);
  });

  it('refuses to call without a tenant context, and the registry refuses a request without the caller’s municipality', async () => {
    await expect(client.call(SearchResourcesRpc, { limit: 1 })).rejects.toThrow(/municipality/);
    // A request not sent by RpcClient, without the tsunagu-municipality header: RpcNatsServer refuses it before the handler.
    const proxy = registry.app.get<ClientProxy>(RPC_CLIENT_PROXY);
    const raw = await new Promise((resolve) => proxy.send(SearchResourcesRpc.subject, { municipality: demo, limit: 1 }).subscribe({ error: resolve, next: resolve }));
    expect(raw).toMatchObject({ code: DomainErrorCode.Unauthenticated });
  });

  it('refuses invalid requests on both sides of the wire', async () => {
    const invalid = { municipality: 'x', weekdays: ['friday'] } as never;
    await expect(as(demo, () => client.call(SearchResourcesRpc, invalid))).rejects.toBeInstanceOf(ContractViolationError);
    const handler = registry.app.get(SearchResourcesUseCase);
    await expect(handler.execute(invalid)).rejects.toMatchObject({ code: DomainErrorCode.ValidationFailed });
    await expect(handler.execute(invalid)).rejects.toBeInstanceOf(DomainException);
  });
});
