import { contactBody, HOUKATSU, SHAKYO, startOutreach, targetBody, type OutreachUnderTest } from './outreach-app';

/**
 * Object-level authorization matrix (OWASP API1): which caller can list, read and change what. Each row is one caller;
 * each column one request against a target of Takamatsu assigned to SHAKYO (社協) only.
 */
describe('outreach: authorization matrix', () => {
  let outreach: OutreachUnderTest;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    outreach = await startOutreach();
    ids.target = (await outreach.call('POST', '/targets', { body: targetBody({ assignedOrganizationId: SHAKYO }) })).body.id;
    await outreach.call('PUT', `/targets/${ids.target}/watch-plan`, { body: { cadenceDays: 7, startedOn: '2026-01-01', watchers: [{ kind: 'volunteer', name: '見守り 一郎' }] } });
  });
  afterAll(() => outreach.close());

  type Caller = 'outreach-worker' | 'supervisor' | 'admin' | 'caseworker' | 'analyst' | 'auditor' | 'agencyShakyo' | 'agencyHoukatsu' | 'otherMunicipality' | 'anonymous';
  const token = async (caller: Caller): Promise<string | null> => {
    switch (caller) {
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
  const expected: Record<Caller, Record<string, string>> = {
    'outreach-worker': { ...staff, 'settings (dry: invalid)': '403' },
    supervisor: { ...staff, 'settings (dry: invalid)': '400' },
    admin: { ...staff, 'settings (dry: invalid)': '400' },
    caseworker: all('403'),
    analyst: all('403'),
    auditor: all('403'),
    agencyShakyo: { ...staff, 'settings (dry: invalid)': '403' },
    agencyHoukatsu: { 'list targets': '200/0', 'read target': '404', 'read contacts': '404', 'read watch plan': '404', 'overdue visits': '200/0', 'stage (dry: bad version)': '404', 'contact (dry: invalid)': '400', 'settings (dry: invalid)': '403' },
    otherMunicipality: { 'list targets': '200/0', 'read target': '404', 'read contacts': '404', 'read watch plan': '404', 'overdue visits': '200/0', 'stage (dry: bad version)': '404', 'contact (dry: invalid)': '400', 'settings (dry: invalid)': '400' },
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
    expect((await outreach.call('GET', `/targets/${ids.target}`)).body.stage).toBe('not-contacted');
  });
});
