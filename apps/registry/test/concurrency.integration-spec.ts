import { expectProblem, startRegistry, type RegistryUnderTest } from './registry-app';

describe('registry: concurrent edits never overwrite each other silently', () => {
  let registry: RegistryUnderTest;
  let districtId: string;

  const createResource = async (name: string) => {
    const reply = await registry.call('POST', '/community-resources', {
      body: { name, districtIds: [districtId], category: 'salon', insuranceScheme: 'independent' },
    });
    expect(reply.status).toBe(201);
    return reply.body as { id: string; version: number };
  };

  beforeAll(async () => {
    registry = await startRegistry();
    await registry.loadDemo();
    districtId = (await registry.call('GET', '/districts?q=まつしま')).body.items[0].id;
  });
  afterAll(() => registry.close());

  it('creates concurrently on more connections than were ever used, each write under its request’s municipality', async () => {
    // A create sends everything with its COMMIT (ADR 0026): on a session new to the pool that COMMIT is the first
    // statement, and the municipality must be set before it (found by the bench: row-level security refused 4 in 5).
    const replies = await Promise.all(Array.from({ length: 60 }, (_, n) => registry.call('POST', '/community-resources', { body: { name: `同時登録${n}`, districtIds: [districtId], category: 'salon', insuranceScheme: 'independent' } })));
    expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 201));
    expect((await registry.call('GET', '/community-resources?q=同時登録&perPage=100')).body.items).toHaveLength(60);
  });

  it('two PATCHes from the same version: exactly one 200 and one 409', async () => {
    const resource = await createResource('松島ふれあいサロン');
    const [first, second] = await Promise.all([
      registry.call('PATCH', `/community-resources/${resource.id}`, { body: { version: resource.version, fee: '無料' } }),
      registry.call('PATCH', `/community-resources/${resource.id}`, { body: { version: resource.version, fee: '1回300円' } }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = first.status === 200 ? first : second;
    const loser = first.status === 200 ? second : first;
    expectProblem(loser, 409);
    const stored = await registry.call('GET', `/community-resources/${resource.id}`);
    expect(stored.body.fee).toBe(winner.body.fee);
    expect(stored.body.version).toBe(resource.version + 1);
  });

  it('with If-Match the loser gets 412, and the ETag carries the version', async () => {
    const resource = await createResource('松島おしゃべり会');
    const etag = (await registry.call('GET', `/community-resources/${resource.id}`)).headers['etag'];
    expect(etag).toBe(`"${resource.version}"`);
    const [first, second] = await Promise.all([
      registry.call('PATCH', `/community-resources/${resource.id}`, { body: { capacity: 10 }, headers: { 'if-match': String(etag) } }),
      registry.call('PATCH', `/community-resources/${resource.id}`, { body: { capacity: 20 }, headers: { 'if-match': String(etag) } }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 412]);
    const winner = first.status === 200 ? first : second;
    expect((await registry.call('GET', `/community-resources/${resource.id}`)).body.capacity).toBe(winner.body.capacity);
  });

  it('a stale version is refused before anything is written', async () => {
    const resource = await createResource('松島健康体操');
    const updated = await registry.call('PATCH', `/community-resources/${resource.id}`, { body: { version: resource.version, kana: 'まつしまけんこうたいそう' } });
    expect(updated.status).toBe(200);
    expect(updated.body.kana).toBe('マツシマケンコウタイソウ');
    const stale = await registry.call('PATCH', `/community-resources/${resource.id}`, { body: { version: resource.version, fee: '上書き' } });
    expectProblem(stale, 409);
    expect(stale.body.currentVersion).toBe(updated.body.version);
    const staleIfMatch = await registry.call('PATCH', `/community-resources/${resource.id}`, { body: { fee: '上書き' }, headers: { 'if-match': `"${resource.version}"` } });
    expectProblem(staleIfMatch, 412);
    expect((await registry.call('GET', `/community-resources/${resource.id}`)).body.fee).toBeNull();
  });

  it('an edit without any version is refused', async () => {
    const resource = await createResource('松島将棋クラブ');
    const reply = await registry.call('PATCH', `/community-resources/${resource.id}`, { body: { fee: '無料' } });
    expectProblem(reply, 400);
    expect(reply.body.errors.version).toBeDefined();
  });

  it('transitions also respect the version they were based on', async () => {
    const resource = await createResource('松島囲碁クラブ');
    await registry.call('PATCH', `/community-resources/${resource.id}`, { body: { version: resource.version, fee: '無料' } });
    const stale = await registry.call('POST', `/community-resources/${resource.id}/publish`, { body: { version: resource.version } });
    expectProblem(stale, 409);
    expect((await registry.call('GET', `/community-resources/${resource.id}`)).body.status).toBe('preparing');
  });

  it('districts, organisations and councils are locked the same way', async () => {
    const district = (await registry.call('GET', `/districts/${districtId}`)).body;
    const [a, b] = await Promise.all([
      registry.call('PATCH', `/districts/${districtId}`, { body: { version: district.version, office: { phone: '087-000-0001' } } }),
      registry.call('PATCH', `/districts/${districtId}`, { body: { version: district.version, office: { phone: '087-000-0002' } } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const organization = (await registry.call('GET', '/organizations?type=municipal-swc')).body.items[0];
    const [c, d] = await Promise.all([
      registry.call('PATCH', `/organizations/${organization.id}`, { body: { version: organization.version, description: 'A' } }),
      registry.call('PATCH', `/organizations/${organization.id}`, { body: { version: organization.version, description: 'B' } }),
    ]);
    expect([c.status, d.status].sort()).toEqual([200, 409]);
  });
});
