import { expectEventually } from '@tsunagu/platform-testing';
import { consultationBody, DESK, expectPersonDesksFromScratch, expectProblem, type IntakeUnderTest, ORG_A, ORG_B, startIntake } from './intake-app';

describe('intake: referrals (つなぎ)', () => {
  let intake: IntakeUnderTest;
  let personId: string;
  let consultationId: string;
  const person = { familyName: '髙松', givenName: '花子', familyNameKana: 'タカマツ', givenNameKana: 'ハナコ', birthDate: '1950-04-01', phones: [{ type: 'home', number: '087-000-1234' }], addressRaw: '高松市番町1-8-15' };
  const words = '母の介護で眠れない日が続いている';

  beforeAll(async () => {
    intake = await startIntake();
    personId = (await intake.call('POST', '/persons', { body: person })).body.id;
    consultationId = (await intake.call('POST', '/consultations', { body: consultationBody({ personId, mainComplaint: words }) })).body.id;
  });
  afterAll(() => intake.close());

  const refer = (body: Record<string, unknown>) => intake.call('POST', '/referrals', { body: { consultationId, toOrganizationId: ORG_A, infoBasis: 'consent', ...body } });
  const count = async () => (await intake.call('GET', '/referrals?perPage=1')).body.total as number;

  it('refuses a referral no consent covers and without a 106条の6 basis, writing nothing', async () => {
    const before = await count();
    const refused = await refer({});
    expectProblem(refused, 403);
    expect(refused.body.code).toBe('consent-required');
    expect(refused.body.detail).toMatch(/No consent of the person covers sharing with organisation/);
    expect(refused.body.detail).toMatch(/106条の6/);
    expect(refused.body.organizationId).toBe(ORG_A);
    const ownDuty = await refer({ infoBasis: 'own-duty' });
    expectProblem(ownDuty, 403);
    expect(ownDuty.body.errors.infoBasis).toBeDefined();
    // A consent naming another organisation does not cover this one.
    await intake.call('POST', '/consents', { body: { personId, scope: 'named-organization', targetOrganizationIds: [ORG_B], method: 'signature', status: 'obtained' } });
    expectProblem(await refer({}), 403);
    // The 106条の6 basis needs the meeting named.
    expectProblem(await refer({ infoBasis: 'support-meeting-106-6' }), 400);
    expect(await count()).toBe(before);
  });

  it('refuses a referral dated in the future (400 naming referredOn)', async () => {
    const tomorrow = new Date(Date.now() + 9 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
    const future = await refer({ infoBasis: 'support-meeting-106-6', basisNote: '支援会議（第3回）', referredOn: tomorrow });
    expectProblem(future, 400);
    expect(Object.keys(future.body.errors)).toEqual(['referredOn']);
  });

  it('computes the follow-up date in business days, skipping the weekend and 昭和の日', async () => {
    const referral = await refer({ infoBasis: 'support-meeting-106-6', basisNote: '令和7年4月 支援会議（第1回）', referredOn: '2025-04-25' });
    expect(referral.status).toBe(201);
    // Fri 4/25 + 5 business days: 4/28 (Mon), [4/29 昭和の日], 4/30, 5/1, 5/2, [5/3–5/6 weekend and holidays], 5/7.
    expect(referral.body.followUpDue).toBe('2025-05-07');
  });

  it('creates a referral once consent covers the organisation and publishes ids and codes only', async () => {
    const consent = await intake.call('POST', '/consents', { body: { personId, scope: 'agency-sharing', targetOrganizationIds: [ORG_A], method: 'oral-recorded', status: 'obtained' } });
    expect(consent.status).toBe(201);
    const referral = await refer({ referredOn: '2025-05-01', requestNote: '同行希望' });
    expect(referral.status).toBe(201);
    expect(referral.body).toMatchObject({ status: 'requested', fromOrganizationId: DESK, toOrganizationId: ORG_A, consentId: consent.body.id, personId });
    // A person's timeline lists their referrals only.
    const ofPerson = await intake.call('GET', `/referrals?personId=${personId}&perPage=100`);
    expect(ofPerson.body.items.map((r: { id: string }) => r.id)).toContain(referral.body.id);
    expect(ofPerson.body.items.every((r: { personId: string }) => r.personId === personId)).toBe(true);
    expect((await intake.call('GET', '/referrals?personId=01900000-0000-7000-8000-0000000000ff')).body.total).toBe(0);

    const published = await expectEventually(async () => {
      const events = await intake.events();
      const found = events.find((event) => event.subject === 'tsunagu.evt.intake.referral.requested' && event.event.subject === referral.body.id);
      expect(found).toBeDefined();
      return events;
    });
    const requested = published.find((event) => event.event.subject === referral.body.id);
    expect(requested?.event.data).toEqual({
      referralId: referral.body.id,
      consultationId,
      personId,
      fromOrganizationId: DESK,
      toOrganizationId: ORG_A,
      infoBasis: 'consent',
      status: 'requested',
      followUpDue: referral.body.followUpDue,
      // The days reports count it on (依頼日, 初回接触日).
      referredOn: referral.body.referredOn,
      firstContactOn: null,
    });
    // Nothing personal anywhere on the bus: names, kana, birth date, phone, address, the person's words.
    const everything = published.map((event) => event.json).join('\n');
    for (const secret of ['髙松', '花子', 'タカマツ', 'ハナコ', '1950-04-01', '087-000-1234', '0870001234', '番町', words, '同行希望']) {
      expect(everything).not.toContain(secret);
    }
    expect(published.map((event) => event.subject)).toEqual(
      expect.arrayContaining(['tsunagu.evt.intake.person.registered', 'tsunagu.evt.intake.consultation.received', 'tsunagu.evt.intake.consent.recorded']),
    );
  });

  it('lets the receiving agency see and accept its referral, and hides it from every other agency (404)', async () => {
    const referral = (await refer({})).body;
    const agencyA = await intake.agencyToken(ORG_A);
    const agencyB = await intake.agencyToken(ORG_B);

    const listedA = await intake.call('GET', '/referrals?perPage=100', { token: agencyA });
    expect(listedA.body.items.map((r: { id: string }) => r.id)).toContain(referral.id);
    expect(listedA.body.items.every((r: { toOrganizationId: string; fromOrganizationId: string }) => r.toOrganizationId === ORG_A || r.fromOrganizationId === ORG_A)).toBe(true);
    expect((await intake.call('GET', '/referrals', { token: agencyB })).body.total).toBe(0);

    expectProblem(await intake.call('GET', `/referrals/${referral.id}`, { token: agencyB }), 404);
    expectProblem(await intake.call('POST', `/referrals/${referral.id}/accept`, { token: agencyB, body: {} }), 404);
    // The referral opens the person and the consultation to the addressee only (docs/security/access-model.md).
    expect((await intake.call('GET', `/consultations/${consultationId}`, { token: agencyA })).status).toBe(200);
    expectProblem(await intake.call('GET', `/consultations/${consultationId}`, { token: agencyB }), 404);
    // An agency refers onwards from its own desk only.
    const asAnother = await intake.call('POST', '/referrals', { token: agencyA, body: { consultationId, fromOrganizationId: DESK, toOrganizationId: ORG_B, infoBasis: 'consent' } });
    expectProblem(asAnother, 403);
    expect(Object.keys(asAnother.body.errors)).toEqual(['fromOrganizationId']);

    const accepted = await intake.call('POST', `/referrals/${referral.id}/accept`, { token: agencyA, body: { note: '担当: 地域包括 A' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const again = await intake.call('POST', `/referrals/${referral.id}/accept`, { token: agencyA, body: {} });
    expectProblem(again, 409);
    expect(again.body.transition).toEqual({ from: 'accepted', action: 'accept', allowed: ['complete', 'fail'] });
    // The first contact lies between the referral and today.
    const beforeReferral = await intake.call('POST', `/referrals/${referral.id}/complete`, { token: agencyA, body: { firstContactOn: '2025-05-02' } });
    expectProblem(beforeReferral, 400);
    expect(beforeReferral.body.errors.firstContactOn).toBeDefined();
    const tomorrow = new Date(Date.now() + 9 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
    expect((await intake.call('POST', `/referrals/${referral.id}/complete`, { token: agencyA, body: { firstContactOn: tomorrow } })).body.errors.firstContactOn).toBeDefined();
    const completed = await intake.call('POST', `/referrals/${referral.id}/complete`, { token: agencyA, body: { firstContactOn: referral.referredOn } });
    expect(completed.body).toMatchObject({ status: 'completed', firstContactOn: referral.referredOn });
    await expectEventually(async () => expect((await intake.events()).some((event) => event.subject === 'tsunagu.evt.intake.referral.completed')).toBe(true));
  });

  it('declines only with a reason code (その他 with a note), only by the organisation referred to or a supervisor, and publishes the code, never the note', async () => {
    const referral = (await refer({})).body;
    const agencyA = await intake.agencyToken(ORG_A);
    const caseworker = await intake.token({ subject: 'caseworker-2', roles: ['caseworker'] });
    const supervisor = await intake.token({ subject: 'supervisor-2', roles: ['supervisor'] });
    const decline = (body: Record<string, unknown>, token?: string) => intake.call('POST', `/referrals/${referral.id}/decline`, { token, body });

    // No reason, an unknown one, a label instead of the code, or その他 without a note: 400 naming the field.
    const noReason = await decline({ note: '今回は見送ります' }, agencyA);
    expectProblem(noReason, 400);
    expect(noReason.body.errors.reasonCode).toBeDefined();
    expect((await decline({ reasonCode: '受入枠なし' }, agencyA)).body.errors.reasonCode).toBeDefined();
    const otherWithoutNote = await decline({ reasonCode: 'other' }, agencyA);
    expectProblem(otherWithoutNote, 400);
    expect(otherWithoutNote.body.errors.note).toBeDefined();
    expect((await decline({ reasonCode: 'other', note: '   ' }, agencyA)).body.errors.note).toBeDefined();

    // A city caseworker sees the referral but cannot answer for the organisation (403); another agency does not see it (404).
    const asCaseworker = await intake.call('GET', `/referrals/${referral.id}`, { token: caseworker });
    expect(asCaseworker.body.allowedActions).toEqual([]);
    const byCaseworker = await decline({ reasonCode: 'no-capacity' }, caseworker);
    expectProblem(byCaseworker, 403);
    expect(byCaseworker.body.code).toBe('forbidden');
    expectProblem(await decline({ reasonCode: 'no-capacity' }, await intake.agencyToken(ORG_B)), 404);
    // The referring organisation (here an agency) only watches.
    const referredByA = (await intake.call('POST', '/referrals', { body: { consultationId, fromOrganizationId: ORG_A, toOrganizationId: DESK, infoBasis: 'support-meeting-106-6', basisNote: '支援会議（第2回）' } })).body;
    expect((await intake.call('GET', `/referrals/${referredByA.id}`, { token: agencyA })).body.allowedActions).toEqual([]);
    expectProblem(await intake.call('POST', `/referrals/${referredByA.id}/decline`, { token: agencyA, body: { reasonCode: 'not-eligible' } }), 403);
    expect((await intake.call('GET', `/referrals/${referral.id}`)).body.status).toBe('requested');

    // The organisation referred to declines with a code and a note.
    expect((await intake.call('GET', `/referrals/${referral.id}`, { token: agencyA })).body.allowedActions).toEqual(['accept', 'decline']);
    const declined = await decline({ reasonCode: 'other', note: '担当地区外のため別の包括へ（e2e）' }, agencyA);
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', reasonCode: 'other', responseNote: '担当地区外のため別の包括へ（e2e）', allowedActions: [] });
    const event = await expectEventually(async () => {
      const found = (await intake.events()).find((candidate) => candidate.subject === 'tsunagu.evt.intake.referral.declined' && candidate.event.subject === referral.id);
      expect(found).toBeDefined();
      return found;
    });
    expect(event?.event.data).toMatchObject({ referralId: referral.id, status: 'declined', reasonCode: 'other' });
    expect(event?.json).not.toContain('担当地区外');

    // A supervisor of the city may answer for an organisation (e.g. one that told the desk by phone).
    expect((await intake.call('GET', `/referrals/${referredByA.id}`, { token: supervisor })).body.allowedActions).toEqual(['accept', 'decline']);
    const bySupervisor = await intake.call('POST', `/referrals/${referredByA.id}/decline`, { token: supervisor, body: { reasonCode: 'no-capacity' } });
    expect(bySupervisor.body).toMatchObject({ status: 'declined', reasonCode: 'no-capacity' });
  });

  it('records 不調 with a reason code too, by the organisation referred to', async () => {
    const referral = (await refer({})).body;
    const agencyA = await intake.agencyToken(ORG_A);
    expect((await intake.call('POST', `/referrals/${referral.id}/accept`, { token: agencyA, body: {} })).body.status).toBe('accepted');
    expectProblem(await intake.call('POST', `/referrals/${referral.id}/fail`, { token: agencyA, body: {} }), 400);
    expectProblem(await intake.call('POST', `/referrals/${referral.id}/fail`, { body: { reasonCode: 'unreachable' } }), 403);
    const failed = await intake.call('POST', `/referrals/${referral.id}/fail`, { token: agencyA, body: { reasonCode: 'unreachable', note: '3回訪問したが不在' } });
    expect(failed.body).toMatchObject({ status: 'failed', reasonCode: 'unreachable' });
    const event = await expectEventually(async () => {
      const found = (await intake.events()).find((candidate) => candidate.subject === 'tsunagu.evt.intake.referral.failed' && candidate.event.subject === referral.id);
      expect(found).toBeDefined();
      return found;
    });
    expect(event?.event.data).toMatchObject({ status: 'failed', reasonCode: 'unreachable' });
    expect(event?.json).not.toContain('不在');
  });

  it('shows nothing to another municipality', async () => {
    const referral = (await refer({})).body;
    const marugame = await intake.token({ roles: ['admin'], municipality: '372021' });
    expect((await intake.call('GET', '/referrals', { token: marugame })).body.total).toBe(0);
    expectProblem(await intake.call('GET', `/referrals/${referral.id}`, { token: marugame }), 404);
    expectProblem(await intake.call('GET', `/referrals/${referral.id}`, { token: await intake.agencyToken(ORG_A, '372021') }), 404);
    expect((await intake.call('GET', '/consents', { token: marugame })).body.total).toBe(0);
  });

  it('lists the requests a desk has to answer (incoming=true), and the addressee reads whom it is asked to accept', async () => {
    const toA = (await refer({ requestNote: '受け付けた依頼の確認' })).body;
    const fromA = (await intake.call('POST', '/referrals', { body: { consultationId, fromOrganizationId: ORG_A, toOrganizationId: DESK, infoBasis: 'support-meeting-106-6', basisNote: '支援会議（第4回）' } })).body;
    const agencyA = await intake.agencyToken(ORG_A);
    const inboxA = await intake.call('GET', '/referrals?incoming=true&status=requested&perPage=100', { token: agencyA });
    expect(inboxA.status).toBe(200);
    const idsA = inboxA.body.items.map((r: { id: string }) => r.id);
    expect(idsA).toContain(toA.id);
    // What the desk sent itself is not in its inbox.
    expect(idsA).not.toContain(fromA.id);
    expect(inboxA.body.items.every((r: { toOrganizationId: string }) => r.toOrganizationId === ORG_A)).toBe(true);
    // City staff answer for the city desk (CITY_DESK_ORGANIZATION_ID).
    const inboxCity = await intake.call('GET', '/referrals?incoming=true&perPage=100');
    const idsCity = inboxCity.body.items.map((r: { id: string }) => r.id);
    expect(idsCity).toContain(fromA.id);
    expect(idsCity).not.toContain(toA.id);
    expect(inboxCity.body.items.every((r: { toOrganizationId: string }) => r.toOrganizationId === DESK)).toBe(true);
    // Another agency's inbox does not hold it.
    expect((await intake.call('GET', '/referrals?incoming=true', { token: await intake.agencyToken(ORG_B) })).body.items.map((r: { id: string }) => r.id)).not.toContain(toA.id);
    // The consent covers ORG_A: the addressee reads the person's name and contact.
    const person = await intake.call('GET', `/persons/${personId}`, { token: agencyA });
    expect(person.status).toBe(200);
    expect(person.body).toMatchObject({ familyName: '髙松', givenName: '花子', phones: [{ type: 'home', number: '087-000-1234' }] });
    expectProblem(await intake.call('GET', `/persons/${personId}`, { token: await intake.agencyToken(ORG_B) }), 404);
  });

  it('stops further sharing once the consent is withdrawn', async () => {
    const consents = (await intake.call('GET', `/consents?personId=${personId}&status=obtained&scope=agency-sharing`)).body.items;
    for (const consent of consents) {
      const withdrawn = await intake.call('POST', `/consents/${consent.id}/withdraw`, { body: { reason: '本人の申出' } });
      expect(withdrawn.body.status).toBe('withdrawn');
    }
    expectProblem(await refer({}), 403);
    await expectEventually(async () => expect((await intake.events()).some((event) => event.subject === 'tsunagu.evt.intake.consent.withdrawn')).toBe(true));
  });

  it('keeps for every person exactly the desks a refresh from scratch gives (intake.person_desk, ADR 0020)', async () => {
    expect((await expectPersonDesksFromScratch(intake)).length).toBeGreaterThan(0);
  });
});
