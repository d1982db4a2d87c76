import { expectEventually } from '@tsunagu/platform-testing';
import { contactBody, DESK, DISTRICT, expectProblem, startOutreach, targetBody, type OutreachUnderTest } from './outreach-app';

/** The inactivity rule and watch plans, driven with a fixed clock (RunOutreachChecksUseCase, also `main.js check`). */
describe('outreach: inactivity alerts and gentle watching', () => {
  let outreach: OutreachUnderTest;

  beforeAll(async () => {
    outreach = await startOutreach();
    const supervisor = await outreach.token({ roles: ['supervisor'] });
    expect((await outreach.call('PUT', '/settings', { token: supervisor, body: { inactivityDays: 30 } })).status).toBe(200);
  });
  afterAll(() => outreach.close());

  const register = async (overrides: Record<string, unknown>) => (await outreach.call('POST', '/targets', { body: targetBody(overrides) })).body.id as string;
  const alertsOf = async (targetId: string) => (await outreach.call('GET', `/inactivity-alerts?targetId=${targetId}&sort=raisedAt`)).body.items as { id: string; status: string; clearedByContactId: string | null; thresholdDays: number }[];
  const streamFor = async (targetId: string, suffix: string) => (await outreach.events()).filter((e) => e.event.data['targetId'] === targetId && e.subject.endsWith(suffix));

  it('lets only supervisors and admins set the municipality’s N days', async () => {
    expectProblem(await outreach.call('PUT', '/settings', { body: { inactivityDays: 10 } }), 403);
    const supervisor = await outreach.token({ roles: ['supervisor'] });
    const invalid = await outreach.call('PUT', '/settings', { token: supervisor, body: { inactivityDays: 0 } });
    expectProblem(invalid, 400);
    expect(invalid.body.errors).toHaveProperty('inactivityDays');
    expect((await outreach.call('GET', '/settings')).body).toMatchObject({ inactivityDays: 30, customised: true });
  });

  it('raises an alert exactly once per lapse and clears it with a successful contact', async () => {
    // Discovered on 2026-01-05 (JST): the clock starts 2026-01-04T15:00Z; 30 days later is 2026-02-03T15:00Z.
    const high = await register({ discoveredOn: '2026-01-05', riskLevel: 'high' });
    const medium = await register({ discoveredOn: '2026-01-05', riskLevel: 'medium' });
    const closed = await register({ discoveredOn: '2026-01-05', riskLevel: 'high' });
    await outreach.call('POST', `/targets/${closed}/close`, { body: { reason: 'moved-out' } });

    await outreach.runChecks(new Date('2026-02-03T14:59:00Z'));
    expect(await alertsOf(high)).toHaveLength(0);

    await outreach.runChecks(new Date('2026-02-03T15:00:00Z'));
    expect(await alertsOf(high)).toEqual([expect.objectContaining({ status: 'open', thresholdDays: 30 })]);
    expect(await alertsOf(medium)).toHaveLength(0);
    expect(await alertsOf(closed)).toHaveLength(0);

    // Later checks do not raise it again for the same lapse.
    await outreach.runChecks(new Date('2026-02-05T00:00:00Z'));
    await outreach.runChecks(new Date('2026-02-10T00:00:00Z'));
    expect(await alertsOf(high)).toHaveLength(1);
    // Two replicas checking at the same moment raise a new lapse's alert once (advisory lock, unique lapse key).
    const racing = await register({ discoveredOn: '2026-01-06', riskLevel: 'high' });
    const results = await Promise.all([outreach.runChecks(new Date('2026-02-10T00:00:00Z')), outreach.runChecks(new Date('2026-02-10T00:00:00Z'))]);
    expect(await alertsOf(racing)).toHaveLength(1);
    expect(results.flat().reduce((sum, result) => sum + result.alertsRaised, 0)).toBe(1);

    // An unsuccessful contact does not clear it; a successful one (短時間会話) does.
    await outreach.call('POST', `/targets/${high}/contacts`, { body: contactBody({ result: 'absent', contactedAt: '2026-02-11T01:00:00Z' }) });
    expect((await alertsOf(high))[0].status).toBe('open');
    const success = await outreach.call('POST', `/targets/${high}/contacts`, { body: contactBody({ result: 'brief-talk', contactedAt: '2026-02-12T01:00:00Z' }) });
    expect(await alertsOf(high)).toEqual([expect.objectContaining({ status: 'cleared', clearedByContactId: success.body.id })]);

    // The next lapse starts at the successful contact: nothing before 30 days, then one new alert.
    await outreach.runChecks(new Date('2026-03-01T00:00:00Z'));
    expect(await alertsOf(high)).toHaveLength(1);
    await outreach.runChecks(new Date('2026-03-14T01:00:00Z'));
    await outreach.runChecks(new Date('2026-03-20T00:00:00Z'));
    expect((await alertsOf(high)).map((alert) => alert.status)).toEqual(['cleared', 'open']);

    await expectEventually(async () => {
      expect(await streamFor(high, 'inactivity-alert.raised')).toHaveLength(2);
      const cleared = await streamFor(high, 'inactivity-alert.cleared');
      expect(cleared).toHaveLength(1);
      expect(cleared[0].event.data).toMatchObject({ clearedByContactId: success.body.id, lastSuccessfulContactOn: null, districtId: DISTRICT, assignedOrganizationId: DESK });
    });
    // The console lists open alerts; agency callers see their organisation's only.
    const open = await outreach.call('GET', '/inactivity-alerts?status=open');
    expect(open.body.items.map((alert: { targetId: string }) => alert.targetId)).toContain(high);
    const highTarget = (await outreach.call('GET', `/targets/${high}`)).body;
    expect(open.body.items.find((alert: { targetId: string }) => alert.targetId === high)).toMatchObject({ identity: highTarget.identity, personId: highTarget.personId });
    const otherAgency = await outreach.agencyToken('01900000-0000-7000-8000-000000000005');
    expect((await outreach.call('GET', '/inactivity-alerts', { token: otherAgency })).body.total).toBe(0);
  });

  it('lists overdue visits per district and as "my overdue visits", and publishes watch.overdue once per due date', async () => {
    const watched = await register({ discoveredOn: '2026-01-01', riskLevel: 'medium' });
    const plan = await outreach.call('PUT', `/targets/${watched}/watch-plan`, {
      body: { cadenceDays: 7, startedOn: '2026-01-01', watchers: [{ kind: 'staff', subject: 'outreach-1' }, { kind: 'welfare-commissioner', name: '民生 花子' }] },
    });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ nextDueOn: '2026-01-08', districtId: DISTRICT, active: true });
    const later = await register({ discoveredOn: '2026-01-01', riskLevel: 'low', districtId: '01900000-0000-7000-8000-0000000000d2' });
    await outreach.call('PUT', `/targets/${later}/watch-plan`, { body: { cadenceDays: 30, startedOn: '2026-01-01', watchers: [{ kind: 'volunteer', name: 'ボランティア 一郎' }] } });

    const district = await outreach.call('GET', `/overdue-visits?districtId=${DISTRICT}&asOf=2026-01-10`);
    expect(district.status).toBe(200);
    // Each row says who the target is known as, so 私の業務 can name the person (or say 「場所のみ」).
    const target = (await outreach.call('GET', `/targets/${watched}`)).body;
    expect(district.body.items).toEqual([expect.objectContaining({ targetId: watched, identity: target.identity, personId: target.personId, nextDueOn: '2026-01-08', daysOverdue: 2, cadenceDays: 7 })]);
    const mine = await outreach.call('GET', '/overdue-visits?mine=true');
    expect(mine.body.items.map((item: { targetId: string }) => item.targetId)).toEqual([watched]);
    const colleague = await outreach.token({ subject: 'outreach-2', roles: ['outreach-worker'] });
    expect((await outreach.call('GET', '/overdue-visits?mine=true', { token: colleague })).body.total).toBe(0);

    await outreach.runChecks(new Date('2026-01-10T00:00:00Z'));
    await outreach.runChecks(new Date('2026-01-11T00:00:00Z'));
    // A visit restarts the cadence; the next lapse is published again once.
    await outreach.call('POST', `/targets/${watched}/contacts`, { body: contactBody({ contactedAt: '2026-01-12T01:00:00Z' }) });
    expect((await outreach.call('GET', `/targets/${watched}/watch-plan`)).body.nextDueOn).toBe('2026-01-19');
    expect((await outreach.call('GET', `/overdue-visits?districtId=${DISTRICT}&asOf=2026-01-15`)).body.total).toBe(0);
    await outreach.runChecks(new Date('2026-01-25T00:00:00Z'));
    await outreach.runChecks(new Date('2026-01-26T00:00:00Z'));
    await expectEventually(async () => {
      const overdue = await streamFor(watched, 'watch.overdue');
      expect(overdue.map((e) => e.event.data['dueOn'])).toEqual(['2026-01-08', '2026-01-19']);
      expect(overdue[0].json).not.toContain('民生 花子');
    });

    // Closing the target ends its watching.
    await outreach.call('POST', `/targets/${watched}/close`, { body: { reason: 'relationship-stable' } });
    expect((await outreach.call('GET', `/targets/${watched}/watch-plan`)).body.active).toBe(false);
    expect((await outreach.call('GET', '/overdue-visits?mine=true')).body.total).toBe(0);
  });
});
