import { consultationBody, ORG_A, ORG_B, startIntake, type IntakeUnderTest } from './intake-app';

/**
 * Object-level authorization matrix (OWASP API1): which caller can list, read and change what. Each row is
 * one caller; each column one request against records of Takamatsu that involve ORG_A only (registered and received at
 * the city desk, referred to ORG_A). Desks see people through relationships (docs/security/access-model.md); a desk
 * supervisor never reads city-wide.
 */
describe('intake: authorization matrix', () => {
  let intake: IntakeUnderTest;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    intake = await startIntake();
    ids.person = (await intake.call('POST', '/persons', { body: { familyName: '権限', givenName: '確認', familyNameKana: 'ケンゲン', givenNameKana: 'カクニン' } })).body.id;
    ids.consultation = (await intake.call('POST', '/consultations', { body: consultationBody({ personId: ids.person }) })).body.id;
    await intake.call('POST', '/consents', { body: { personId: ids.person, scope: 'agency-sharing', method: 'signature', status: 'obtained' } });
    ids.referral = (await intake.call('POST', '/referrals', { body: { consultationId: ids.consultation, toOrganizationId: ORG_A, infoBasis: 'consent' } })).body.id;
    ids.household = (await intake.call('POST', '/households', { body: { label: '権限家', keyPersonId: ids.person, members: [{ personId: ids.person, relationToKey: 'self' }] } })).body.id;
    ids.case = (await intake.call('POST', '/cases', { body: { householdId: ids.household, keyPersonId: ids.person, track: 'pre-consent', coordinatorOrganizationId: ORG_A } })).body.id;
  });
  afterAll(() => intake.close());

  type Caller = 'caseworker' | 'supervisor' | 'admin' | 'analyst' | 'auditor' | 'agencyA' | 'agencyB' | 'deskStaffA' | 'deskStaffB' | 'deskSupervisorB' | 'otherMunicipality' | 'anonymous';
  const token = async (caller: Caller): Promise<string | null> => {
    switch (caller) {
      // Staff of contracted desks (issue 13): a person with a staff role and their desk as the agency claim.
      case 'deskStaffA':
        return intake.token({ subject: 'desk-a-1', roles: ['caseworker'], agency: ORG_A });
      case 'deskStaffB':
        return intake.token({ subject: 'desk-b-1', roles: ['caseworker'], agency: ORG_B });
      case 'deskSupervisorB':
        return intake.token({ subject: 'desk-b-sv', roles: ['supervisor'], agency: ORG_B });
      case 'agencyA':
        return intake.agencyToken(ORG_A);
      case 'agencyB':
        return intake.agencyToken(ORG_B);
      case 'otherMunicipality':
        return intake.token({ roles: ['admin'], municipality: '372021' });
      case 'anonymous':
        return null;
      default:
        return intake.token({ subject: caller, roles: [caller] });
    }
  };

  const requests: Record<string, () => [method: 'GET' | 'POST', path: string, body?: unknown]> = {
    'list persons': () => ['GET', '/persons'],
    'read person': () => ['GET', `/persons/${ids.person}`],
    'read consultation': () => ['GET', `/consultations/${ids.consultation}`],
    'list referrals': () => ['GET', '/referrals'],
    'read referral': () => ['GET', `/referrals/${ids.referral}`],
    'read case': () => ['GET', `/cases/${ids.case}`],
    'decline referral (dry: bad version)': () => ['POST', `/referrals/${ids.referral}/decline`, { version: 99, reasonCode: 'no-capacity' }],
  };

  // Expected status per caller and request; list rows show the status and, after the slash, how many items are seen.
  const expected: Record<Caller, Record<string, string>> = {
    // A city caseworker watches a referral to ORG_A but does not answer for it.
    caseworker: { 'list persons': '200/1', 'read person': '200', 'read consultation': '200', 'list referrals': '200/1', 'read referral': '200', 'read case': '200', 'decline referral (dry: bad version)': '403' },
    supervisor: { 'list persons': '200/1', 'read person': '200', 'read consultation': '200', 'list referrals': '200/1', 'read referral': '200', 'read case': '200', 'decline referral (dry: bad version)': '409' },
    admin: { 'list persons': '200/1', 'read person': '200', 'read consultation': '200', 'list referrals': '200/1', 'read referral': '200', 'read case': '200', 'decline referral (dry: bad version)': '409' },
    analyst: { 'list persons': '403', 'read person': '403', 'read consultation': '403', 'list referrals': '403', 'read referral': '403', 'read case': '403', 'decline referral (dry: bad version)': '403' },
    auditor: { 'list persons': '403', 'read person': '403', 'read consultation': '403', 'list referrals': '403', 'read referral': '403', 'read case': '403', 'decline referral (dry: bad version)': '403' },
    // Desks (staff and systems) see the person through the referral to ORG_A; ORG_B has no relationship and sees nothing (404, not 403).
    agencyA: { 'list persons': '200/1', 'read person': '200', 'read consultation': '200', 'list referrals': '200/1', 'read referral': '200', 'read case': '200', 'decline referral (dry: bad version)': '409' },
    agencyB: { 'list persons': '200/0', 'read person': '404', 'read consultation': '404', 'list referrals': '200/0', 'read referral': '404', 'read case': '404', 'decline referral (dry: bad version)': '404' },
    deskStaffA: { 'list persons': '200/1', 'read person': '200', 'read consultation': '200', 'list referrals': '200/1', 'read referral': '200', 'read case': '200', 'decline referral (dry: bad version)': '409' },
    deskStaffB: { 'list persons': '200/0', 'read person': '404', 'read consultation': '404', 'list referrals': '200/0', 'read referral': '404', 'read case': '404', 'decline referral (dry: bad version)': '404' },
    deskSupervisorB: { 'list persons': '200/0', 'read person': '404', 'read consultation': '404', 'list referrals': '200/0', 'read referral': '404', 'read case': '404', 'decline referral (dry: bad version)': '404' },
    otherMunicipality: { 'list persons': '200/0', 'read person': '404', 'read consultation': '404', 'list referrals': '200/0', 'read referral': '404', 'read case': '404', 'decline referral (dry: bad version)': '404' },
    anonymous: { 'list persons': '401', 'read person': '401', 'read consultation': '401', 'list referrals': '401', 'read referral': '401', 'read case': '401', 'decline referral (dry: bad version)': '401' },
  };

  it.each(Object.keys(expected) as Caller[])('%s', async (caller) => {
    const bearer = await token(caller);
    const actual: Record<string, string> = {};
    for (const [name, build] of Object.entries(requests)) {
      const [method, path, body] = build();
      const reply = await intake.call(method, path, { token: bearer, ...(body !== undefined ? { body } : {}) });
      actual[name] = reply.status === 200 && Array.isArray(reply.body?.items) ? `200/${reply.body.total}` : String(reply.status);
    }
    expect(actual).toEqual(expected[caller]);
    // Nothing changed hands: the referral is still waiting for ORG_A.
    expect((await intake.call('GET', `/referrals/${ids.referral}`)).body.status).toBe('requested');
  });
});
