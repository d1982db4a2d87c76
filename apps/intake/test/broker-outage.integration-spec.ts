import { expectEventually } from '@tsunagu/platform-testing';
import { startIntake, type IntakeUnderTest } from './intake-app';

describe('intake: a NATS outage leaves the desk working (the outbox keeps the events)', () => {
  let intake: IntakeUnderTest;

  beforeAll(async () => {
    intake = await startIntake();
  });
  afterAll(() => intake.close());

  it('stays ready and accepts writes while NATS is down, and publishes their events once it is back', async () => {
    await intake.nats.stop();
    try {
      const ready = await intake.call('GET', '/readyz', { token: null });
      // Down, reported, but not critical: the replica stays in the Service so the outbox can protect the writes.
      expect(ready.status).toBe(200);
      expect(ready.body.checks.nats).toMatchObject({ status: 'down', critical: false });
      expect(ready.body.checks.database).toMatchObject({ status: 'up', critical: true });
      expect(JSON.stringify(ready.body)).not.toMatch(/127\.0\.0\.1|:\d{4,5}\b/);
      const person = await intake.call('POST', '/persons', { body: { familyName: '停電', givenName: '一郎', familyNameKana: 'テイデン', givenNameKana: 'イチロウ' } });
      expect(person.status).toBe(201);
      await intake.nats.restart();
      await expectEventually(async () => {
        const events = await intake.events();
        expect(events.some((event) => JSON.stringify(event).includes(person.body.id))).toBe(true);
      }, { timeoutMs: 30_000, intervalMs: 500 });
    } finally {
      await intake.nats.restart().catch(() => undefined);
    }
  }, 60_000);
});
