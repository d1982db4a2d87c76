import { ContractViolationError, SearchResourcesRpc } from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY, OTHER_MUNICIPALITY } from '@tsunagu/demo-data';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-http';
import { RpcClient } from '@tsunagu/platform-messaging';
import { SearchResourcesUseCase } from '../src/resources/search-resources.usecase';
import { startRegistry, type RegistryUnderTest } from './registry-app';

describe('registry: tsunagu.rpc.registry.resources.search over NATS', () => {
  let registry: RegistryUnderTest;
  let client: RpcClient;
  let konan: string;

  beforeAll(async () => {
    registry = await startRegistry({ rpc: true });
    await registry.loadDemo();
    client = registry.app.get(RpcClient);
    konan = (await registry.call('GET', `/districts?q=${encodeURIComponent('こうなん')}`)).body.items[0].id;
  });
  afterAll(() => registry.close());

  it('returns published resources with ids, codes, districts and schedule', async () => {
    const reply = await client.call(SearchResourcesRpc, { municipality: DEMO_MUNICIPALITY.lgCode, districtIds: [konan], weekdays: ['fr'], categories: ['day-type-b'] });
    expect(reply.total).toBe(1);
    expect(reply.items[0]).toMatchObject({
      name: 'あんしん香南',
      category: 'day-type-b',
      districtIds: [konan],
      schedule: { frequency: 'weekly', weekdays: ['fr'], opensAt: '09:30', closesAt: '11:30' },
    });
    const text = await client.call(SearchResourcesRpc, { municipality: DEMO_MUNICIPALITY.lgCode, q: 'ﾐﾏﾓﾘ' });
    expect(text.items.map((item) => item.name)).toEqual(['見守り香南']);
  });

  it('never returns unpublished resources or another municipality’s', async () => {
    const all = await client.call(SearchResourcesRpc, { municipality: DEMO_MUNICIPALITY.lgCode, limit: 100 });
    expect(all.total).toBe(52);
    expect(all.items.map((item) => item.name)).not.toContain('四番丁ふれあいサロン（準備中）');
    const other = await client.call(SearchResourcesRpc, { municipality: OTHER_MUNICIPALITY.lgCode });
    expect(other).toEqual({ items: [], total: 0 });
  });

  it('refuses invalid requests on both sides of the wire', async () => {
    const invalid = { municipality: 'x', weekdays: ['friday'] } as never;
    await expect(client.call(SearchResourcesRpc, invalid)).rejects.toBeInstanceOf(ContractViolationError);
    const handler = registry.app.get(SearchResourcesUseCase);
    await expect(handler.execute(invalid)).rejects.toMatchObject({ code: DomainErrorCode.ValidationFailed });
    await expect(handler.execute(invalid)).rejects.toBeInstanceOf(DomainException);
  });
});
