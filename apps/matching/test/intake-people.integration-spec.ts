import { PersonProtectionChanged, PersonRegistered } from '@tsunagu/contracts';
import { v7 as uuidv7 } from 'uuid';
import { DISTRICT_HOME, DISTRICT_NEAR, eventually, expectProblem, HOST_ORG, needBody, startMatching, type MatchingUnderTest } from './matching-app';

const MARUGAME = '372021';

/**
 * Person ids come from intake: matching checks them against its copy of intake's events for the caller's
 * municipality, and follows intake's DV address protection (person.protection-changed) in what it shows and in the
 * events it publishes.
 */
describe('matching: intake people (ids checked, protection followed)', () => {
  let matching: MatchingUnderTest;

  beforeAll(async () => {
    matching = await startMatching({ MATCHING_PERSON_WAIT_MS: '2500' });
  });
  afterAll(() => matching.close());

  it("refuses another municipality's person (丸亀市 naming a 高松市 person) and unknown ids with 400 naming personId, never 201", async () => {
    const takamatsuPerson = await matching.knownPerson();
    const marugame = await matching.token({ subject: 'marugame-1', roles: ['participation-worker'], municipality: MARUGAME });
    const foreign = await matching.call('POST', '/needs', { token: marugame, body: needBody(takamatsuPerson) });
    expectProblem(foreign, 400);
    expect(Object.keys(foreign.body.errors)).toEqual(['personId']);
    const unknown = await matching.call('POST', '/needs', { body: needBody(uuidv7()) });
    expectProblem(unknown, 400);
    expect(Object.keys(unknown.body.errors)).toEqual(['personId']);
    expect((await matching.call('GET', '/needs', { token: marugame })).body.total).toBe(0);
    expect((await matching.call('POST', '/needs', { body: needBody(takamatsuPerson) })).status).toBe(201);
    // 丸亀市's own person is 丸亀市's to use.
    const marugamePerson = await matching.knownPerson({ municipality: MARUGAME });
    expect((await matching.call('POST', '/needs', { token: marugame, body: needBody(marugamePerson) })).status).toBe(201);
  });

  it('waits for a person intake registered a moment ago (its event still on the way) instead of refusing it', async () => {
    const personId = uuidv7();
    const pending = matching.call('POST', '/needs', { body: needBody(personId) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await matching.publish(PersonRegistered, personId, { personId, identityLevel: 'confirmed' });
    const reply = await pending;
    expect(reply.status).toBe(201);
  });

  it('knows a person and their protection from person.registered alone (no window in which the districts could leak)', async () => {
    const personId = uuidv7();
    await matching.publish(PersonRegistered, personId, { personId, identityLevel: 'confirmed', protections: ['dv-address'] });
    const reply = await matching.call('POST', '/needs', { body: needBody(personId) });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ homeDistrictId: null, preferredDistrictIds: [], addressMasked: true, addressProtected: true });
    await eventually(async () => {
      const registered = (await matching.events()).find((event) => event.subject === 'tsunagu.evt.matching.need.registered' && event.event.data['needId'] === reply.body.id);
      expect(registered?.event.data).toMatchObject({ homeDistrictId: null, preferredDistrictIds: [] });
    });
  });

  it('masks a need already registered when the protection arrives later, and publishes no district of a protected person', async () => {
    const personId = await matching.knownPerson();
    const need = (await matching.call('POST', '/needs', { body: needBody(personId) })).body;
    expect(need).toMatchObject({ homeDistrictId: DISTRICT_HOME, addressMasked: false, addressProtected: false });
    await matching.publish(PersonProtectionChanged, personId, { personId, householdIds: [], protections: ['dv-address'] });
    await eventually(async () => {
      expect((await matching.call('GET', `/needs/${need.id}`)).body).toMatchObject({ homeDistrictId: null, preferredDistrictIds: [], addressMasked: true, addressProtected: true });
    });
    // The need's district was published with need.registered: one need.district-withheld (ids only) tells the copies to drop it.
    await eventually(async () => {
      const withheld = (await matching.events()).filter((event) => event.subject === 'tsunagu.evt.matching.need.district-withheld' && event.event.data['needId'] === need.id);
      expect(withheld.map((event) => Object.keys(event.event.data).sort())).toEqual([['needId', 'occurredOn']]);
    });
    // A menu nothing fits records a gap without a district; need and match events carry none either.
    await matching.call('POST', `/needs/${need.id}/status`, { body: { status: 'matching' } });
    const suggestions = await matching.call('GET', `/needs/${need.id}/suggestions`);
    expect(suggestions.body.gapId).toEqual(expect.any(String));
    const records = await matching.call('GET', `/gaps/records?needId=${need.id}`);
    expect(records.body.items[0]).toMatchObject({ districtId: null });
    // A place in a neighbouring district (its district is the host's, not the person's: it may travel).
    const host = await matching.call('POST', '/hosts', { body: { organizationId: HOST_ORG, name: '受入先', hostTypes: ['npo'], accepts: ['ibasho'], districtIds: [DISTRICT_NEAR] } });
    const menu = await matching.call('POST', '/opportunities', { body: { hostId: host.body.id, title: 'サロン', purposes: ['ibasho'], sessions: [{ weekday: 'tu', slot: 'morning' }], status: 'published' } });
    const match = await matching.call('POST', '/matches', { body: { needId: need.id, opportunityId: menu.body.id } });
    expect(match.status).toBe(201);
    await eventually(async () => {
      const events = (await matching.events()).filter((event) => event.event.data['personId'] === personId || event.event.data['needId'] === need.id);
      const subjects = events.map((event) => event.subject);
      expect(subjects).toEqual(expect.arrayContaining(['tsunagu.evt.matching.need.status-changed', 'tsunagu.evt.matching.menu-gap.recorded', 'tsunagu.evt.matching.match.proposed']));
      const afterProtection = events.filter((event) => event.subject !== 'tsunagu.evt.matching.need.registered');
      for (const event of afterProtection) {
        expect(event.json).not.toContain(DISTRICT_HOME);
        if ('homeDistrictId' in event.event.data) expect(event.event.data['homeDistrictId']).toBeNull();
      }
      expect(events.find((event) => event.subject === 'tsunagu.evt.matching.menu-gap.recorded')?.event.data).toMatchObject({ districtId: null, districtWithheld: true });
    });

    // Lifting the protection shows the districts again.
    await matching.publish(PersonProtectionChanged, personId, { personId, householdIds: [], protections: [] });
    await eventually(async () => {
      expect((await matching.call('GET', `/needs/${need.id}`)).body).toMatchObject({ homeDistrictId: DISTRICT_HOME, addressMasked: false, addressProtected: false });
    });
  });
});
