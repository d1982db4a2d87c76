import { OTHER_MUNICIPALITY } from '@tsunagu/demo-data';
import { consultationBody, DESK, expectProblem, ORG_A, startIntake, type IntakeUnderTest } from './intake-app';

/** No organisation the registry knows. */
const UNKNOWN_ORG = '01900000-0000-7000-8000-00000000beef';
/** An organisation of another municipality (the registry has it, for them). */
const FOREIGN_ORG = '01900000-0000-7000-8000-00000000f0f0';

describe('intake: bad input is refused with problem+json and writes nothing', () => {
  let intake: IntakeUnderTest;
  const count = async (collection: string) => (await intake.call('GET', `/${collection}?perPage=1`)).body.total as number;

  beforeAll(async () => {
    intake = await startIntake();
  });
  afterAll(() => intake.close());

  it('rejects malformed JSON', async () => {
    const before = await count('persons');
    const reply = await intake.call('POST', '/persons', { raw: '{"familyName": "壊れた' });
    expectProblem(reply, 400);
    expect(reply.body.detail).toMatch(/JSON/);
    expect(await count('persons')).toBe(before);
  });

  it('rejects unknown fields and names them (no mass assignment of municipality, status or version)', async () => {
    const before = await count('consultations');
    const reply = await intake.call('POST', '/consultations', { body: { ...consultationBody(), status: 'closed', municipality: '999999', receptionNo: 'R7-999999' } });
    expectProblem(reply, 400);
    expect(reply.body.errors).toEqual(
      expect.objectContaining({ status: 'status is not a known field', municipality: 'municipality is not a known field', receptionNo: 'receptionNo is not a known field' }),
    );
    expect(await count('consultations')).toBe(before);
  });

  it('rejects wrong types and unknown codes, naming each field (nested too)', async () => {
    const before = await count('persons');
    const reply = await intake.call('POST', '/persons', {
      body: { familyName: 42, birthDate: '1975-13-01', sex: '男', phones: [{ type: 'fax', number: 'abc' }], address: { postalCode: '76' }, dvAddressProtection: 'yes' },
    });
    expectProblem(reply, 400);
    expect(Object.keys(reply.body.errors)).toEqual(
      expect.arrayContaining(['familyName', 'birthDate', 'sex', 'phones.0.type', 'phones.0.number', 'address.postalCode', 'dvAddressProtection']),
    );
    expect(await count('persons')).toBe(before);

    const consultation = await intake.call('POST', '/consultations', { body: consultationBody({ categories: 'income', urgency: 'urgent', receivingOrganizationId: 'desk' }) });
    expectProblem(consultation, 400);
    expect(Object.keys(consultation.body.errors)).toEqual(expect.arrayContaining(['categories', 'urgency', 'receivingOrganizationId']));
  });

  it('rejects a primary category that is not among the categories, and unknown references', async () => {
    const before = await count('consultations');
    const primary = await intake.call('POST', '/consultations', { body: consultationBody({ primaryCategory: 'debt' }) });
    expectProblem(primary, 400);
    expect(primary.body.errors.primaryCategory).toMatch(/one of categories/);
    const unknown = await intake.call('POST', '/consultations', { body: consultationBody({ personId: '01900000-0000-7000-8000-00000000dead' }) });
    expectProblem(unknown, 400);
    expect(unknown.body.errors.personId).toMatch(/unknown id/);
    expect(await count('consultations')).toBe(before);
    // The refused receptions did not use up numbers.
    const next = await intake.call('POST', '/consultations', { body: consultationBody() });
    expect(next.body.receptionNo).toMatch(/^R\d+-\d{3}-000001$/);
  });

  it('refuses organisation ids the registry does not have in this municipality, naming the field, and writes nothing', async () => {
    await intake.registerOrganizations([FOREIGN_ORG], OTHER_MUNICIPALITY.lgCode);
    const refused = async (path: string, body: unknown, field: string) => {
      const reply = await intake.call('POST', path, { body });
      expectProblem(reply, 400);
      expect(Object.keys(reply.body.errors)).toEqual([field]);
    };
    const consultations = await count('consultations');
    await refused('/consultations', consultationBody({ receivingOrganizationId: UNKNOWN_ORG }), 'receivingOrganizationId');
    await refused('/consultations', consultationBody({ receivingOrganizationId: FOREIGN_ORG }), 'receivingOrganizationId');
    await refused('/consultations', consultationBody({ referrerOrganizationId: FOREIGN_ORG }), 'referrerOrganizationId');
    expect(await count('consultations')).toBe(consultations);

    const consultationId = (await intake.call('POST', '/consultations', { body: consultationBody() })).body.id;
    await refused('/referrals', { consultationId, toOrganizationId: UNKNOWN_ORG, infoBasis: 'consent' }, 'toOrganizationId');
    await refused('/referrals', { consultationId, fromOrganizationId: FOREIGN_ORG, toOrganizationId: ORG_A, infoBasis: 'consent' }, 'fromOrganizationId');

    const personId = (await intake.call('POST', '/persons', { body: { familyName: '高松', givenName: '花子', familyNameKana: 'タカマツ', givenNameKana: 'ハナコ', birthDate: '1950-01-01' } })).body.id;
    await refused('/consents', { personId, scope: 'named-organization', targetOrganizationIds: [ORG_A, UNKNOWN_ORG], method: 'signature', status: 'obtained' }, 'targetOrganizationIds');
    const householdId = (await intake.call('POST', '/households', { body: { label: '高松家', keyPersonId: personId, members: [{ personId, relationToKey: 'self' }] } })).body.id;
    await refused('/cases', { householdId, keyPersonId: personId, track: 'pre-consent', coordinatorOrganizationId: DESK, memberOrganizationIds: [ORG_A, FOREIGN_ORG] }, 'memberOrganizationIds');
    await refused('/cases', { householdId, keyPersonId: personId, track: 'pre-consent', coordinatorOrganizationId: UNKNOWN_ORG }, 'coordinatorOrganizationId');
    expect(await count('cases')).toBe(0);

    const meeting = { legalType: 'support-meeting-106-6', convenerOrganizationId: DESK, heldAt: '2025-06-10T10:00:00+09:00', attendees: [{ name: '包括', organizationId: ORG_A }, { name: '不明', organizationId: UNKNOWN_ORG }] };
    await refused('/meetings', meeting, 'attendees.1.organizationId');
    await refused('/meetings', { ...meeting, attendees: [], convenerOrganizationId: FOREIGN_ORG }, 'convenerOrganizationId');
    expect(await count('meetings')).toBe(0);
    // The same requests with registered organisations go through.
    expect((await intake.call('POST', '/meetings', { body: { ...meeting, attendees: meeting.attendees.slice(0, 1) } })).status).toBe(201);
  });

  it('refuses lists over their cap, naming the field, without walking the whole list', async () => {
    const persons = await count('persons');
    const person = await intake.call('POST', '/persons', { body: { familyName: '山田', phones: Array.from({ length: 10_000 }, () => ({ type: 'fax', number: 'abc' })) } });
    expectProblem(person, 400);
    expect(person.body.errors.phones).toMatch(/no more than 10/);
    expect(Object.keys(person.body.errors).filter((field) => field.startsWith('phones.')).length).toBeLessThanOrEqual(2 * 11);
    expect(await count('persons')).toBe(persons);

    const consultations = await count('consultations');
    const consultation = await intake.call('POST', '/consultations', { body: { ...consultationBody(), issueTags: Array.from({ length: 10_000 }, () => 'abuse') } });
    expectProblem(consultation, 400);
    expect(consultation.body.errors.issueTags).toMatch(/no more than/);
    expect(await count('consultations')).toBe(consultations);
  });

  it('caps page size and checks sort fields and filters', async () => {
    const oversize = await intake.call('GET', '/persons?perPage=1000');
    expectProblem(oversize, 400);
    expect(oversize.body.errors.perPage).toMatch(/100/);
    const badSort = await intake.call('GET', '/persons?sort=searchText');
    expectProblem(badSort, 400);
    expect(badSort.body.errors.sort).toBeDefined();
    const badFilter = await intake.call('GET', '/referrals?status=open&overdue=maybe');
    expectProblem(badFilter, 400);
    expect(Object.keys(badFilter.body.errors).sort()).toEqual(['overdue', 'status']);
  });

  it('answers a stale edit with 409 and an edit without a version with 400', async () => {
    const person = (await intake.call('POST', '/persons', { body: { familyName: '版', givenName: '管理', familyNameKana: 'ハン', givenNameKana: 'カンリ' } })).body;
    const first = await intake.call('PATCH', `/persons/${person.id}`, { body: { givenName: '管理一', version: 1 } });
    expect(first.body.version).toBe(2);
    const stale = await intake.call('PATCH', `/persons/${person.id}`, { body: { givenName: '管理二', version: 1 } });
    expectProblem(stale, 409);
    expect(stale.body.currentVersion).toBe(2);
    const viaHeader = await intake.call('PATCH', `/persons/${person.id}`, { body: { givenName: '管理三' }, headers: { 'if-match': '"1"' } });
    expectProblem(viaHeader, 412);
    expectProblem(await intake.call('PATCH', `/persons/${person.id}`, { body: { givenName: '管理四' } }), 400);
    expect((await intake.call('GET', `/persons/${person.id}`)).body.givenName).toBe('管理一');
  });
});
