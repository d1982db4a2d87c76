import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { consultationBody, DESK, expectPersonDesksFromScratch, expectProblem, type IntakeUnderTest, startIntake } from './intake-app';

/**
 * The access model of issue 13 (docs/security/access-model.md) against real PostgreSQL and NATS: every desk is a front
 * door, and each sees exactly the people it has a relationship with — in every list, before paging, and by id.
 */
const DESKS = {
  houkatsu: DEMO_ORGANIZATIONS.communityCareCentre.id, // 地域包括支援センター
  shougai: DEMO_ORGANIZATIONS.disabilityConsultation.id, // 障害者相談支援事業所
  konkyu: DEMO_ORGANIZATIONS.selfRelianceSupport.id, // 自立相談支援機関 (生活困窮)
  kosodate: DEMO_ORGANIZATIONS.childFamilyCentre.id, // こども家庭センター
  shakyo: DEMO_ORGANIZATIONS.socialWelfareCouncil.id, // 市社会福祉協議会
} as const;
type Desk = keyof typeof DESKS;
const DESK_NAMES = Object.keys(DESKS) as Desk[];

describe('intake: desks see people through relationships', () => {
  let intake: IntakeUnderTest;
  const staff = {} as Record<Desk, string>;
  const person = {} as Record<Desk, string>;
  const consultation = {} as Record<Desk, string>;
  let cityCaseworker: string;
  let citySupervisor: string;
  let cityPerson: string;

  const ids = (reply: { body: { items: { id: string }[] } }) => reply.body.items.map((item) => item.id).sort();
  const register = async (token: string, family: string, kana: string) =>
    (await intake.call('POST', '/persons', { token, body: { familyName: family, givenName: '太郎', familyNameKana: kana, givenNameKana: 'タロウ', birthDate: '1950-01-01', confirmNotDuplicate: true } })).body
      .id as string;
  const sees = async (token: string, personId: string) => (await intake.call('GET', `/persons/${personId}`, { token })).status === 200;
  /** A 支援会議 (106条の6) about one case, convened by one desk and attended by another. */
  const meetingOf = (caseId: string, convener: string, attendee: string, heldAt: string) => ({
    legalType: 'support-meeting-106-6',
    convenerOrganizationId: convener,
    heldAt,
    attendees: [{ name: '出席者', organizationId: attendee }],
    cases: [{ caseId, agenda: 'information-sharing' }],
  });

  beforeAll(async () => {
    intake = await startIntake();
    cityCaseworker = await intake.token({ subject: 'city-cw', roles: ['caseworker'] });
    citySupervisor = await intake.token({ subject: 'city-sv', roles: ['supervisor'] });
    for (const desk of DESK_NAMES) {
      staff[desk] = await intake.token({ subject: `${desk}-1`, roles: ['caseworker'], agency: DESKS[desk] });
      person[desk] = await register(staff[desk], `${desk}本人`, 'デスク');
      // Received at their own desk without naming it: the desk is the caller's.
      const received = await intake.call('POST', '/consultations', {
        token: staff[desk],
        body: { ...consultationBody({ personId: person[desk], mainComplaint: `${desk}の主訴`, categories: ['health-disability', 'income'], primaryCategory: 'health-disability' }), receivingOrganizationId: undefined },
      });
      expect(received.status).toBe(201);
      expect(received.body.receivingOrganizationId).toBe(DESKS[desk]);
      consultation[desk] = received.body.id;
      await intake.call('POST', '/households', { token: staff[desk], body: { label: `${desk}家`, keyPersonId: person[desk], members: [{ personId: person[desk], relationToKey: 'self' }] } });
    }
    cityPerson = await register(cityCaseworker, '市窓口', 'シマドグチ');
  });
  afterAll(() => intake.close());

  it.each(DESK_NAMES)('%s sees exactly its own person, in every list and by id', async (desk) => {
    const token = staff[desk];
    expect(ids(await intake.call('GET', '/persons?perPage=100', { token }))).toEqual([person[desk]]);
    expect((await intake.call('GET', '/consultations?perPage=100', { token })).body.items.map((item: { personId: string }) => item.personId)).toEqual([person[desk]]);
    expect((await intake.call('GET', '/households?perPage=100', { token })).body.items.map((item: { keyPersonId: string }) => item.keyPersonId)).toEqual([person[desk]]);
    // A household is found by a member's kana too (its label is 「<desk>家」), and only through people the desk sees.
    const byMember = await intake.call('GET', `/households?q=${encodeURIComponent('デスク タロウ')}`, { token });
    expect(byMember.body.items.map((item: { keyPersonId: string }) => item.keyPersonId)).toEqual([person[desk]]);
    expect((await intake.call('GET', `/households?q=${encodeURIComponent(`${desk}家`)}`, { token })).body.items).toHaveLength(1);
    // Duplicate candidates too: a desk is not told who other desks know (every desk's person has this reading and birth date).
    const candidates = await intake.call('GET', `/persons/duplicate-candidates?familyNameKana=${encodeURIComponent('デスク')}&givenNameKana=${encodeURIComponent('タロウ')}&birthDate=1950-01-01`, { token });
    expect(candidates.body.map((candidate: { id: string }) => candidate.id)).toEqual([person[desk]]);
    for (const other of DESK_NAMES.filter((name) => name !== desk)) {
      expectProblem(await intake.call('GET', `/persons/${person[other]}`, { token }), 404);
      expectProblem(await intake.call('GET', `/consultations/${consultation[other]}`, { token }), 404);
    }
    expectProblem(await intake.call('GET', `/persons/${cityPerson}`, { token }), 404);
    // Its own record in full: the receiving desk's own duty.
    const own = await intake.call('GET', `/consultations/${consultation[desk]}`, { token });
    expect(own.body).toMatchObject({ mainComplaint: `${desk}の主訴`, categories: ['health-disability', 'income'], withheldFields: [] });
  });

  it('finds every desk’s household by a member’s kana for a city-wide reader, none through people a desk does not see', async () => {
    const everyDesk = await intake.call('GET', `/households?q=${encodeURIComponent('デスク')}&perPage=100`, { token: citySupervisor });
    expect(everyDesk.body.items.map((item: { keyPersonId: string }) => item.keyPersonId).sort()).toEqual(DESK_NAMES.map((desk) => person[desk]).sort());
    expect((await intake.call('GET', `/households?q=${encodeURIComponent('シマドグチ')}`, { token: staff[DESK_NAMES[0]] })).body.items).toEqual([]);
  });

  it('gives agency systems the same desk view, and lets no desk receive for another desk', async () => {
    const system = await intake.agencyToken(DESKS.houkatsu);
    expect(ids(await intake.call('GET', '/persons?perPage=100', { token: system }))).toEqual([person.houkatsu]);
    const forged = await intake.call('POST', '/consultations', { token: staff.houkatsu, body: consultationBody({ receivingOrganizationId: DESKS.konkyu }) });
    expectProblem(forged, 403);
    expect(Object.keys(forged.body.errors)).toEqual(['receivingOrganizationId']);
  });

  it('names a page of people by ids in one request, leaving out those the desk may not see; a bounded, validated list', async () => {
    const asked = [person.houkatsu, person.shakyo, cityPerson];
    const reply = await intake.call('GET', `/persons?perPage=100&ids=${asked.join(',')}`, { token: staff.houkatsu });
    expect(reply.status).toBe(200);
    expect(ids(reply)).toEqual([person.houkatsu]);
    expect(reply.body.items[0]).toMatchObject({ familyName: 'houkatsu本人', givenName: '太郎' });
    expect(ids(await intake.call('GET', `/persons?perPage=100&ids=${asked.join(',')}`, { token: citySupervisor }))).toEqual([...asked].sort());
    const tooMany = Array.from({ length: 101 }, (_, i) => `0190aaaa-0000-7000-8000-${String(i).padStart(12, '0')}`).join(',');
    for (const bad of [tooMany, 'not-a-uuid']) {
      const refused = await intake.call('GET', `/persons?ids=${bad}`, { token: citySupervisor });
      expectProblem(refused, 400);
      expect(Object.keys(refused.body.errors)).toEqual(['ids']);
    }
  });

  it('filters lists in the query, before paging: page 1 of a desk has only its people when another desk has many', async () => {
    for (let i = 0; i < 30; i += 1) await register(staff.shakyo, `社協多数${i}`, 'シャキョウ');
    const page = await intake.call('GET', '/persons?perPage=5&page=1&sort=-createdAt', { token: staff.houkatsu });
    expect(page.body).toMatchObject({ total: 1, page: 1, perPage: 5 });
    expect(ids(page)).toEqual([person.houkatsu]);
    expect((await intake.call('GET', '/persons?perPage=5', { token: staff.shakyo })).body.total).toBe(31);
  });

  it('city staff: a caseworker outside CITY_WIDE_READ_ROLES sees through the city desk only; a supervisor reads city-wide', async () => {
    expect(ids(await intake.call('GET', '/persons?perPage=100', { token: cityCaseworker }))).toEqual([cityPerson]);
    expectProblem(await intake.call('GET', `/persons/${person.shougai}`, { token: cityCaseworker }), 404);
    const all = await intake.call('GET', '/persons?perPage=100', { token: citySupervisor });
    expect(all.body.total).toBe(1 + DESK_NAMES.length + 30);
    // City-wide readers see every field of every desk's consultation.
    expect((await intake.call('GET', `/consultations/${consultation.shougai}`, { token: citySupervisor })).body).toMatchObject({ mainComplaint: 'shougaiの主訴', withheldFields: [] });
  });

  it('a referral from 包括 to 自立相談 opens access while requested and accepted, and a declined one closes it', async () => {
    await intake.call('POST', '/consents', { token: staff.houkatsu, body: { personId: person.houkatsu, scope: 'agency-sharing', method: 'signature', status: 'obtained' } });
    expect(await sees(staff.konkyu, person.houkatsu)).toBe(false);
    const referral = await intake.call('POST', '/referrals', { token: staff.houkatsu, body: { consultationId: consultation.houkatsu, toOrganizationId: DESKS.konkyu, infoBasis: 'consent' } });
    expect(referral.status).toBe(201);
    expect(referral.body.fromOrganizationId).toBe(DESKS.houkatsu);
    expect(await sees(staff.konkyu, person.houkatsu)).toBe(true);
    expect(ids(await intake.call('GET', '/persons?perPage=100', { token: staff.konkyu }))).toEqual([person.houkatsu, person.konkyu].sort());
    // Consent covers 自立相談: the consultation of 包括 is readable in full.
    expect((await intake.call('GET', `/consultations/${consultation.houkatsu}`, { token: staff.konkyu })).body).toMatchObject({ mainComplaint: 'houkatsuの主訴', withheldFields: [] });
    expect((await intake.call('POST', `/referrals/${referral.body.id}/accept`, { token: staff.konkyu, body: {} })).status).toBe(200);
    expect(await sees(staff.konkyu, person.houkatsu)).toBe(true);
    // Other desks learn nothing of it.
    expect(await sees(staff.kosodate, person.houkatsu)).toBe(false);

    const second = await register(staff.houkatsu, '辞退', 'ジタイ');
    const received = await intake.call('POST', '/consultations', { token: staff.houkatsu, body: { ...consultationBody({ personId: second }), receivingOrganizationId: undefined } });
    const declined = await intake.call('POST', '/referrals', {
      token: staff.houkatsu,
      body: { consultationId: received.body.id, toOrganizationId: DESKS.konkyu, infoBasis: 'support-meeting-106-6', basisNote: '令和7年6月 支援会議' },
    });
    expect(await sees(staff.konkyu, second)).toBe(true);
    expect((await intake.call('POST', `/referrals/${declined.body.id}/decline`, { token: staff.konkyu, body: { reasonCode: 'no-capacity' } })).status).toBe(200);
    expect(await sees(staff.konkyu, second)).toBe(false);
    expect(ids(await intake.call('GET', '/persons?perPage=100', { token: staff.konkyu }))).not.toContain(second);
  });

  it('withdrawing the consent a referral rested on ends the addressee’s access', async () => {
    const subject = await register(staff.houkatsu, '撤回', 'テッカイ');
    const received = await intake.call('POST', '/consultations', { token: staff.houkatsu, body: { ...consultationBody({ personId: subject }), receivingOrganizationId: undefined } });
    const consent = await intake.call('POST', '/consents', { token: staff.houkatsu, body: { personId: subject, scope: 'named-organization', targetOrganizationIds: [DESKS.shakyo], method: 'signature', status: 'obtained' } });
    const referral = await intake.call('POST', '/referrals', { token: staff.houkatsu, body: { consultationId: received.body.id, toOrganizationId: DESKS.shakyo, infoBasis: 'consent' } });
    expect(referral.status).toBe(201);
    expect(await sees(staff.shakyo, subject)).toBe(true);
    const withdrawn = await intake.call('POST', `/consents/${consent.body.id}/withdraw`, { token: staff.houkatsu, body: { reason: '本人の申出' } });
    expect(withdrawn.status).toBeLessThan(300);
    expect(await sees(staff.shakyo, subject)).toBe(false);
    // The desk that referred keeps its own relationship.
    expect(await sees(staff.houkatsu, subject)).toBe(true);
    // The referral is still addressed to 社協, but it can no longer be accepted: it says why, and offers 不受理 only.
    const lapsed = await intake.call('GET', `/referrals/${referral.body.id}`, { token: staff.shakyo });
    expect(lapsed.body).toMatchObject({ status: 'requested', consentLapsed: true, allowedActions: ['decline'] });
    const refused = await intake.call('POST', `/referrals/${referral.body.id}/accept`, { token: staff.shakyo, body: {} });
    expectProblem(refused, 403);
    expect(refused.body.consentLapsed).toBe(true);
    expect(await sees(staff.shakyo, subject)).toBe(false);
    // A new consent that covers 社協 restores it: accepted, and 社協 sees the person again.
    const renewed = await intake.call('POST', '/consents', { token: staff.houkatsu, body: { personId: subject, scope: 'agency-sharing', method: 'signature', status: 'obtained' } });
    expect(renewed.status).toBe(201);
    expect((await intake.call('GET', `/referrals/${referral.body.id}`, { token: staff.shakyo })).body).toMatchObject({ consentLapsed: false, consentId: renewed.body.id, allowedActions: ['accept', 'decline'] });
    expect((await intake.call('POST', `/referrals/${referral.body.id}/accept`, { token: staff.shakyo, body: {} })).status).toBe(200);
    expect(await sees(staff.shakyo, subject)).toBe(true);
  });

  it('a case member sees the person while the case is open; closing it ends that access; meeting attendance opens it', async () => {
    const household = (await intake.call('GET', `/households?personId=${person.kosodate}`, { token: staff.kosodate })).body.items[0].id;
    const opened = await intake.call('POST', '/cases', {
      token: citySupervisor,
      body: { householdId: household, keyPersonId: person.kosodate, track: 'pre-consent', coordinatorOrganizationId: DESK, memberOrganizationIds: [DESKS.shougai] },
    });
    expect(opened.status).toBe(201);
    expect(await sees(staff.shougai, person.kosodate)).toBe(true);
    expect((await intake.call('GET', `/cases/${opened.body.id}`, { token: staff.shougai })).status).toBe(200);

    // No consent covers 障害 and it attends no 支援会議: the sensitive fields of こども家庭センター's record are withheld, not dropped.
    const withheld = await intake.call('GET', `/consultations/${consultation.kosodate}`, { token: staff.shougai });
    expect(withheld.status).toBe(200);
    expect(withheld.body).toMatchObject({ mainComplaint: null, categories: null, primaryCategory: null, receivingOrganizationId: DESKS.kosodate });
    expect(withheld.body.withheldFields).toEqual([
      { field: 'mainComplaint', reason: 'consent-scope' },
      { field: 'categories', reason: 'consent-scope' },
      { field: 'primaryCategory', reason: 'consent-scope' },
    ]);
    // 支援経過 of another organisation: listed, its text withheld.
    await intake.call('POST', '/progress-notes', {
      token: staff.kosodate,
      body: { consultationId: consultation.kosodate, occurredAt: '2025-06-01T10:00:00+09:00', kind: 'interview', text: '子育ての面談記録', legalBasis: 'own-duty' },
    });
    const notes = await intake.call('GET', `/progress-notes?consultationId=${consultation.kosodate}`, { token: staff.shougai });
    expect(notes.body.items).toEqual([expect.objectContaining({ text: null, authorOrganizationId: DESKS.kosodate, withheldFields: [{ field: 'text', reason: 'other-organization-duty' }] })]);
    expect((await intake.call('GET', `/progress-notes?consultationId=${consultation.kosodate}`, { token: staff.kosodate })).body.items[0].text).toBe('子育ての面談記録');

    // A 支援会議 (106条の6) about the person that 社協 attends opens the person to 社協, and is a basis for the sensitive fields.
    expect(await sees(staff.shakyo, person.kosodate)).toBe(false);
    const meeting = await intake.call('POST', '/meetings', { token: citySupervisor, body: meetingOf(opened.body.id, DESK, DESKS.shakyo, '2025-06-10T10:00:00+09:00') });
    expect(meeting.status).toBe(201);
    expect(await sees(staff.shakyo, person.kosodate)).toBe(true);
    expect((await intake.call('GET', `/consultations/${consultation.kosodate}`, { token: staff.shakyo })).body).toMatchObject({ mainComplaint: 'kosodateの主訴', withheldFields: [] });

    const closed = await intake.call('POST', `/cases/${opened.body.id}/close`, { token: citySupervisor, body: { reason: 'goal-achieved' } });
    expect(closed.body.status).toBe('closed');
    expect(await sees(staff.shougai, person.kosodate)).toBe(false);
    expect(ids(await intake.call('GET', '/persons?perPage=100', { token: staff.shougai }))).toEqual([person.shougai]);
  });

  it('a desk schedules only meetings it convenes or attends, and then reads them (meetings are 非公開, visible by that alone)', async () => {
    const household = (await intake.call('GET', `/households?personId=${person.houkatsu}`, { token: staff.houkatsu })).body.items[0].id;
    const opened = await intake.call('POST', '/cases', {
      token: citySupervisor,
      body: { householdId: household, keyPersonId: person.houkatsu, track: 'pre-consent', coordinatorOrganizationId: DESKS.houkatsu, memberOrganizationIds: [DESKS.konkyu] },
    });
    expect(opened.status).toBe(201);
    const meetingAbout = (convener: string, attendee: string) => meetingOf(opened.body.id, convener, attendee, '2025-07-01T10:00:00+09:00');
    // 包括 would schedule a meeting of others about its own person: refused, naming the convener, and nothing is written.
    const foreign = await intake.call('POST', '/meetings', { token: staff.houkatsu, body: meetingAbout(DESKS.konkyu, DESKS.shakyo) });
    expectProblem(foreign, 400);
    expect(Object.keys(foreign.body.errors)).toEqual(['convenerOrganizationId']);
    const convenedBy = async (organizationId: string) =>
      (await intake.call('GET', '/meetings?perPage=100', { token: citySupervisor })).body.items.filter((item: { convenerOrganizationId: string }) => item.convenerOrganizationId === organizationId);
    expect(await convenedBy(DESKS.konkyu)).toEqual([]);
    // Attending is enough; the desk then reads the meeting it scheduled.
    const attended = await intake.call('POST', '/meetings', { token: staff.houkatsu, body: meetingAbout(DESKS.konkyu, DESKS.houkatsu) });
    expect(attended.status).toBe(201);
    expect((await intake.call('GET', `/meetings/${attended.body.id}`, { token: staff.houkatsu })).status).toBe(200);
    // The city desk's caseworker convenes for the municipality (DESK is CITY_DESK_ORGANIZATION_ID in these tests).
    const convened = await intake.call('POST', '/meetings', { token: cityCaseworker, body: meetingAbout(DESK, DESKS.konkyu) });
    expect(convened.status).toBe(201);
    expect((await intake.call('GET', `/meetings/${convened.body.id}`, { token: cityCaseworker })).status).toBe(200);
    // An edit that takes the desk off its own meeting would hide it from the desk: refused the same way.
    const { legalType: _legalType, ...fields } = meetingAbout(DESKS.konkyu, DESKS.shakyo);
    const moved = await intake.call('PATCH', `/meetings/${attended.body.id}`, { token: staff.houkatsu, body: { ...fields, version: attended.body.version } });
    expectProblem(moved, 400);
    expect(Object.keys(moved.body.errors)).toEqual(['convenerOrganizationId']);
  });

  // The relationships are kept as rows by triggers (intake.person_desk, ADR 0020): each change below moves them.
  it('follows every change of a relationship: a member joining or leaving a case’s household, a meeting cancelled', async () => {
    const household = (await intake.call('GET', `/households?personId=${person.konkyu}`, { token: staff.konkyu })).body.items[0];
    const opened = await intake.call('POST', '/cases', {
      token: citySupervisor,
      body: { householdId: household.id, keyPersonId: person.konkyu, track: 'pre-consent', coordinatorOrganizationId: DESK, memberOrganizationIds: [DESKS.kosodate] },
    });
    expect(opened.status).toBe(201);
    const relative = await register(cityCaseworker, '世帯員', 'セタイイン');
    expect(await sees(staff.kosodate, relative)).toBe(false);
    const self = { personId: person.konkyu, relationToKey: 'self' };
    const joined = await intake.call('PATCH', `/households/${household.id}`, {
      token: citySupervisor,
      body: { members: [self, { personId: relative, relationToKey: 'child' }], version: household.version },
    });
    expect(joined.status).toBe(200);
    expect(await sees(staff.kosodate, relative)).toBe(true);
    const left = await intake.call('PATCH', `/households/${household.id}`, { token: citySupervisor, body: { members: [self], version: joined.body.version } });
    expect(left.status).toBe(200);
    expect(await sees(staff.kosodate, relative)).toBe(false);
    expect(await sees(staff.kosodate, person.konkyu)).toBe(true);

    expect(await sees(staff.shakyo, person.konkyu)).toBe(false);
    const meeting = await intake.call('POST', '/meetings', { token: citySupervisor, body: meetingOf(opened.body.id, DESK, DESKS.shakyo, '2025-08-01T10:00:00+09:00') });
    expect(meeting.status).toBe(201);
    expect(await sees(staff.shakyo, person.konkyu)).toBe(true);
    const cancelled = await intake.call('POST', `/meetings/${meeting.body.id}/cancel`, { token: citySupervisor, body: { version: meeting.body.version } });
    expect(cancelled.status).toBe(200);
    expect(await sees(staff.shakyo, person.konkyu)).toBe(false);
  });

  it('keeps for every person exactly the desks a refresh from scratch gives (intake.person_desk, ADR 0020)', async () => {
    expect((await expectPersonDesksFromScratch(intake)).length).toBeGreaterThan(0);
  });
});
