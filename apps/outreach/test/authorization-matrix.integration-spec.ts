import { v7 as uuidv7 } from 'uuid';
import { contactBody, DISTRICT, HOUKATSU, SHAKYO, startOutreach, targetBody, type OutreachUnderTest } from './outreach-app';

/**
 * Object-level authorization matrix (OWASP API1) under the desk access model (docs/security/access-model.md): which caller
 * can list, read and change what. Each row is one caller; each column one request against a target of Takamatsu assigned
 * to SHAKYO (社協) only, beside a second one assigned to HOUKATSU (地域包括) that the lists also count. City-wide reading is
 * for city staff of CITY_WIDE_READ_ROLES (default supervisor, coordinator, auditor); everyone else — city staff at the
 * city desk, contracted desks' staff and agency systems — sees the targets assigned to their desk.
 */
describe('outreach: authorization matrix', () => {
  let outreach: OutreachUnderTest;
  let supervisor = '';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    outreach = await startOutreach();
    // Each registered by its own desk's system, so the city desk has no relationship with either (a registering desk keeps sight).
    ids.target = (await outreach.call('POST', '/targets', { token: await outreach.agencyToken(SHAKYO), body: targetBody({ assignedOrganizationId: SHAKYO }) })).body.id;
    ids.houkatsuTarget = (await outreach.call('POST', '/targets', { token: await outreach.agencyToken(HOUKATSU), body: targetBody({ assignedOrganizationId: HOUKATSU }) })).body.id;
    supervisor = await outreach.token({ subject: 'supervisor', roles: ['supervisor'] });
    const watchPlan = { cadenceDays: 7, startedOn: '2026-01-01', watchers: [{ kind: 'volunteer', name: '見守り 一郎' }] };
    await outreach.call('PUT', `/targets/${ids.target}/watch-plan`, { token: supervisor, body: watchPlan });
  });
  afterAll(() => outreach.close());

  type Caller =
    | 'outreach-worker'
    | 'supervisor'
    | 'admin'
    | 'caseworker'
    | 'analyst'
    | 'auditor'
    | 'agencyShakyo'
    | 'agencyHoukatsu'
    | 'deskShakyo'
    | 'deskHoukatsu'
    | 'deskHoukatsuSupervisor'
    | 'otherMunicipality'
    | 'anonymous';
  const token = async (caller: Caller): Promise<string | null> => {
    switch (caller) {
      case 'deskShakyo':
        return outreach.token({ subject: 'shakyo-1', roles: ['caseworker'], agency: SHAKYO });
      case 'deskHoukatsu':
        return outreach.token({ subject: 'houkatsu-1', roles: ['caseworker'], agency: HOUKATSU });
      case 'deskHoukatsuSupervisor':
        return outreach.token({ subject: 'houkatsu-2', roles: ['supervisor'], agency: HOUKATSU });
      case 'agencyShakyo':
        return outreach.agencyToken(SHAKYO);
      case 'agencyHoukatsu':
        return outreach.agencyToken(HOUKATSU);
      case 'otherMunicipality':
        return outreach.token({ roles: ['admin'], municipality: '372021' });
      case 'anonymous':
        return null;
      default:
        return outreach.token({ subject: caller, roles: [caller] });
    }
  };

  const requests: Record<string, () => [method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown]> = {
    'list targets': () => ['GET', '/targets'],
    'read target': () => ['GET', `/targets/${ids.target}`],
    'read contacts': () => ['GET', `/targets/${ids.target}/contacts`],
    'read watch plan': () => ['GET', `/targets/${ids.target}/watch-plan`],
    'overdue visits': () => ['GET', '/overdue-visits?asOf=2026-02-01'],
    'stage (dry: bad version)': () => ['POST', `/targets/${ids.target}/stage`, { to: 'attempting', version: 99 }],
    'contact (dry: invalid)': () => ['POST', `/targets/${ids.target}/contacts`, contactBody({ result: 'unknown' })],
    'settings (dry: invalid)': () => ['PUT', '/settings', { inactivityDays: 0 }],
  };

  // Expected status per caller and request; list rows show the status and, after the slash, how many items are seen.
  const all = (status: string) => Object.fromEntries(Object.keys(requests).map((name) => [name, status]));
  const staff = { 'list targets': '200/1', 'read target': '200', 'read contacts': '200/0', 'read watch plan': '200', 'overdue visits': '200/1', 'stage (dry: bad version)': '409', 'contact (dry: invalid)': '400' };
  const cityWide = { ...staff, 'list targets': '200/2' };
  const otherDesk = { 'list targets': '200/1', 'read target': '404', 'read contacts': '404', 'read watch plan': '404', 'overdue visits': '200/0', 'stage (dry: bad version)': '404', 'contact (dry: invalid)': '400' };
  const noDesk = { ...otherDesk, 'list targets': '200/0' };
  const expected: Record<Caller, Record<string, string>> = {
    // The city desk has no target here: a city outreach worker, admin or caseworker without a city-wide role sees none.
    'outreach-worker': { ...noDesk, 'settings (dry: invalid)': '403' },
    supervisor: { ...cityWide, 'settings (dry: invalid)': '400' },
    admin: { ...noDesk, 'settings (dry: invalid)': '400' },
    caseworker: { ...noDesk, 'settings (dry: invalid)': '403' },
    analyst: all('403'),
    auditor: all('403'),
    agencyShakyo: { ...staff, 'settings (dry: invalid)': '403' },
    agencyHoukatsu: { ...otherDesk, 'settings (dry: invalid)': '403' },
    deskShakyo: { ...staff, 'settings (dry: invalid)': '403' },
    deskHoukatsu: { ...otherDesk, 'settings (dry: invalid)': '403' },
    // A contracted desk's supervisor never reads city-wide, nor sets the municipality's inactivity rule.
    deskHoukatsuSupervisor: { ...otherDesk, 'settings (dry: invalid)': '403' },
    otherMunicipality: { ...noDesk, 'settings (dry: invalid)': '400' },
    anonymous: all('401'),
  };

  it.each(Object.keys(expected) as Caller[])('%s', async (caller) => {
    const bearer = await token(caller);
    const actual: Record<string, string> = {};
    for (const [name, build] of Object.entries(requests)) {
      const [method, path, body] = build();
      const reply = await outreach.call(method, path, { token: bearer, ...(body !== undefined ? { body } : {}) });
      actual[name] = reply.status === 200 && Array.isArray(reply.body?.items) ? `200/${reply.body.total}` : String(reply.status);
    }
    expect(actual).toEqual(expected[caller]);
    // Nothing changed hands: the target is still untouched.
    expect((await outreach.call('GET', `/targets/${ids.target}`, { token: supervisor })).body.stage).toBe('not-contacted');
  });
});

