import { PersonProtectionChanged, PersonRegistered } from '@tsunagu/contracts';
import { expectEventually } from '@tsunagu/platform-testing';
import { v7 as uuidv7 } from 'uuid';
import { DISTRICT, expectProblem, startOutreach, targetBody, type OutreachUnderTest } from './outreach-app';

const MARUGAME = '372021';

/**
 * Person and household ids come from intake: outreach checks them against its mirror of intake's events for the
 * caller's municipality, and follows intake's DV address protection (person.protection-changed) in what it shows and
 * in the events it publishes.
 */
describe('outreach: intake people (ids checked, protection followed)', () => {
  let outreach: OutreachUnderTest;

  beforeAll(async () => {
    outreach = await startOutreach({ env: { OUTREACH_PERSON_WAIT_MS: '2500' } });
  });
  afterAll(() => outreach.close());

  it('refuses another municipality\'s person and unknown person or household ids with 400 naming the field, never 201', async () => {
    const takamatsuPerson = uuidv7();
    const takamatsuHousehold = uuidv7();
    await outreach.knowPerson(takamatsuPerson, { householdId: takamatsuHousehold });
    const marugame = await outreach.token({ subject: 'marugame-1', roles: ['outreach-worker'], municipality: MARUGAME });

    const foreign = await outreach.call('POST', '/targets', { token: marugame, body: targetBody({ personId: takamatsuPerson }) });
    expectProblem(foreign, 400);
    expect(Object.keys(foreign.body.errors)).toEqual(['personId']);
    const foreignHousehold = await outreach.call('POST', '/targets', { token: marugame, body: targetBody({ householdId: takamatsuHousehold }) });
    expectProblem(foreignHousehold, 400);
    expect(Object.keys(foreignHousehold.body.errors)).toEqual(['householdId']);

    const unknown = await outreach.call('POST', '/targets', { body: targetBody({ personId: uuidv7() }) });
    expectProblem(unknown, 400);
    expect(Object.keys(unknown.body.errors)).toEqual(['personId']);
    const unknownHousehold = await outreach.call('POST', '/targets', { body: targetBody({ householdId: uuidv7() }) });
    expectProblem(unknownHousehold, 400);
    expect(Object.keys(unknownHousehold.body.errors)).toEqual(['householdId']);

    // Linking a known target to an unknown person is refused the same way.
    const placeOnly = (await outreach.call('POST', '/targets', { body: targetBody() })).body;
    const link = await outreach.call('PATCH', `/targets/${placeOnly.id}`, { body: { personId: uuidv7(), version: placeOnly.version } });
    expectProblem(link, 400);
    expect(Object.keys(link.body.errors)).toEqual(['personId']);
    expect((await outreach.call('GET', '/targets', { token: marugame })).body.total).toBe(0);

    // Takamatsu's own staff may name them.
    const own = await outreach.call('POST', '/targets', { body: targetBody({ personId: takamatsuPerson, householdId: takamatsuHousehold }) });
    expect(own.status).toBe(201);
  });

  it('waits for a person intake registered a moment ago (its event still on the way) instead of refusing it', async () => {
    const personId = uuidv7();
    const pending = outreach.call('POST', '/targets', { body: targetBody({ personId }) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await outreach.publish(PersonRegistered, personId, { personId, identityLevel: 'confirmed' });
    const reply = await pending;
    expect(reply.status).toBe(201);
    expect(reply.body.personId).toBe(personId);
  });

  it('knows a person and their protection from person.registered alone (no window in which the place could leak)', async () => {
    const personId = uuidv7();
    await outreach.publish(PersonRegistered, personId, { personId, identityLevel: 'confirmed', protections: ['dv-address'] });
    const reply = await outreach.call('POST', '/targets', { body: targetBody({ personId }) });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ districtId: null, locationDescription: null, addressMasked: true, addressProtected: true });
    await expectEventually(async () => {
      const registered = (await outreach.events()).find((event) => event.subject === 'tsunagu.evt.outreach.target.registered' && event.event.data['targetId'] === reply.body.id);
      expect(registered?.event.data).toMatchObject({ districtId: null, districtWithheld: true });
    });
  });

  it('publishes no district of a protected target, and masks a target already registered when the protection arrives later', async () => {
    const personId = uuidv7();
    const householdId = uuidv7();
    await outreach.knowPerson(personId, { householdId });
    // Two targets: one names the person, one only the household; both exist before intake's protection arrives.
    const byPerson = (await outreach.call('POST', '/targets', { body: targetBody({ personId }) })).body;
    const byHousehold = (await outreach.call('POST', '/targets', { body: targetBody({ householdId }) })).body;
    expect(byPerson).toMatchObject({ districtId: DISTRICT, addressMasked: false, addressProtected: false });

    await outreach.publish(PersonProtectionChanged, personId, { personId, householdIds: [householdId], protections: ['dv-address'] });
    await expectEventually(async () => {
      for (const id of [byPerson.id, byHousehold.id]) {
        expect((await outreach.call('GET', `/targets/${id}`)).body).toMatchObject({ districtId: null, locationDescription: null, addressMasked: true, addressProtected: true });
      }
    });
    // From now on outreach's events about them carry no district.
    const contact = await outreach.call('POST', `/targets/${byPerson.id}/contacts`, { body: { method: 'visit', result: 'absent', observations: ['mail-piling-up'], legalBasis: 'support-meeting-106-6' } });
    expect(contact.status).toBe(201);
    const supervisor = await outreach.token({ subject: 'supervisor-1', roles: ['supervisor'] });
    const registered = await outreach.call('POST', '/targets', { token: supervisor, body: targetBody({ personId }) });
    expect(registered.body).toMatchObject({ districtId: DISTRICT, addressMasked: false, addressProtected: true });
    await expectEventually(async () => {
      const events = (await outreach.events()).filter((event) => [byPerson.id, registered.body.id].includes(event.event.data['targetId'] as string));
      const after = events.filter((event) => event.subject !== 'tsunagu.evt.outreach.target.registered' || event.event.data['targetId'] === registered.body.id);
      expect(after.map((event) => event.subject)).toEqual(expect.arrayContaining(['tsunagu.evt.outreach.contact.logged', 'tsunagu.evt.outreach.target.registered']));
      for (const event of after) expect(event.event.data).toMatchObject({ districtId: null, districtWithheld: true });
    });

    // Lifting the protection shows the place again.
    await outreach.publish(PersonProtectionChanged, personId, { personId, householdIds: [householdId], protections: [] });
    await expectEventually(async () => {
      expect((await outreach.call('GET', `/targets/${byHousehold.id}`)).body).toMatchObject({ districtId: DISTRICT, addressMasked: false, addressProtected: false });
    });
  });
});
