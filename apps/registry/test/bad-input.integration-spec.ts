import { Client } from 'pg';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { asSystem } from '@tsunagu/platform-testing';
import { API, expectProblem, startRegistry, type RegistryUnderTest } from './registry-app';

describe('registry: bad input is refused with problem+json and writes nothing', () => {
  let registry: RegistryUnderTest;
  let districtId: string;

  const count = async (collection: string) => (await registry.call('GET', `/${collection}?perPage=1`)).body.total as number;
  const validResource = () => ({ name: 'テスト通いの場', districtIds: [districtId], category: 'gathering-place', insuranceScheme: 'independent' });

  beforeAll(async () => {
    registry = await startRegistry();
    await registry.loadDemo();
    districtId = (await registry.call('GET', '/districts?q=香南')).body.items[0].id;
  });
  afterAll(() => registry.close());

  it('rejects malformed JSON', async () => {
    const before = await count('community-resources');
    const reply = await registry.call('POST', '/community-resources', { raw: '{"name": "壊れた', headers: { 'content-type': 'application/json' } });
    expectProblem(reply, 400);
    expect(reply.body.detail).toMatch(/JSON/);
    expect(await count('community-resources')).toBe(before);
  });

  it('rejects bodies over the size limit and media types it does not read', async () => {
    const before = await count('community-resources');
    const oversize = JSON.stringify({ ...validResource(), description: 'あ'.repeat(1024 * 1024) });
    const tooLarge = await registry.call('POST', '/community-resources', { raw: oversize, headers: { 'content-type': 'application/json' } });
    expectProblem(tooLarge, 413);
    const wrongType = await registry.call('POST', '/community-resources', { raw: '<resource/>', headers: { 'content-type': 'application/xml' } });
    expectProblem(wrongType, 415);
    expect(await count('community-resources')).toBe(before);
  });

  it('rejects unknown fields and names them', async () => {
    const before = await count('community-resources');
    const reply = await registry.call('POST', '/community-resources', { body: { ...validResource(), status: 'active', municipality: '999999' } });
    expectProblem(reply, 400);
    expect(reply.body.errors).toEqual(expect.objectContaining({ status: 'status is not a known field', municipality: 'municipality is not a known field' }));
    expect(await count('community-resources')).toBe(before);
  });

  it('rejects wrong types and unknown codes, naming each field (nested too)', async () => {
    const before = await count('community-resources');
    const reply = await registry.call('POST', '/community-resources', {
      body: { ...validResource(), capacity: 'ten', category: '訪問型サービスB', districtIds: 'all', schedule: { weekdays: ['friday'], opensAt: '25:00' } },
    });
    expectProblem(reply, 400);
    expect(Object.keys(reply.body.errors)).toEqual(
      expect.arrayContaining(['capacity', 'category', 'districtIds', 'schedule.weekdays', 'schedule.opensAt']),
    );
    expect(await count('community-resources')).toBe(before);
  });

  it('refuses lists over their cap, naming the field, without walking the whole list', async () => {
    const before = await count('community-resources');
    const manyDistricts = Array.from({ length: 10_000 }, (_, index) => `01900000-0000-7000-8000-${String(index).padStart(12, '0')}`);
    const resource = await registry.call('POST', '/community-resources', { body: { ...validResource(), districtIds: manyDistricts } });
    expectProblem(resource, 400);
    expect(resource.body.errors.districtIds).toMatch(/no more than 200/);
    expect(await count('community-resources')).toBe(before);

    const councils = await count('councils');
    const council = await registry.call('POST', '/councils', { body: { layer: 1, name: '大きすぎる協議体', members: Array.from({ length: 10_000 }, () => ({ role: 5 })) } });
    expectProblem(council, 400);
    expect(council.body.errors.members).toMatch(/no more than 100/);
    // Cut to one item past the cap before validation: members 0–100 are named, never all 10,000.
    expect(Object.keys(council.body.errors).filter((field) => field.startsWith('members.'))).toHaveLength(101);
    expect(await count('councils')).toBe(councils);
  });

  it('rejects references to districts that do not exist', async () => {
    const before = await count('community-resources');
    const reply = await registry.call('POST', '/community-resources', { body: { ...validResource(), districtIds: ['01900000-0000-7000-8000-00000000dead'] } });
    expectProblem(reply, 400);
    expect(reply.body.errors.districtIds).toMatch(/unknown district/);
    expect(await count('community-resources')).toBe(before);
  });

  it('names only the unknown districts of a create, whose row checks them at its COMMIT, and writes nothing of it', async () => {
    const before = await count('community-resources');
    const unknown = ['01900000-0000-7000-8000-00000000beef', '01900000-0000-7000-8000-0000000000ad'];
    const reply = await registry.call('POST', '/community-resources', { body: { ...validResource(), districtIds: [districtId, ...unknown] } });
    expectProblem(reply, 400);
    expect(reply.body.errors.districtIds).toBe(`unknown district id(s): ${[...unknown].sort().join(', ')}`);
    expect(JSON.stringify(reply.body)).not.toContain(districtId);
    expect(await count('community-resources')).toBe(before);
    const trail = await asSystem(registry.orm, `select (select count(*)::int from registry.outbox_event where data->>'districtIds' like '%beef%') as events`);
    expect(trail).toEqual([{ events: 0 }]);
  });

  it('refuses, in the database itself, a resource row naming a district that does not exist in its municipality — on insert and on update, at the COMMIT', async () => {
    const client = new Client({ connectionString: registry.database.applicationUrl });
    await client.connect();
    try {
      await client.query("select set_config('app.municipality', $1, false), set_config('app.system', '', false)", [DEMO_MUNICIPALITY.lgCode]);
      const [{ id, district_ids: known }] = (await client.query('select id, district_ids from registry.community_resource limit 1')).rows;
      const refused = async (sql: string, values: unknown[]) => {
        await client.query('begin');
        try {
          await client.query(sql, values);
          await client.query('commit');
          return undefined;
        } catch (error) {
          await client.query('rollback');
          return error as { code?: string; constraint?: string; column?: string; detail?: string };
        }
      };
      const update = `update registry.community_resource set district_ids = $2 where id = $1`;
      expect(await refused(update, [id, ['01900000-0000-7000-8000-00000000beef']])).toMatchObject({
        code: '23503',
        constraint: 'community_resource_district_ids_known',
        column: 'district_ids',
        detail: '01900000-0000-7000-8000-00000000beef',
      });
      // A district of another municipality is unknown here, though it exists.
      const foreign = await asSystem(registry.orm, `insert into registry.district (id, municipality, short_name, official_name, kana, sort_order) values (gen_random_uuid(), '372021', '他市', '他市', 'タシ', 1) returning id`);
      expect(await refused(update, [id, [foreign[0].id]])).toMatchObject({ code: '23503', detail: foreign[0].id });
      expect(await refused(update, [id, known])).toBeUndefined();
      expect((await client.query('select district_ids from registry.community_resource where id = $1', [id])).rows[0].district_ids).toEqual(known);
    } finally {
      await client.end();
    }
  });

  it('caps page size and checks sort fields', async () => {
    const oversize = await registry.call('GET', '/community-resources?perPage=1000');
    expectProblem(oversize, 400);
    expect(oversize.body.errors.perPage).toMatch(/100/);
    const badSort = await registry.call('GET', '/community-resources?sort=searchText');
    expectProblem(badSort, 400);
    expect(badSort.body.errors.sort).toBeDefined();
    const badFilter = await registry.call('GET', '/community-resources?weekday=friday&public=maybe');
    expectProblem(badFilter, 400);
    expect(Object.keys(badFilter.body.errors).sort()).toEqual(['public', 'weekday']);
  });

  it('refuses invalid transitions with 409, naming the transition and the allowed ones', async () => {
    const created = await registry.call('POST', '/community-resources', { body: validResource() });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('preparing');
    const id = created.body.id as string;

    const resume = await registry.call('POST', `/community-resources/${id}/resume`, { body: {} });
    expectProblem(resume, 409);
    expect(resume.body.code).toBe('invalid-transition');
    expect(resume.body.transition).toEqual({ from: 'preparing', action: 'resume', allowed: ['publish', 'retire', 'verify'] });

    expect((await registry.call('POST', `/community-resources/${id}/publish`, { body: {} })).body.status).toBe('active');
    expect((await registry.call('POST', `/community-resources/${id}/suspend`, { body: {} })).body.status).toBe('suspended');
    expect((await registry.call('POST', `/community-resources/${id}/resume`, { body: {} })).body.status).toBe('active');
    const retired = await registry.call('POST', `/community-resources/${id}/retire`, { body: {} });
    expect(retired.body.status).toBe('retired');

    const afterRetire = await registry.call('POST', `/community-resources/${id}/publish`, { body: {} });
    expectProblem(afterRetire, 409);
    expect(afterRetire.body.transition).toEqual({ from: 'retired', action: 'publish', allowed: [] });
    const unchanged = await registry.call('GET', `/community-resources/${id}`);
    expect(unchanged.body.status).toBe('retired');
    expect(unchanged.body.version).toBe(retired.body.version);
  });

  it('answers 404 problems for unknown ids and 400 for malformed ids', async () => {
    expectProblem(await registry.call('GET', '/community-resources/01900000-0000-7000-8000-00000000beef'), 404);
    expectProblem(await registry.call('GET', '/community-resources/not-a-uuid'), 400);
  });

  it('offers no way to delete', async () => {
    const list = await registry.call('GET', '/community-resources?perPage=1');
    const id = list.body.items[0].id;
    const token = await registry.issuer.token({ roles: ['admin'] });
    const response = await registry.app.inject({ method: 'DELETE', url: `${API}/community-resources/${id}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(404);
    expect((await registry.call('GET', `/community-resources/${id}`)).status).toBe(200);
  });
});