/**
 * DV address protection per role (住基 DV等支援措置, from intake's person.protection-changed): for a target whose person
 * is protected, each caller either sees its district and place or gets them masked (addressMasked) — in the list, the
 * detail, the watch plan, the overdue visits and the inactivity alerts — and the district filter and the place search
 * never find it for callers who may not see it. Only OUTREACH_DV_ADDRESS_ROLES (default supervisor, admin) see.
 */
describe('outreach: DV address protection per role', () => {
  let outreach: OutreachUnderTest;
  const personId = uuidv7();
  let targetId = '';

  beforeAll(async () => {
    outreach = await startOutreach();
    await outreach.knowPerson(personId, { protections: ['dv-address'] });
    const created = await outreach.call('POST', '/targets', {
      // Each city caller below is assigned in person, so this matrix is about the place only, not about who reaches the target.
      body: targetBody({
        personId,
        locationDescription: '瓦町の青い屋根のアパート2階',
        assignedOrganizationId: SHAKYO,
        assignedStaff: ['outreach-1', 'outreach-worker', 'admin', 'caseworker'],
        discoveredOn: '2026-01-05',
      }),
    });
    expect(created.status).toBe(201);
    targetId = created.body.id;
    await outreach.call('PUT', `/targets/${targetId}/watch-plan`, { body: { cadenceDays: 7, startedOn: '2026-01-05', watchers: [{ kind: 'volunteer', name: '見守り 二郎' }] } });
    await outreach.runChecks(new Date('2026-03-01T00:00:00Z'));
  });
  afterAll(() => outreach.close());

  type Caller = 'outreach-worker' | 'supervisor' | 'admin' | 'caseworker' | 'agencyShakyo' | 'agencyHoukatsu' | 'otherMunicipality';
  const token = async (caller: Caller): Promise<string | null> => {
    switch (caller) {
      case 'agencyShakyo':
        return outreach.agencyToken(SHAKYO);
      case 'agencyHoukatsu':
        return outreach.agencyToken(HOUKATSU);
      case 'otherMunicipality':
        return outreach.token({ roles: ['admin'], municipality: '372021' });
      default:
        return outreach.token({ subject: caller, roles: [caller] });
    }
  };

  // What a reply shows of the place: 'seen' (district and place), 'masked' (null with addressMasked), or the status / count.
  function place(body: { districtId?: string | null; locationDescription?: string | null; addressMasked?: boolean }): string {
    if (body.districtId === DISTRICT && body.addressMasked === false) return 'seen';
    if (body.districtId === null && body.addressMasked === true && !body.locationDescription) return 'masked';
    return `unexpected ${JSON.stringify(body)}`;
  }
  const requests: Record<string, (bearer: string | null) => Promise<string>> = {
    list: async (bearer) => {
      const reply = await outreach.call('GET', '/targets', { token: bearer });
      return reply.status === 200 ? (reply.body.items[0] ? place(reply.body.items[0]) : '0') : String(reply.status);
    },
    detail: async (bearer) => {
      const reply = await outreach.call('GET', `/targets/${targetId}`, { token: bearer });
      return reply.status === 200 ? place(reply.body) : String(reply.status);
    },
    'district filter': async (bearer) => {
      const reply = await outreach.call('GET', `/targets?districtId=${DISTRICT}`, { token: bearer });
      return reply.status === 200 ? String(reply.body.total) : String(reply.status);
    },
    'place search': async (bearer) => {
      const reply = await outreach.call('GET', `/targets?q=${encodeURIComponent('瓦町')}`, { token: bearer });
      return reply.status === 200 ? String(reply.body.total) : String(reply.status);
    },
    'watch plan': async (bearer) => {
      const reply = await outreach.call('GET', `/targets/${targetId}/watch-plan`, { token: bearer });
      return reply.status === 200 ? (reply.body.addressMasked ? 'masked' : reply.body.districtId === DISTRICT ? 'seen' : 'unexpected') : String(reply.status);
    },
    overdue: async (bearer) => {
      const reply = await outreach.call('GET', '/overdue-visits?asOf=2026-03-01', { token: bearer });
      return reply.status === 200 ? (reply.body.items[0] ? place(reply.body.items[0]) : '0') : String(reply.status);
    },
    'overdue by district': async (bearer) => {
      const reply = await outreach.call('GET', `/overdue-visits?asOf=2026-03-01&districtId=${DISTRICT}`, { token: bearer });
      return reply.status === 200 ? String(reply.body.total) : String(reply.status);
    },
    alerts: async (bearer) => {
      const reply = await outreach.call('GET', '/inactivity-alerts', { token: bearer });
      const [alert] = reply.body?.items ?? [];
      return reply.status === 200 ? (alert ? (alert.addressMasked ? 'masked' : alert.districtId === DISTRICT ? 'seen' : 'unexpected') : '0') : String(reply.status);
    },
    'alerts by district': async (bearer) => {
      const reply = await outreach.call('GET', `/inactivity-alerts?districtId=${DISTRICT}`, { token: bearer });
      return reply.status === 200 ? String(reply.body.total) : String(reply.status);
    },
  };
  const sees = { list: 'seen', detail: 'seen', 'district filter': '1', 'place search': '1', 'watch plan': 'seen', overdue: 'seen', 'overdue by district': '1', alerts: 'seen', 'alerts by district': '1' };
  const masked = { list: 'masked', detail: 'masked', 'district filter': '0', 'place search': '0', 'watch plan': 'masked', overdue: 'masked', 'overdue by district': '0', alerts: 'masked', 'alerts by district': '0' };
  const nothing = { list: '0', detail: '404', 'district filter': '0', 'place search': '0', 'watch plan': '404', overdue: '0', 'overdue by district': '0', alerts: '0', 'alerts by district': '0' };
  const expected: Record<Caller, Record<string, string>> = {
    'outreach-worker': masked,
    supervisor: sees,
    admin: sees,
    caseworker: masked,
    agencyShakyo: masked,
    agencyHoukatsu: nothing,
    otherMunicipality: nothing,
  };

  it.each(Object.keys(expected) as Caller[])('%s', async (caller) => {
    const bearer = await token(caller);
    const actual: Record<string, string> = {};
    for (const [name, request] of Object.entries(requests)) actual[name] = await request(bearer);
    expect(actual).toEqual(expected[caller]);
  });

  it('a caller who may not see the place cannot overwrite it blind (400 naming the field)', async () => {
    const version = (await outreach.call('GET', `/targets/${targetId}`)).body.version;
    for (const field of ['districtId', 'locationDescription']) {
      const reply = await outreach.call('PATCH', `/targets/${targetId}`, { body: { [field]: field === 'districtId' ? uuidv7() : 'どこか', version } });
      expect(reply.status).toBe(400);
      expect(reply.body.errors).toHaveProperty(field);
    }
    const supervisor = await outreach.token({ subject: 'supervisor', roles: ['supervisor'] });
    expect((await outreach.call('PATCH', `/targets/${targetId}`, { token: supervisor, body: { riskLevel: 'high', version } })).status).toBe(200);
  });
});
