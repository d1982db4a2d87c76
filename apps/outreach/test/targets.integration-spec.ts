import { OUTREACH_EVENTS } from '@tsunagu/contracts';
import { OTHER_MUNICIPALITY } from '@tsunagu/demo-data';
import { asSystem, expectEventually } from '@tsunagu/platform-testing';
import { v7 as uuidv7 } from 'uuid';
import { contactBody, DISTRICT, expectProblem, HOUKATSU, SHAKYO, startOutreach, targetBody, type OutreachUnderTest } from './outreach-app';

describe('outreach: targets, stage machine, contacts', () => {
  let outreach: OutreachUnderTest;

  beforeAll(async () => {
    outreach = await startOutreach();
  });
  afterAll(() => outreach.close());

  it('registers a place-only target with partial identity and no consent', async () => {
    const reply = await outreach.call('POST', '/targets', { body: targetBody() });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ identity: 'location-only', personId: null, stage: 'not-contacted', allowedStages: ['attempting'], riskLevel: 'high', districtId: DISTRICT });
  });

  it('walks the stage machine on the server: allowed moves pass, refused ones are 409 naming from and to', async () => {
    const id = (await outreach.call('POST', '/targets', { body: targetBody() })).body.id;
    const move = (to: string) => outreach.call('POST', `/targets/${id}/stage`, { body: { to } });

    const skip = await move('contacted');
    expectProblem(skip, 409);
    expect(skip.body.transition).toEqual({ from: 'not-contacted', to: 'contacted', allowed: ['attempting'] });
    expect(skip.body.detail).toContain('not-contacted');

    for (const to of ['attempting', 'contacted', 'building-relationship']) expect((await move(to)).status).toBe(200);
    // 関係構築中 may fall back to 接触試行中, and come back.
    expect((await move('attempting')).body.stage).toBe('attempting');
    for (const to of ['contacted', 'building-relationship', 'connected', 'stable']) expect((await move(to)).status).toBe(200);
    const back = await move('connected');
    expectProblem(back, 409);
    expect(back.body.transition).toMatchObject({ from: 'stable', to: 'connected' });

    const closed = await outreach.call('POST', `/targets/${id}/close`, { body: { reason: 'relationship-stable' } });
    expect(closed.body).toMatchObject({ stage: 'closed', closeReason: 'relationship-stable', allowedStages: [] });
    expectProblem(await outreach.call('POST', `/targets/${id}/close`, { body: { reason: 'other' } }), 409);
    expectProblem(await move('attempting'), 409);
    // "Newly connected" is counted once, with the first connection.
    const firstConnectedOn = (await outreach.call('GET', `/targets/${id}`)).body.firstConnectedOn;
    expect(firstConnectedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await expectEventually(async () => {
      const stageEvents = (await outreach.events()).filter((e) => e.event.subject === id && e.subject.endsWith('stage-changed'));
      expect(stageEvents.map((e) => [e.event.data['fromStage'], e.event.data['toStage']])).toEqual([
        ['not-contacted', 'attempting'],
        ['attempting', 'contacted'],
        ['contacted', 'building-relationship'],
        ['building-relationship', 'attempting'],
        ['attempting', 'contacted'],
        ['contacted', 'building-relationship'],
        ['building-relationship', 'connected'],
        ['connected', 'stable'],
      ]);
      expect(stageEvents.filter((e) => e.event.data['newlyConnected'] === true)).toHaveLength(1);
      const closedEvent = (await outreach.events()).find((e) => e.event.subject === id && e.subject === 'tsunagu.evt.outreach.target.closed');
      expect(closedEvent?.event.data).toMatchObject({ fromStage: 'stable', closeReason: 'relationship-stable', districtId: DISTRICT });
    });
  });

  it('logs contacts: a first attempt moves to 接触試行中, a successful one to 接触できた; a closed target takes none', async () => {
    const id = (await outreach.call('POST', '/targets', { body: targetBody() })).body.id;
    const first = await outreach.call('POST', `/targets/${id}/contacts`, {
      body: contactBody({ observationNote: '新聞が3日分', accompaniedBy: [{ kind: 'welfare-commissioner', name: '民生 太郎' }], nextAction: '再訪問', nextDueOn: '2026-12-01' }),
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ result: 'absent', successful: false, accompaniedBy: [{ kind: 'welfare-commissioner', name: '民生 太郎' }] });
    expect((await outreach.call('GET', `/targets/${id}`)).body.stage).toBe('attempting');
    await outreach.call('POST', `/targets/${id}/contacts`, { body: contactBody({ result: 'brief-talk', method: 'phone' }) });
    const target = (await outreach.call('GET', `/targets/${id}`)).body;
    expect(target.stage).toBe('contacted');
    expect(target.lastSuccessfulContactAt).not.toBeNull();
    const log = await outreach.call('GET', `/targets/${id}/contacts`);
    expect(log.body.total).toBe(2);
    expect(log.body.items[0].result).toBe('brief-talk');

    await outreach.call('POST', `/targets/${id}/close`, { body: { reason: 'moved-out' } });
    expectProblem(await outreach.call('POST', `/targets/${id}/contacts`, { body: contactBody() }), 409);
  });

  it('refuses bad input with 400 problem+json naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [targetBody({ locationDescription: undefined }), 'locationDescription'],
      [targetBody({ discoveryRoute: '民生委員' }), 'discoveryRoute'],
      [targetBody({ riskLevel: 'very-high' }), 'riskLevel'],
      [targetBody({ assignedOrganizationId: 'not-a-uuid' }), 'assignedOrganizationId'],
      [targetBody({ reasonTags: ['ひきこもり'] }), 'reasonTags'],
      [targetBody({ discoveredOn: '2026-13-01' }), 'discoveredOn'],
      [targetBody({ discoveredOn: '2999-01-01' }), 'discoveredOn'],
      [targetBody({ familyName: '山田' }), 'familyName'],
      [targetBody({ reasonTags: Array.from({ length: 10_000 }, () => 'hikikomori') }), 'reasonTags'],
      [targetBody({ assignedStaff: Array.from({ length: 10_000 }, (_, index) => `staff-${index}`) }), 'assignedStaff'],
    ];
    for (const [body, field] of cases) {
      const reply = await outreach.call('POST', '/targets', { body });
      expectProblem(reply, 400);
      expect(Object.keys(reply.body.errors ?? {})).toContain(field);
    }
    const id = (await outreach.call('POST', '/targets', { body: targetBody() })).body.id;
    const contactCases: [Record<string, unknown>, string][] = [
      [contactBody({ result: '不在' }), 'result'],
      [contactBody({ method: 'pigeon' }), 'method'],
      [contactBody({ observations: ['smell'] }), 'observations'],
      [contactBody({ legalBasis: undefined }), 'legalBasis'],
      [contactBody({ contactedAt: '2999-01-01T00:00:00Z' }), 'contactedAt'],
      [contactBody({ accompaniedBy: [{ kind: 'neighbour' }] }), 'accompaniedBy.0.kind'],
      [contactBody({ observations: Array.from({ length: 10_000 }, () => 'smell') }), 'observations'],
      [contactBody({ accompaniedBy: Array.from({ length: 10_000 }, () => ({ kind: 'neighbour' })) }), 'accompaniedBy'],
    ];
    for (const [body, field] of contactCases) {
      const reply = await outreach.call('POST', `/targets/${id}/contacts`, { body });
      expectProblem(reply, 400);
      expect(Object.keys(reply.body.errors ?? {})).toContain(field);
    }
    expectProblem(await outreach.call('POST', `/targets/${id}/stage`, { body: { to: 'closed' } }), 400);
    expectProblem(await outreach.call('POST', `/targets/${id}/close`, { body: { reason: '転出' } }), 400);
    expectProblem(await outreach.call('PUT', `/targets/${id}/watch-plan`, { body: { cadenceDays: 0, watchers: [] } }), 400);
    const staffWithoutSubject = await outreach.call('PUT', `/targets/${id}/watch-plan`, { body: { cadenceDays: 7, watchers: [{ kind: 'staff' }] } });
    expectProblem(staffWithoutSubject, 400);
    expect(Object.keys(staffWithoutSubject.body.errors)).toContain('watchers.0.subject');
    expectProblem(await outreach.call('GET', '/targets?sort=-locationDescription'), 400);
    expectProblem(await outreach.call('GET', '/targets/not-a-uuid'), 400);
    expectProblem(await outreach.call('POST', '/targets', { raw: '{"riskLevel":' }), 400);
  });

  it('refuses an organisation the registry does not have in this municipality (400 naming the field)', async () => {
    const foreign = uuidv7();
    await outreach.registerOrganizations([foreign], OTHER_MUNICIPALITY.lgCode);
    for (const organizationId of [uuidv7(), foreign]) {
      const registered = await outreach.call('POST', '/targets', { body: targetBody({ assignedOrganizationId: organizationId }) });
      expectProblem(registered, 400);
      expect(Object.keys(registered.body.errors)).toEqual(['assignedOrganizationId']);
    }
    const personId = uuidv7();
    await outreach.knowPerson(personId);
    const target = (await outreach.call('POST', '/targets', { body: targetBody({ personId, locationDescription: undefined }) })).body;
    const moved = await outreach.call('PATCH', `/targets/${target.id}`, { body: { assignedOrganizationId: foreign, version: target.version } });
    expectProblem(moved, 400);
    expect(Object.keys(moved.body.errors)).toEqual(['assignedOrganizationId']);
    const handedOver = await outreach.call('POST', `/targets/${target.id}/hand-over`, { body: { to: 'consultation', toOrganizationId: uuidv7() } });
    expectProblem(handedOver, 400);
    expect(Object.keys(handedOver.body.errors)).toEqual(['toOrganizationId']);
    // A registered organisation of this municipality still goes through.
    expect((await outreach.call('PATCH', `/targets/${target.id}`, { body: { assignedOrganizationId: HOUKATSU, version: target.version } })).status).toBe(200);
  });

  it('isolates agencies: they see and change only targets assigned to their organisation; everything else is 404', async () => {
    const ours = (await outreach.call('POST', '/targets', { body: targetBody({ assignedOrganizationId: SHAKYO }) })).body.id;
    const theirs = (await outreach.call('POST', '/targets', { body: targetBody({ assignedOrganizationId: HOUKATSU }) })).body.id;
    const shakyo = await outreach.agencyToken(SHAKYO);
    const list = await outreach.call('GET', '/targets?perPage=100', { token: shakyo });
    expect(list.status).toBe(200);
    expect(list.body.items.every((t: { assignedOrganizationId: string }) => t.assignedOrganizationId === SHAKYO)).toBe(true);
    expect(list.body.items.map((t: { id: string }) => t.id)).toContain(ours);
    expect((await outreach.call('GET', `/targets/${ours}`, { token: shakyo })).status).toBe(200);
    expectProblem(await outreach.call('GET', `/targets/${theirs}`, { token: shakyo }), 404);
    expectProblem(await outreach.call('GET', `/targets/${theirs}/contacts`, { token: shakyo }), 404);
    expectProblem(await outreach.call('POST', `/targets/${theirs}/contacts`, { token: shakyo, body: contactBody() }), 404);
    expectProblem(await outreach.call('POST', `/targets/${theirs}/stage`, { token: shakyo, body: { to: 'attempting' } }), 404);
    expectProblem(await outreach.call('PUT', `/targets/${theirs}/watch-plan`, { token: shakyo, body: { cadenceDays: 7, watchers: [{ kind: 'volunteer', name: 'x' }] } }), 404);
    expectProblem(await outreach.call('POST', `/targets/${theirs}/hand-over`, { token: shakyo, body: { to: 'consultation', toOrganizationId: SHAKYO } }), 404);
    // Registering for another organisation is refused, naming the field.
    const foreign = await outreach.call('POST', '/targets', { token: shakyo, body: targetBody({ assignedOrganizationId: HOUKATSU }) });
    expectProblem(foreign, 400);
    expect(foreign.body.errors).toHaveProperty('assignedOrganizationId');
    expect((await outreach.call('POST', `/targets/${ours}/contacts`, { token: shakyo, body: contactBody() })).status).toBe(201);
    // Another municipality sees nothing of Takamatsu.
    const marugame = await outreach.token({ roles: ['outreach-worker'], municipality: '372021' });
    expect((await outreach.call('GET', '/targets', { token: marugame })).body.total).toBe(0);
    expectProblem(await outreach.call('GET', `/targets/${ours}`, { token: marugame }), 404);
    // Roles outside outreach are refused.
    expectProblem(await outreach.call('GET', '/targets', { token: await outreach.token({ roles: ['analyst'] }) }), 403);
    expectProblem(await outreach.call('GET', '/targets', { token: null }), 401);
  });

  it('keeps a target in sight of the desk that registered it for another organisation, and of nobody else', async () => {
    // A city アウトリーチ支援員 (the city desk) finds someone and hands the target to 社協 at registration.
    const id = (await outreach.call('POST', '/targets', { body: targetBody({ assignedOrganizationId: SHAKYO }) })).body.id;
    expect((await outreach.call('GET', `/targets/${id}`)).status).toBe(200);
    expect((await outreach.call('GET', '/targets?perPage=100')).body.items.map((t: { id: string }) => t.id)).toContain(id);
    expect((await outreach.call('GET', `/targets/${id}`, { token: await outreach.agencyToken(SHAKYO) })).status).toBe(200);
    // 地域包括 neither registered nor holds it.
    const houkatsu = await outreach.token({ subject: 'houkatsu-1', roles: ['caseworker'], agency: HOUKATSU });
    expectProblem(await outreach.call('GET', `/targets/${id}`, { token: houkatsu }), 404);
    expect((await outreach.call('GET', '/targets?perPage=100', { token: houkatsu })).body.items.map((t: { id: string }) => t.id)).not.toContain(id);
  });

  it('audits every read of a target', async () => {
    const id = (await outreach.call('POST', '/targets', { body: targetBody() })).body.id;
    await outreach.call('GET', `/targets/${id}`);
    await outreach.call('GET', `/targets/${id}`, { token: await outreach.agencyToken(HOUKATSU) });
    const rows = await asSystem(outreach.orm, `select action, resource_type, outcome from outreach.audit_record where resource_id = ? order by seq`, [id]);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'create', resource_type: 'OutreachTarget' }),
        expect.objectContaining({ action: 'read', resource_type: 'OutreachTarget', outcome: 'success' }),
        expect.objectContaining({ action: 'read', resource_type: 'OutreachTarget', outcome: 'denied' }),
      ]),
    );
  });

  it('publishes ids and codes only: no place description, observation text, names or free text on the stream', async () => {
    const place = '女木町の港から坂を上った青い屋根の家';
    const id = (await outreach.call('POST', '/targets', { body: targetBody({ locationDescription: place, note: '近所の方の話では半年前から' }) })).body.id;
    await outreach.call('POST', `/targets/${id}/contacts`, { body: contactBody({ observationNote: '異臭がする', nextAction: '民生委員と再訪問', accompaniedBy: [{ kind: 'welfare-commissioner', name: '女木 太郎' }] }) });
    await expectEventually(async () => {
      const events = (await outreach.events()).filter((e) => e.event.subject === id || e.event.data['targetId'] === id);
      expect(events.map((e) => e.subject)).toEqual(expect.arrayContaining(['tsunagu.evt.outreach.target.registered', 'tsunagu.evt.outreach.contact.logged', 'tsunagu.evt.outreach.target.stage-changed']));
      for (const event of events) {
        for (const text of [place, '半年前', '異臭がする', '民生委員と再訪問', '女木 太郎', '○○町']) expect(event.json).not.toContain(text);
        const contract = OUTREACH_EVENTS.find((c) => c.subject === event.subject);
        expect(Object.keys(event.event.data).sort()).toEqual(Object.keys((contract?.schema as { properties: object }).properties).sort());
      }
    });
  });
});
