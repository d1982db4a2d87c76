import { v7 as uuidv7 } from 'uuid';
import { OTHER_MUNICIPALITY } from '@tsunagu/demo-data';
import { DISTRICT_HOME, DISTRICT_NEAR, expectProblem, HOST_ORG, needBody, startMatching, type MatchingUnderTest } from './matching-app';

/** An organisation the registry has — but in another municipality. */
const FOREIGN_ORG = '01900000-0000-7000-8000-0000000000f1';

/** Bad input is a 4xx problem+json naming the field (never a 500); roles decide who may do what. */
describe('matching: bad input and the authorization matrix', () => {
  let matching: MatchingUnderTest;
  let needId: string;
  let hostId!: string;

  beforeAll(async () => {
    matching = await startMatching();
    await matching.registerOrganizations([FOREIGN_ORG], OTHER_MUNICIPALITY.lgCode);
    needId = (await matching.call('POST', '/needs', { body: needBody(await matching.knownPerson()) })).body.id;
    hostId = (await matching.call('POST', '/hosts', { body: { organizationId: HOST_ORG, name: '受入先', hostTypes: ['npo'], accepts: ['ibasho'] } })).body.id;
  });
  afterAll(() => matching.close());

  const cases: [name: string, field: string, method: 'POST' | 'PATCH' | 'GET' | 'PUT', path: () => string, body: unknown][] = [
    ['unknown purpose', 'purposes', 'POST', () => '/needs', { ...needBody(uuidv7()), purposes: ['居場所'] }],
    ['no purpose', 'purposes', 'POST', () => '/needs', { ...needBody(uuidv7()), purposes: [] }],
    ['person id not a uuid', 'personId', 'POST', () => '/needs', { ...needBody('yamada'), personId: 'yamada' }],
    ['bad weekday in availability', 'availability.0.weekday', 'POST', () => '/needs', { ...needBody(uuidv7()), availability: [{ weekday: '火', slot: 'morning' }] }],
    ['10,000 purposes', 'purposes', 'POST', () => '/needs', { ...needBody(uuidv7()), purposes: Array.from({ length: 10_000 }, () => 'ibasho') }],
    ['10,000 interests', 'interests', 'POST', () => '/needs', { ...needBody(uuidv7()), interests: Array.from({ length: 10_000 }, (_, index) => `関心${index}`) }],
    ['10,000 preferred districts', 'preferredDistrictIds', 'POST', () => '/needs', { ...needBody(uuidv7()), preferredDistrictIds: Array.from({ length: 10_000 }, () => uuidv7()) }],
    ['negative group size', 'maxGroupSize', 'POST', () => '/needs', { ...needBody(uuidv7()), maxGroupSize: -1 }],
    ['unknown field', 'familyName', 'POST', () => '/needs', { ...needBody(uuidv7()), familyName: '山田' }],
    ['edit without a version', 'version', 'PATCH', () => `/needs/${needId}`, { interests: ['読書'] }],
    ['unknown need status', 'status', 'POST', () => `/needs/${needId}/status`, { status: 'done' }],
    ['unknown host type', 'hostTypes', 'POST', () => '/hosts', { organizationId: uuidv7(), name: 'x', hostTypes: ['bank'], accepts: [] }],
    ['host for an organisation the registry does not know', 'organizationId', 'POST', () => '/hosts', { organizationId: uuidv7(), name: 'x', hostTypes: ['npo'], accepts: [] }],
    ['host for another municipality’s organisation', 'organizationId', 'POST', () => '/hosts', { organizationId: FOREIGN_ORG, name: 'x', hostTypes: ['npo'], accepts: [] }],
    ['menu for an unknown host', 'hostId', 'POST', () => '/opportunities', { hostId: uuidv7(), title: 'x', purposes: ['ibasho'] }],
    ['menu fee not an integer', 'fee', 'POST', () => '/opportunities', { hostId, title: 'x', purposes: ['ibasho'], fee: 'free' }],
    ['proposal for an unknown need', 'needId', 'POST', () => '/matches', { needId: uuidv7(), opportunityId: uuidv7() }],
    ['end reason not a code', 'reason', 'POST', () => `/matches/${uuidv7()}/transition`, { status: 'ended', reason: '辞退' }],
    ['transition date not a date', 'on', 'POST', () => `/matches/${uuidv7()}/transition`, { status: 'visit', on: '令和7年5月1日' }],
    ['follow-up side not a code', 'side', 'POST', () => `/matches/${uuidv7()}/follow-ups`, { side: '本人', method: 'visit' }],
    ['suggestion limit too large', 'limit', 'GET', () => `/needs/${needId}/suggestions?limit=1000`, undefined],
    ['sort by an unknown field', 'sort', 'GET', () => '/needs?sort=-familyName', undefined],
    ['gap year not a number', 'fiscalYear', 'GET', () => '/gaps?fiscalYear=R7', undefined],
  ];

  it.each(cases)('%s → 400 naming %s', async (_name, field, method, path, body) => {
    const reply = await matching.call(method, path(), { body });
    expectProblem(reply, 400);
    expect(Object.keys(reply.body.errors ?? {})).toContain(field);
  });

  it('weights: admin only, integers 0–100 with one above 0; saved per municipality; a stale version is refused', async () => {
    const admin = await matching.token({ roles: ['admin'] });
    const weights = { purpose: 40, interest: 20, schedule: 15, proximity: 10, accommodation: 5, 'group-size': 5, fee: 3, 'seats-left': 2 };
    expectProblem(await matching.call('PUT', '/settings/weights', { body: weights }), 403);
    // The weights apply to every desk of the municipality: an admin role on a contracted desk's account does not set them.
    const deskAdmin = await matching.token({ roles: ['admin'], agency: HOST_ORG });
    const refused = await matching.call('PUT', '/settings/weights', { token: deskAdmin, body: weights });
    expectProblem(refused, 403);
    expect(refused.body.cityStaffOnly).toBe(true);
    const bad = await matching.call('PUT', '/settings/weights', { token: admin, body: { ...weights, fee: 101 } });
    expectProblem(bad, 400);
    expect(bad.body.errors.fee).toBeDefined();
    const zero = await matching.call('PUT', '/settings/weights', { token: admin, body: Object.fromEntries(Object.keys(weights).map((key) => [key, 0])) });
    expectProblem(zero, 400);
    expect((await matching.call('GET', '/settings/weights')).body.isDefault).toBe(true);
    const saved = await matching.call('PUT', '/settings/weights', { token: admin, body: weights });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ weights, isDefault: false, version: 1 });
    expectProblem(await matching.call('PUT', '/settings/weights', { token: admin, body: { ...weights, version: 7 } }), 409);
    expect((await matching.call('GET', '/settings/weights')).body.weights).toEqual(weights);
  });

  type Caller =
    | 'participation-worker'
    | 'caseworker'
    | 'coordinator'
    | 'admin'
    | 'supervisor'
    | 'analyst'
    | 'auditor'
    | 'agency'
    | 'deskHost'
    | 'deskSupervisor'
    | 'otherMunicipality'
    | 'anonymous';
  const token = async (caller: Caller): Promise<string | null> => {
    if (caller === 'anonymous') return null;
    // Staff of the host organisation's desk, and its manager (a contracted desk never reads city-wide).
    if (caller === 'deskHost') return matching.token({ subject: 'host-desk-1', roles: ['caseworker'], agency: HOST_ORG });
    if (caller === 'deskSupervisor') return matching.token({ subject: 'host-desk-2', roles: ['supervisor'], agency: HOST_ORG });
    if (caller === 'agency') return matching.agencyToken(HOST_ORG);
    if (caller === 'otherMunicipality') return matching.token({ roles: ['admin'], municipality: '372021' });
    return matching.token({ subject: caller, roles: [caller] });
  };
  const requests: Record<string, () => [method: 'GET' | 'POST', path: string, body?: unknown]> = {
    'list needs': () => ['GET', '/needs'],
    'read need': () => ['GET', `/needs/${needId}`],
    suggestions: () => ['GET', `/needs/${needId}/suggestions`],
    'list hosts': () => ['GET', '/hosts'],
    'list opportunities': () => ['GET', '/opportunities'],
    'list matches': () => ['GET', '/matches'],
    'gaps per district': () => ['GET', '/gaps'],
  };
  // Under the desk access model the need (registered by another participation worker, no match yet) is read city-wide
  // by the city's supervisors only; everyone else lists none and gets 404 for it (docs/security/access-model.md).
  const related = { 'list needs': 200, 'read need': 200, suggestions: 200, 'list hosts': 200, 'list opportunities': 200, 'list matches': 200, 'gaps per district': 200 };
  const unrelated = { ...related, 'read need': 404, suggestions: 404 };
  const expected: Record<Caller, Record<string, number>> = {
    'participation-worker': unrelated,
    caseworker: unrelated,
    coordinator: { 'list needs': 403, 'read need': 403, suggestions: 403, 'list hosts': 200, 'list opportunities': 200, 'list matches': 403, 'gaps per district': 200 },
    admin: unrelated,
    supervisor: related,
    analyst: { 'list needs': 403, 'read need': 403, suggestions: 403, 'list hosts': 403, 'list opportunities': 403, 'list matches': 403, 'gaps per district': 200 },
    auditor: { 'list needs': 403, 'read need': 403, suggestions: 403, 'list hosts': 403, 'list opportunities': 403, 'list matches': 403, 'gaps per district': 403 },
    agency: { 'list needs': 403, 'read need': 403, suggestions: 403, 'list hosts': 403, 'list opportunities': 200, 'list matches': 200, 'gaps per district': 403 },
    deskHost: unrelated,
    deskSupervisor: unrelated,
    otherMunicipality: { 'list needs': 200, 'read need': 404, suggestions: 404, 'list hosts': 200, 'list opportunities': 200, 'list matches': 200, 'gaps per district': 200 },
    anonymous: { 'list needs': 401, 'read need': 401, suggestions: 401, 'list hosts': 401, 'list opportunities': 401, 'list matches': 401, 'gaps per district': 401 },
  };

  it.each(Object.keys(expected) as Caller[])('%s gets what its role and scope allow', async (caller) => {
    const bearer = await token(caller);
    const seen: Record<string, number> = {};
    for (const [name, request] of Object.entries(requests)) {
      const [method, path, body] = request();
      seen[name] = (await matching.call(method, path, { token: bearer, body })).status;
    }
    expect(seen).toEqual(expected[caller]);
    const needsListed = (await matching.call('GET', '/needs', { token: bearer })).body?.total;
    if (seen['list needs'] === 200) expect(needsListed).toBe(caller === 'supervisor' ? 1 : 0);
  });
});

