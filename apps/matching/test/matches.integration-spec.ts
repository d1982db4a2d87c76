import { v7 as uuidv7 } from 'uuid';
import { asSystem } from '@tsunagu/platform-testing';
import { ConsentRecorded, ConsentWithdrawn, DISTRICT_HOME, expectProblem, HOST_ORG, hostConsent, needBody, OTHER_ORG, startMatching, type MatchingUnderTest, eventually } from './matching-app';

/** Match lifecycle: hard constraints on proposal, the consent gate, allowed and refused moves, follow-ups, host isolation, events. */
describe('matching: match lifecycle, consent gate and follow-ups', () => {
  let matching: MatchingUnderTest;
  const personId = uuidv7();
  let needId: string;
  let opportunityId: string;
  let hostId: string;
  let matchId: string;

  const move = (id: string, body: Record<string, unknown>, token?: string) => matching.call('POST', `/matches/${id}/transition`, { body, token });
  /** Status of matching's copy of an intake consent (undefined until the event has been consumed). */
  const consentStatus = async (consentId: string): Promise<string | undefined> => {
    const rows: { status: string }[] = await asSystem(matching.orm, `select "status" from "matching"."consent_copy" where "consent_id" = ?`, [consentId]);
    return rows[0]?.status;
  };

  beforeAll(async () => {
    matching = await startMatching();
    const host = await matching.call('POST', '/hosts', {
      body: { organizationId: HOST_ORG, name: '地区社協 受入先', hostTypes: ['community-group'], accepts: ['ibasho', 'role-volunteer'], accommodations: ['quiet-space'], contactPerson: '担当 受入', districtIds: [DISTRICT_HOME] },
    });
    expect(host.status).toBe(201);
    hostId = host.body.id;
    const menu = await matching.call('POST', '/opportunities', {
      body: { hostId, title: 'カフェボランティア', purposes: ['role-volunteer'], activityTags: ['園芸', 'カフェ'], sessions: [{ weekday: 'tu', slot: 'morning' }], capacity: 2, seatsLeft: 1, groupSize: 5, status: 'published' },
    });
    expect(menu.status).toBe(201);
    opportunityId = menu.body.id;
    expect(menu.body.districtId).toBe(DISTRICT_HOME);
    await matching.knownPerson({ personId });
    needId = (await matching.call('POST', '/needs', { body: needBody(personId, { accommodations: ['quiet-space'] }) })).body.id;
  });
  afterAll(() => matching.close());

  it('refuses a proposal while the need is still being heard, and one that fails a hard constraint', async () => {
    expectProblem(await matching.call('POST', '/matches', { body: { needId, opportunityId } }), 409);
    expect((await matching.call('POST', `/needs/${needId}/status`, { body: { status: 'matching' } })).body.status).toBe('matching');
    const strict = (await matching.call('POST', '/needs', { body: needBody(await matching.knownPerson(), { availability: [{ weekday: 'fr', slot: 'evening' }] }) })).body.id;
    await matching.call('POST', `/needs/${strict}/status`, { body: { status: 'matching' } });
    const refused = await matching.call('POST', '/matches', { body: { needId: strict, opportunityId } });
    expectProblem(refused, 409);
    expect(refused.body.constraints).toEqual(['schedule']);
    expect(refused.body.errors.opportunityId).toContain('schedule');
  });

  it('proposes (提案) with the score the engine gives, once per need and opportunity', async () => {
    const proposed = await matching.call('POST', '/matches', { body: { needId, opportunityId } });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toEqual(expect.objectContaining({ status: 'proposed', purpose: 'role-volunteer', hostOrganizationId: HOST_ORG, allowedStatuses: ['visit', 'trial', 'participating', 'interrupted', 'ended'] }));
    expect(proposed.body.proposedScore).toBeGreaterThan(0);
    matchId = proposed.body.id;
    expectProblem(await matching.call('POST', '/matches', { body: { needId, opportunityId } }), 409);
  });

  it('consent gate: no 見学 without consent 参加支援受入先への提供 covering the host; a consent for another host does not count', async () => {
    const refused = await move(matchId, { status: 'visit' });
    expectProblem(refused, 403);
    expect(refused.body.type).toContain('consent-required');
    expect(refused.body.detail).toContain('参加支援受入先への提供');
    const otherHost = uuidv7();
    await matching.publish(ConsentRecorded, otherHost, hostConsent(otherHost, personId, 'obtained', [OTHER_ORG]));
    await eventually(async () => expect(await consentStatus(otherHost)).toBe('obtained'));
    expectProblem(await move(matchId, { status: 'visit' }), 403);
    const consentId = uuidv7();
    await matching.publish(ConsentRecorded, consentId, hostConsent(consentId, personId, 'obtained', [HOST_ORG]));
    const visited = await eventually(async () => {
      const reply = await move(matchId, { status: 'visit' });
      expect(reply.status).toBe(200);
      return reply;
    });
    expect(visited.body).toEqual(expect.objectContaining({ status: 'visit', consentId, visitOn: expect.any(String) }));
  });

  it('the host organisation sees the match from 見学 on; another organisation gets 404', async () => {
    const host = await matching.agencyToken(HOST_ORG);
    const other = await matching.agencyToken(OTHER_ORG);
    expect((await matching.call('GET', `/matches/${matchId}`, { token: host })).status).toBe(200);
    expect((await matching.call('GET', '/matches', { token: host })).body.total).toBe(1);
    expectProblem(await matching.call('GET', `/matches/${matchId}`, { token: other }), 404);
    expect((await matching.call('GET', '/matches', { token: other })).body.total).toBe(0);
    expectProblem(await matching.call('POST', `/matches/${matchId}/follow-ups`, { token: other, body: { side: 'host', method: 'phone' } }), 404);
    expectProblem(await matching.call('PATCH', `/opportunities/${opportunityId}`, { token: other, body: { fee: 100, version: 1 } }), 404);
    expectProblem(await matching.call('GET', `/hosts/${hostId}`, { token: other }), 404);
    // Staff-only moves stay staff-only.
    expectProblem(await move(matchId, { status: 'trial' }, host), 403);
  });

  it("a desk sees the person's need through an active match it hosts; another desk and a city worker without a city-wide role do not", async () => {
    const hostDesk = await matching.token({ subject: 'host-desk-1', roles: ['caseworker'], agency: HOST_ORG });
    const otherDesk = await matching.token({ subject: 'other-desk-1', roles: ['caseworker'], agency: OTHER_ORG });
    const cityWorker = await matching.token({ subject: 'participation-2', roles: ['participation-worker'] });
    const needId = (await matching.call('GET', `/matches/${matchId}`)).body.needId as string;
    expect((await matching.call('GET', `/needs/${needId}`, { token: hostDesk })).status).toBe(200);
    expect((await matching.call('GET', '/needs', { token: hostDesk })).body.total).toBe(1);
    expect((await matching.call('GET', '/matches', { token: hostDesk })).body.total).toBe(1);
    for (const token of [otherDesk, cityWorker]) {
      expectProblem(await matching.call('GET', `/needs/${needId}`, { token }), 404);
      expectProblem(await matching.call('GET', `/matches/${matchId}`, { token }), 404);
      expect((await matching.call('GET', '/needs', { token })).body.total).toBe(0);
    }
    // The city's supervisors read city-wide (CITY_WIDE_READ_ROLES).
    expect((await matching.call('GET', `/needs/${needId}`, { token: await matching.token({ roles: ['supervisor'] }) })).status).toBe(200);
  });

  it('enforces the lifecycle server-side: no going back, a reason for 中断/終了, dates not before the proposal', async () => {
    const back = await move(matchId, { status: 'proposed' });
    expectProblem(back, 400);
    expect(back.body.errors.status).toBeDefined();
    const noReason = await move(matchId, { status: 'interrupted' });
    expectProblem(noReason, 400);
    expect(noReason.body.errors.reason).toBeDefined();
    const early = await move(matchId, { status: 'trial', on: '2000-01-01' });
    expectProblem(early, 400);
    expect(early.body.errors.on).toBeDefined();
    expect((await move(matchId, { status: 'trial' })).body.status).toBe('trial');
    const started = await move(matchId, { status: 'participating' });
    expect(started.body).toEqual(expect.objectContaining({ status: 'participating', startedOn: expect.any(String), nextFollowUpDue: expect.any(String) }));
    const refusedBack = await move(matchId, { status: 'trial' });
    expectProblem(refusedBack, 409);
    expect(refusedBack.body.type).toContain('invalid-transition');
    // The seat is taken and the need moved to 参加中.
    expect((await matching.call('GET', `/opportunities/${opportunityId}`)).body.seatsLeft).toBe(0);
    expect((await matching.call('GET', `/needs/${needId}`)).body.status).toBe('participating');
  });

  it('records follow-ups for the person and the host, and lists overdue ones', async () => {
    const host = await matching.agencyToken(HOST_ORG);
    const own = await matching.call('POST', `/matches/${matchId}/follow-ups`, { body: { side: 'person', method: 'interview', issues: '朝が苦手', adjustments: '午後に変更' } });
    expect(own.status).toBe(201);
    const hostSide = await matching.call('POST', `/matches/${matchId}/follow-ups`, { token: host, body: { side: 'host', method: 'phone', issues: '声かけに迷う', nextDueOn: '2099-01-01' } });
    expect(hostSide.status).toBe(201);
    expect(hostSide.body.staffOrganizationId).toBe(HOST_ORG);
    expectProblem(await matching.call('POST', `/matches/${matchId}/follow-ups`, { token: host, body: { side: 'person', method: 'phone' } }), 400);
    expect((await matching.call('GET', `/matches/${matchId}/follow-ups`)).body.total).toBe(2);
    expect((await matching.call('GET', '/follow-ups/overdue')).body.total).toBe(0);
    // A follow-up held long ago whose next one fell due yesterday makes the match overdue.
    await matching.call('POST', `/matches/${matchId}/follow-ups`, { body: { side: 'both', method: 'visit', heldOn: new Date().toISOString().slice(0, 10), nextDueOn: '2099-12-31' } });
    await asSystem(matching.orm, `update "matching"."match" set "next_follow_up_due" = '2020-01-01' where "id" = ?`, [matchId]);
    const overdue = await matching.call('GET', '/follow-ups/overdue');
    expect(overdue.body.items.map((item: { id: string }) => item.id)).toEqual([matchId]);
  });

  it('a withdrawn consent stops further sharing steps; 終了 with a reason frees the seat', async () => {
    const consents = (await matching.call('GET', `/matches/${matchId}`)).body.consentId as string;
    await matching.publish(ConsentWithdrawn, consents, hostConsent(consents, personId, 'withdrawn', [HOST_ORG]));
    // Wait until the withdrawal has been consumed (trying the move meanwhile could succeed and settle the match).
    await eventually(async () => expect(await consentStatus(consents)).toBe('withdrawn'));
    const refused = await move(matchId, { status: 'settled' });
    expectProblem(refused, 403);
    expect(refused.body.type).toContain('consent-required');
    const ended = await move(matchId, { status: 'ended', reason: 'person-declined', note: '本人の希望で終了' });
    expect(ended.body).toEqual(expect.objectContaining({ status: 'ended', endReason: 'person-declined', allowedStatuses: [] }));
    expect((await matching.call('GET', `/opportunities/${opportunityId}`)).body.seatsLeft).toBe(1);
  });

  it('publishes need, host, match and follow-up events with ids, codes and dates only — no personal data or notes', async () => {
    const events = await eventually(async () => {
      const all = (await matching.events()).filter((entry) => entry.subject.startsWith('tsunagu.evt.matching.'));
      expect(all.map((entry) => entry.subject)).toEqual(
        expect.arrayContaining([
          'tsunagu.evt.matching.need.registered',
          'tsunagu.evt.matching.need.status-changed',
          'tsunagu.evt.matching.host.registered',
          'tsunagu.evt.matching.match.proposed',
          'tsunagu.evt.matching.match.visit-arranged',
          'tsunagu.evt.matching.match.trial-started',
          'tsunagu.evt.matching.match.started',
          'tsunagu.evt.matching.match.ended',
          'tsunagu.evt.matching.follow-up.recorded',
        ]),
      );
      return all;
    });
    const started = events.find((entry) => entry.subject === 'tsunagu.evt.matching.match.started');
    expect(started?.event.data).toEqual(expect.objectContaining({ matchId, personId, hostOrganizationId: HOST_ORG, purpose: 'role-volunteer', districtId: DISTRICT_HOME }));
    for (const entry of events) {
      for (const secret of ['園芸', 'カフェ', '人の多い場所', '朝が苦手', '午後に変更', '声かけ', '担当 受入', '地区社協', '本人の希望', 'カフェボランティア']) expect(entry.json).not.toContain(secret);
      for (const key of ['interests', 'notes', 'issues', 'adjustments', 'contactPerson', 'name', 'title', 'endNote']) expect(Object.keys(entry.event.data)).not.toContain(key);
    }
  });
});
