import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { expectEventually } from '@tsunagu/platform-testing';
import { personPseudonym, TEST_PSEUDONYM_KEY } from '@tsunagu/util-pseudonym';
import { consultationBody, startIntake, type IntakeUnderTest } from './intake-app';

/** Issue 17: consultation events carry the pseudonymous person key reporting counts 実人数 with. */
describe('intake: pseudonymous person key in consultation events', () => {
  let intake: IntakeUnderTest;

  beforeAll(async () => {
    intake = await startIntake();
  });
  afterAll(() => intake.close());

  it('stamps HMAC(key, municipality ‖ personId) on every consultation event, the same for the same person, null without one', async () => {
    const person = await intake.call('POST', '/persons', { body: { familyName: '讃岐', givenName: '太郎', familyNameKana: 'サヌキ', givenNameKana: 'タロウ' } });
    expect(person.status).toBe(201);
    const first = await intake.call('POST', '/consultations', { body: consultationBody({ personId: person.body.id }) });
    const second = await intake.call('POST', '/consultations', { body: consultationBody({ personId: person.body.id, jigyoAttribution: 'long-term-care' }) });
    const anonymous = await intake.call('POST', '/consultations', { body: consultationBody() });
    expect([first.status, second.status, anonymous.status]).toEqual([201, 201, 201]);
    const expected = personPseudonym(TEST_PSEUDONYM_KEY, DEMO_MUNICIPALITY.lgCode, person.body.id);
    await expectEventually(async () => {
      const events = (await intake.events()).filter((event) => event.subject === 'tsunagu.evt.intake.consultation.received');
      const byConsultation = new Map(events.map((event) => [event.event.data.consultationId, event]));
      expect(byConsultation.get(first.body.id)?.event.data.personPseudonym).toBe(expected);
      expect(byConsultation.get(second.body.id)?.event.data.personPseudonym).toBe(expected);
      expect(byConsultation.get(anonymous.body.id)?.event.data.personPseudonym).toBeNull();
      // The pseudonym says nothing readable about the person: no part of the id or of the name.
      const json = byConsultation.get(first.body.id)?.json ?? '';
      expect(json).not.toMatch(/讃岐|サヌキ|太郎/);
      expect(expected).not.toContain(person.body.id.slice(0, 8));
    });
  });
});