/**
 * DV address protection per role (住基 DV等支援措置, from intake's person.protection-changed): for a need whose person is
 * protected, each caller either sees its home and preferred districts or gets them masked (addressMasked) in the list,
 * the detail and the suggestions' proximity reasons, and the home-district filter never finds it for callers who may
 * not see it. Only MATCHING_DV_ADDRESS_ROLES (default supervisor, admin) see.
 */
describe('matching: DV address protection per role', () => {
  let matching: MatchingUnderTest;
  let needId: string;

  beforeAll(async () => {
    // Every caller reads city-wide here, so this matrix is about the districts only, not about who reaches the need.
    matching = await startMatching({ CITY_WIDE_READ_ROLES: 'supervisor,coordinator,auditor,participation-worker,caseworker,admin' });
    const personId = await matching.knownPerson({ protections: ['dv-address'] });
    const host = await matching.call('POST', '/hosts', { body: { organizationId: HOST_ORG, name: '受入先', hostTypes: ['npo'], accepts: ['ibasho'], districtIds: [DISTRICT_HOME] } });
    const menu = await matching.call('POST', '/opportunities', { body: { hostId: host.body.id, title: 'サロン', purposes: ['ibasho'], sessions: [{ weekday: 'tu', slot: 'morning' }], status: 'published' } });
    expect(menu.status).toBe(201);
    const need = await matching.call('POST', '/needs', { body: needBody(personId) });
    expect(need.status).toBe(201);
    needId = need.body.id;
  });
  afterAll(() => matching.close());

  type Caller = 'participation-worker' | 'caseworker' | 'supervisor' | 'admin' | 'coordinator' | 'agency' | 'otherMunicipality';
  const token = async (caller: Caller): Promise<string | null> => {
    if (caller === 'agency') return matching.agencyToken(HOST_ORG);
    if (caller === 'otherMunicipality') return matching.token({ roles: ['admin'], municipality: '372021' });
    return matching.token({ subject: caller, roles: [caller] });
  };
  // What a reply shows of the districts: 'seen', 'masked' (null / empty with addressMasked), or the status / count.
  function place(body: { homeDistrictId?: string | null; preferredDistrictIds?: string[]; addressMasked?: boolean }): string {
    if (body.homeDistrictId === DISTRICT_HOME && body.preferredDistrictIds?.[0] === DISTRICT_NEAR && body.addressMasked === false) return 'seen';
    if (body.homeDistrictId === null && body.preferredDistrictIds?.length === 0 && body.addressMasked === true) return 'masked';
    return `unexpected ${JSON.stringify(body)}`;
  }
  const requests: Record<string, (bearer: string | null) => Promise<string>> = {
    list: async (bearer) => {
      const reply = await matching.call('GET', '/needs', { token: bearer });
      return reply.status === 200 ? (reply.body.items[0] ? place(reply.body.items[0]) : '0') : String(reply.status);
    },
    detail: async (bearer) => {
      const reply = await matching.call('GET', `/needs/${needId}`, { token: bearer });
      return reply.status === 200 ? place(reply.body) : String(reply.status);
    },
    'district filter': async (bearer) => {
      const reply = await matching.call('GET', `/needs?homeDistrictId=${DISTRICT_HOME}`, { token: bearer });
      return reply.status === 200 ? String(reply.body.total) : String(reply.status);
    },
    'suggestion reason': async (bearer) => {
      const reply = await matching.call('GET', `/needs/${needId}/suggestions`, { token: bearer });
      if (reply.status !== 200) return String(reply.status);
      const proximity = reply.body.items[0]?.reasons.find((reason: { factor: string }) => reason.factor === 'proximity')?.text;
      return proximity === '自宅の地区内' ? 'seen' : proximity === '通える範囲（地区は非公開）' ? 'masked' : `unexpected ${proximity}`;
    },
  };
  const sees = { list: 'seen', detail: 'seen', 'district filter': '1', 'suggestion reason': 'seen' };
  const masked = { list: 'masked', detail: 'masked', 'district filter': '0', 'suggestion reason': 'masked' };
  const expected: Record<Caller, Record<string, string>> = {
    'participation-worker': masked,
    caseworker: masked,
    supervisor: sees,
    admin: sees,
    coordinator: { list: '403', detail: '403', 'district filter': '403', 'suggestion reason': '403' },
    agency: { list: '403', detail: '403', 'district filter': '403', 'suggestion reason': '403' },
    otherMunicipality: { list: '0', detail: '404', 'district filter': '0', 'suggestion reason': '404' },
  };

  it.each(Object.keys(expected) as Caller[])('%s', async (caller) => {
    const bearer = await token(caller);
    const actual: Record<string, string> = {};
    for (const [name, request] of Object.entries(requests)) actual[name] = await request(bearer);
    expect(actual).toEqual(expected[caller]);
  });

  it('a caller who may not see the districts cannot overwrite them blind (400 naming the field)', async () => {
    const version = (await matching.call('GET', `/needs/${needId}`)).body.version;
    const home = await matching.call('PATCH', `/needs/${needId}`, { body: { homeDistrictId: DISTRICT_NEAR, version } });
    expectProblem(home, 400);
    expect(home.body.errors).toHaveProperty('homeDistrictId');
    const preferred = await matching.call('PATCH', `/needs/${needId}`, { body: { preferredDistrictIds: [], version } });
    expectProblem(preferred, 400);
    expect(preferred.body.errors).toHaveProperty('preferredDistrictIds');
    const supervisor = await matching.token({ subject: 'supervisor', roles: ['supervisor'] });
    expect((await matching.call('PATCH', `/needs/${needId}`, { token: supervisor, body: { interests: ['読書'], version } })).status).toBe(200);
  });
});
