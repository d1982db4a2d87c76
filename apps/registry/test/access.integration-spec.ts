import { OTHER_MUNICIPALITY } from '@tsunagu/demo-data';
import { asSystem } from '@tsunagu/platform-testing';
import { expectProblem, startRegistry, type RegistryUnderTest } from './registry-app';

describe('registry: every route is guarded, one municipality never sees another, writes leave events and audit', () => {
  let registry: RegistryUnderTest;
  let districtId: string;
  let tokens: Record<'coordinator' | 'agency' | 'caseworker' | 'auditor' | 'otherAdmin', string>;

  beforeAll(async () => {
    registry = await startRegistry();
    await registry.loadDemo();
    districtId = (await registry.call('GET', '/districts?q=はなぞの')).body.items[0].id;
    tokens = {
      coordinator: await registry.issuer.token({ roles: ['coordinator'] }),
      agency: await registry.issuer.token({ roles: ['agency'], client: true, agency: '01900000-0000-7000-8000-000000000003' }),
      caseworker: await registry.issuer.token({ roles: ['caseworker'] }),
      auditor: await registry.issuer.token({ roles: ['auditor'] }),
      otherAdmin: await registry.issuer.token({ roles: ['admin'], municipality: OTHER_MUNICIPALITY.lgCode }),
    };
  });
  afterAll(() => registry.close());

  const resourceBody = () => ({ name: '花園 朝の体操', districtIds: [districtId], category: 'gathering-place', insuranceScheme: 'independent' });
  const count = async () => (await registry.call('GET', '/community-resources?perPage=1')).body.total as number;

  it('requires a valid token on every route', async () => {
    for (const path of ['/districts', '/organizations', '/community-resources', '/coordinators', '/councils', '/area-mappings', '/municipalities/current', '/hsds/export']) {
      expectProblem(await registry.call('GET', path, { token: null }), 401);
    }
    const forged = await registry.issuer.token({ roles: ['admin'], key: 'foreign' });
    expectProblem(await registry.call('GET', '/districts', { token: forged }), 401);
    expectProblem(await registry.call('POST', '/community-resources', { body: resourceBody(), token: null }), 401);
  });

  it('lets staff roles and agencies read, admins and coordinators write', async () => {
    for (const token of [tokens.agency, tokens.caseworker, tokens.coordinator]) {
      expect((await registry.call('GET', '/community-resources?perPage=1', { token })).status).toBe(200);
    }
    expectProblem(await registry.call('GET', '/community-resources', { token: tokens.auditor }), 403);
    const before = await count();
    expectProblem(await registry.call('POST', '/community-resources', { body: resourceBody(), token: tokens.agency }), 403);
    expectProblem(await registry.call('POST', '/community-resources', { body: resourceBody(), token: tokens.caseworker }), 403);
    expect(await count()).toBe(before);
    const created = await registry.call('POST', '/community-resources', { body: resourceBody(), token: tokens.coordinator });
    expect(created.status).toBe(201);
    expectProblem(await registry.call('POST', '/hsds/import', { body: {}, token: tokens.coordinator }), 403);
    expectProblem(await registry.call('PATCH', '/municipalities/current', { body: { version: 1, name: 'x' }, token: tokens.coordinator }), 403);
  });

  it("another municipality's token sees none of these rows", async () => {
    const other = { token: tokens.otherAdmin };
    for (const path of ['/districts', '/organizations', '/community-resources', '/coordinators', '/councils']) {
      const reply = await registry.call('GET', path, other);
      expect(reply.status).toBe(200);
      expect(reply.body.total).toBe(0);
    }
    expectProblem(await registry.call('GET', `/districts/${districtId}`, other), 404);
    expectProblem(await registry.call('GET', '/municipalities/current', other), 404);
    const hsds = (await registry.call('GET', '/hsds/export', other)).body;
    expect([hsds.organizations.length, hsds.services.length, hsds.locations.length]).toEqual([0, 0, 0]);
    // Nor can it write into them or reference them.
    const own = (await registry.call('GET', '/community-resources?perPage=1')).body.items[0];
    expectProblem(await registry.call('PATCH', `/community-resources/${own.id}`, { body: { version: own.version, fee: '乗っ取り' }, ...other }), 404);
    expectProblem(await registry.call('POST', `/community-resources/${own.id}/retire`, { body: {}, ...other }), 404);
    const foreignRef = await registry.call('POST', '/community-resources', { body: resourceBody(), ...other });
    expectProblem(foreignRef, 400);
    expect(foreignRef.body.errors.districtIds).toMatch(/unknown district/);
  });

  it('records events in the outbox in the same transaction as the change, and audits writes', async () => {
    const events = async (): Promise<{ type: string; data: { resourceId: string } }[]> =>
      // Every municipality's rows, as the operator sees them: system work under row-level security.
      asSystem(registry.orm, 'select type, data from registry.outbox_event order by id');
    const before = (await events()).length;
    const created = await registry.call('POST', '/community-resources', { body: { ...resourceBody(), name: '花園 夕方の体操' } });
    await registry.call('POST', `/community-resources/${created.body.id}/publish`, { body: {} });
    const after = await events();
    expect(after.slice(before).map((event) => event.type)).toEqual([
      'jp.tsunagu.registry.resource.registered.v1',
      'jp.tsunagu.registry.resource.published.v1',
    ]);
    expect(after[after.length - 1].data.resourceId).toBe(created.body.id);
    expect(JSON.stringify(after[after.length - 1].data)).not.toContain('花園');

    // A refused change leaves neither a row nor an event.
    const refused = await registry.call('POST', `/community-resources/${created.body.id}/publish`, { body: {} });
    expectProblem(refused, 409);
    expect((await events()).length).toBe(after.length);

    const audit = await asSystem<{ action: string; resource_type: string; outcome: string }>(
      registry.orm,
      `select action, resource_type, outcome from registry.audit_record where resource_id = ? order by seq`,
      [created.body.id],
    );
    expect(audit).toEqual([
      { action: 'create', resource_type: 'CommunityResource', outcome: 'success' },
      { action: 'transition', resource_type: 'CommunityResource', outcome: 'success' },
      { action: 'transition', resource_type: 'CommunityResource', outcome: 'error' },
    ]);
  });
});
