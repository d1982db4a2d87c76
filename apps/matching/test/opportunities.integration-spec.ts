import { ResourceResumed, ResourceRetired, ResourceSuspended, ResourceUpdated, type ResourceSearchRequest } from '@tsunagu/contracts';
import { v7 as uuidv7 } from 'uuid';
import { MenuGapCheckUseCase } from '../src/gaps/menu-gap-check';
import { DISTRICT_FAR, DISTRICT_HOME, DISTRICT_NEAR, expectProblem, HOST_ORG, OTHER_ORG, needBody, registerResource, resourceData, startMatching, type MatchingUnderTest, eventually } from './matching-app';

/** Registry resources become opportunities by events; registry changes reach the suggestions; gaps are recorded. */
describe('matching: opportunities from registry events, suggestions and menu gaps', () => {
  let matching: MatchingUnderTest;
  const resource = uuidv7();
  let needId: string;
  let opportunityId: string;

  const suggestions = async () => {
    const reply = await matching.call('GET', `/needs/${needId}/suggestions`);
    expect(reply.status).toBe(200);
    return reply.body;
  };

  beforeAll(async () => {
    matching = await startMatching();
    const need = await matching.call('POST', '/needs', { body: needBody(await matching.knownPerson()) });
    expect(need.status).toBe(201);
    needId = need.body.id;
    expect((await matching.call('POST', `/needs/${needId}/status`, { body: { status: 'matching' } })).status).toBe(200);
  });
  afterAll(() => matching.close());

  it('turns a published registry resource into an opportunity automatically, with terms from its category', async () => {
    await registerResource(matching, resource);
    const found = await eventually(async () => {
      const list = await matching.call('GET', `/opportunities?resourceId=${resource}`);
      expect(list.body.items).toEqual([expect.objectContaining({ status: 'published', source: 'registry-resource', districtId: DISTRICT_HOME, organizationId: HOST_ORG })]);
      return list.body.items[0];
    });
    opportunityId = found.id;
    expect(found.purposes).toEqual(expect.arrayContaining(['ibasho']));
    expect(found.activityTags).toContain('体操・運動');
    // Staff add the schedule the registry event does not carry.
    const patched = await matching.call('PATCH', `/opportunities/${opportunityId}`, { body: { sessions: [{ weekday: 'tu', slot: 'morning' }], seatsLeft: 3, capacity: 10, version: found.version } });
    expect(patched.status).toBe(200);
  });

  it('fills the copy with the registry’s public details on request (request-reply), keeping what staff set; 503 when the registry is silent', async () => {
    const silent = await matching.call('POST', `/opportunities/${opportunityId}/refresh-from-registry`, { body: {} });
    expectProblem(silent, 503);
    let asked: ResourceSearchRequest | undefined;
    let askedFor: string | undefined;
    const stop = await matching.serveRegistrySearch((request, callerMunicipality) => {
      asked = request;
      askedFor = callerMunicipality;
      const hit = {
        id: resource,
        name: '仏生山いきいき通所',
        organizationId: HOST_ORG,
        category: 'day-type-b' as const,
        insuranceScheme: 'comprehensive-programme' as const,
        activities: ['exercise' as const, 'hobby' as const],
        eligibility: 'anyone' as const,
        districtIds: [DISTRICT_HOME],
        schedule: { frequency: 'weekly' as const, weekdays: ['fr' as const], opensAt: '13:30', closesAt: '15:00' },
        capacity: 12,
        lastVerifiedOn: null,
      };
      return { items: [{ ...hit, id: uuidv7(), name: '別の資源' }, hit], total: 2 };
    });
    try {
      const refreshed = await matching.call('POST', `/opportunities/${opportunityId}/refresh-from-registry`, { body: {} });
      expect(refreshed.status).toBe(200);
      // The municipality travels in the header from the caller's context, not in the payload (ADR 0015).
      expect(asked).toEqual({ districtIds: [DISTRICT_HOME], categories: ['day-type-b'], limit: 100 });
      expect(askedFor).toBe('372013');
      // The name and activities come from the registry; the sessions and seats staff set stay.
      expect(refreshed.body).toEqual(expect.objectContaining({ title: '仏生山いきいき通所', sessions: [{ weekday: 'tu', slot: 'morning' }], capacity: 10, seatsLeft: 3 }));
      expect(refreshed.body.activityTags).toEqual(expect.arrayContaining(['体操・運動', '趣味活動']));
    } finally {
      stop();
    }
  });

  it('suggests it with reasons per factor that add up to the score, in Japanese', async () => {
    const body = await suggestions();
    expect(body.items.map((item: { opportunityId: string }) => item.opportunityId)).toEqual([opportunityId]);
    const [item] = body.items;
    expect(item.reasons.reduce((sum: number, reason: { points: number }) => sum + reason.points, 0)).toBe(item.score);
    const texts = item.reasons.map((reason: { text: string }) => reason.text);
    expect(texts).toEqual(expect.arrayContaining(['火曜午前に参加可能', '自宅の地区内', '関心: 体操・運動']));
    expect(body.gapId).toBeNull();
  });

  it('a suspended resource disappears from the suggestions, and comes back when resumed', async () => {
    await matching.publish(ResourceSuspended, resource, resourceData(resource, { status: 'suspended' }));
    await eventually(async () => expect((await suggestions()).items).toEqual([]));
    // Reading suggestions records nothing (a GET changes nothing); the periodic check records the gap the suspension left.
    expect((await suggestions()).gapId).toBeNull();
    expect(await matching.app.get(MenuGapCheckUseCase).execute()).toEqual(expect.arrayContaining([expect.objectContaining({ ran: true, gapsRecorded: expect.any(Number) })]));
    const gapBody = await suggestions();
    expect(gapBody.rejections.inactive).toBe(1);
    expect(gapBody.gapId).toEqual(expect.any(String));
    await matching.publish(ResourceResumed, resource, resourceData(resource, { status: 'active' }));
    await eventually(async () => expect((await suggestions()).items.map((item: { opportunityId: string }) => item.opportunityId)).toEqual([opportunityId]));
  });

  it('ignores an older registry event arriving after a newer one', async () => {
    const late = await matching.publish(ResourceSuspended, resource, resourceData(resource, { status: 'suspended' }), { time: '2020-01-01T00:00:00.000Z' });
    await matching.publish(ResourceUpdated, resource, resourceData(resource, { status: 'active', districtIds: [DISTRICT_HOME] }));
    // Once the late event has been consumed (its inbox row exists), it has changed nothing.
    await eventually(async () => {
      const rows = await matching.orm.em.fork().getConnection().execute(`select 1 from "matching"."inbox_entry" where "message_id" = ?`, [late]);
      expect(rows).toHaveLength(1);
    });
    const read = await matching.call('GET', `/opportunities/${opportunityId}`);
    expect(read.body.status).toBe('published');
    // Terms staff added survive registry updates.
    expect(read.body.sessions).toEqual([{ weekday: 'tu', slot: 'morning' }]);
  });

  it('records a menu gap with the failing constraints when nothing passes, publishes it, and aggregates per district', async () => {
    const far = uuidv7();
    await registerResource(matching, far, { districtIds: [DISTRICT_FAR], category: 'salon' });
    await matching.publish(ResourceRetired, resource, resourceData(resource, { status: 'retired' }));
    await eventually(async () => expect((await matching.call('GET', `/opportunities/${opportunityId}`)).body.status).toBe('ended'));
    await eventually(async () => expect((await matching.call('GET', `/opportunities?resourceId=${far}`)).body.items).toEqual([expect.objectContaining({ status: 'published' })]));
    await matching.app.get(MenuGapCheckUseCase).execute();
    const body = await suggestions();
    expect(body.items).toEqual([]);
    expect(body.rejections.district).toBe(1);
    expect(body.gapId).toEqual(expect.any(String));
    // The same outcome the same day is one gap, not one per check or per click.
    const gapsOfNeed = async () => (await matching.call('GET', `/gaps/records?needId=${needId}`)).body.items.length;
    const before = await gapsOfNeed();
    await matching.app.get(MenuGapCheckUseCase).execute();
    expect((await suggestions()).gapId).toBe(body.gapId);
    expect(await gapsOfNeed()).toBe(before);
    const records = await matching.call('GET', `/gaps/records?needId=${needId}`);
    expect(records.body.items.find((item: { id: string }) => item.id === body.gapId)).toEqual(expect.objectContaining({ districtId: DISTRICT_HOME, failingConstraints: expect.arrayContaining(['district']), weekdays: ['tu'], timeSlots: ['morning'] }));
    const analyst = await matching.token({ roles: ['analyst'] });
    const summary = await matching.call('GET', '/gaps', { token: analyst });
    expect(summary.status).toBe(200);
    const home = summary.body.items.find((item: { districtId: string }) => item.districtId === DISTRICT_HOME);
    expect(home).toEqual(expect.objectContaining({ needs: 1 }));
    expect(home.constraints.map((entry: { code: string }) => entry.code)).toEqual(expect.arrayContaining(['district', 'inactive']));
    expect(home.times).toEqual([{ code: 'tu:morning', count: home.gaps }]);
    await eventually(async () => {
      const gaps = (await matching.events()).filter((entry) => entry.subject === 'tsunagu.evt.matching.menu-gap.recorded');
      expect(gaps.length).toBe(home.gaps);
      expect(gaps.map((entry) => entry.event.data['gapId'])).toContain(body.gapId);
    });
  });

  it('links the organisation’s host, keeps the district staff chose while the resource still names it, and copies a category without activity words', async () => {
    const host = await matching.call('POST', '/hosts', { body: { organizationId: OTHER_ORG, name: '受入先（複数地区）', hostTypes: ['npo'], accepts: ['hobby-social'] } });
    expect(host.status).toBe(201);
    const several = uuidv7();
    await registerResource(matching, several, { districtIds: [DISTRICT_HOME, DISTRICT_NEAR], organizationId: OTHER_ORG, category: 'other' });
    const copy = await eventually(async () => {
      const list = await matching.call('GET', `/opportunities?resourceId=${several}`);
      expect(list.body.items).toEqual([expect.objectContaining({ status: 'published', hostId: host.body.id, organizationId: OTHER_ORG, districtId: DISTRICT_HOME, activityTags: [], purposes: ['hobby-social'] })]);
      return list.body.items[0];
    });
    // Staff place it in the second district; an update naming both keeps their choice (and moves the version on).
    const placed = await matching.call('PATCH', `/opportunities/${copy.id}`, { body: { districtId: DISTRICT_NEAR, version: copy.version } });
    expect(placed.status).toBe(200);
    await matching.publish(ResourceUpdated, several, resourceData(several, { districtIds: [DISTRICT_HOME, DISTRICT_NEAR], organizationId: OTHER_ORG, category: 'other', status: 'suspended' }));
    const kept = await eventually(async () => {
      const read = await matching.call('GET', `/opportunities/${copy.id}`);
      expect(read.body).toEqual(expect.objectContaining({ status: 'suspended', districtId: DISTRICT_NEAR }));
      return read.body;
    });
    expect(kept.version).toBeGreaterThan(placed.body.version);
    // One that no longer names it takes the resource's first district; without an organisation there is no host.
    await matching.publish(ResourceUpdated, several, resourceData(several, { districtIds: [DISTRICT_FAR, DISTRICT_HOME], organizationId: null, category: 'other' }));
    await eventually(async () => {
      const read = await matching.call('GET', `/opportunities/${copy.id}`);
      expect(read.body).toEqual(expect.objectContaining({ status: 'published', districtId: DISTRICT_FAR, hostId: null, organizationId: null, title: copy.title, activityTags: [] }));
    });
  });
});
