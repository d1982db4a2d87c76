import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { asSystem } from '@tsunagu/platform-testing';
import { expectProblem, startIntake, type IntakeUnderTest } from './intake-app';

const HOUKATSU = DEMO_ORGANIZATIONS.communityCareCentre.id;
const SHAKYO = DEMO_ORGANIZATIONS.socialWelfareCouncil.id;

/** 緊急時アクセス (break-glass): refused without a reason, opens one person to one staff member, expires, audited, reviewed. */
describe('intake: emergency access (break-glass)', () => {
  let intake: IntakeUnderTest;
  let personId: string;
  let otherPersonId: string;
  let desk: string;
  let deskColleague: string;
  let shakyoSupervisor: string;
  let citySupervisor: string;
  let auditor: string;

  beforeAll(async () => {
    intake = await startIntake();
    desk = await intake.token({ subject: 'houkatsu-1', roles: ['caseworker'], agency: HOUKATSU });
    deskColleague = await intake.token({ subject: 'houkatsu-2', roles: ['caseworker'], agency: HOUKATSU });
    shakyoSupervisor = await intake.token({ subject: 'shakyo-sv', roles: ['supervisor'], agency: SHAKYO });
    citySupervisor = await intake.token({ subject: 'city-sv', roles: ['supervisor'] });
    auditor = await intake.token({ subject: 'auditor-1', roles: ['auditor'] });
    // Registered by the city desk: no relationship with 包括.
    personId = (await intake.call('POST', '/persons', { body: { familyName: '緊急', givenName: '対象', familyNameKana: 'キンキュウ', givenNameKana: 'タイショウ', birthDate: '1940-01-02' } })).body.id;
    otherPersonId = (await intake.call('POST', '/persons', { body: { familyName: '無関係', givenName: '花子', familyNameKana: 'ムカンケイ', givenNameKana: 'ハナコ' } })).body.id;
  });
  afterAll(() => intake.close());

  it('a desk without a relationship gets the same 404 as for a person who does not exist', async () => {
    const hidden = await intake.call('GET', `/persons/${personId}`, { token: desk });
    const missing = await intake.call('GET', '/persons/01900000-0000-7000-8000-00000000dead', { token: desk });
    expectProblem(hidden, 404);
    expectProblem(missing, 404);
    expect(hidden.body.type).toBe(missing.body.type);
    expect(hidden.body.title).toBe(missing.body.title);
  });

  it('refuses without a reason or with a short one (400 naming reason), and answers 404 for an unknown person', async () => {
    for (const body of [{}, { reason: '急ぎ' }, { reason: '          ' }]) {
      const refused = await intake.call('POST', `/persons/${personId}/emergency-access`, { token: desk, body });
      expectProblem(refused, 400);
      expect(Object.keys(refused.body.errors)).toContain('reason');
    }
    expectProblem(await intake.call('POST', '/persons/01900000-0000-7000-8000-00000000dead/emergency-access', { token: desk, body: { reason: '本人から自殺をほのめかす電話があり、緊急連絡先を確認する必要がある' } }), 404);
  });

  it('is not for analysts, auditors or agency systems', async () => {
    const body = { reason: '本人から自殺をほのめかす電話があり、緊急連絡先を確認する必要がある' };
    for (const token of [await intake.token({ roles: ['analyst'] }), auditor, await intake.agencyToken(HOUKATSU)]) {
      expectProblem(await intake.call('POST', `/persons/${personId}/emergency-access`, { token, body }), 403);
    }
  });

  it('opens the person to the caller only, for EMERGENCY_ACCESS_MINUTES, audited as emergency-access; it expires', async () => {
    const reason = '本人から自殺をほのめかす電話があり、緊急連絡先を確認する必要がある';
    const granted = await intake.call('POST', `/persons/${personId}/emergency-access`, { token: desk, body: { reason } });
    expect(granted.status).toBe(201);
    expect(granted.body).toEqual({
      id: expect.any(String),
      personId,
      actor: 'houkatsu-1',
      organizationId: HOUKATSU,
      reason,
      grantedAt: expect.any(String),
      expiresAt: expect.any(String),
      reviewedAt: null,
      reviewedBy: null,
      reviewNote: null,
    });
    expect(Date.parse(granted.body.expiresAt) - Date.parse(granted.body.grantedAt)).toBe(60 * 60_000);

    expect((await intake.call('GET', `/persons/${personId}`, { token: desk })).status).toBe(200);
    const listed = await intake.call('GET', '/persons?perPage=100', { token: desk });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([personId]);
    // The subject's, not the desk's: a colleague at the same desk still gets 404; other people stay hidden.
    expectProblem(await intake.call('GET', `/persons/${personId}`, { token: deskColleague }), 404);
    expectProblem(await intake.call('GET', `/persons/${otherPersonId}`, { token: desk }), 404);

    const audit = await intake.call('GET', `/audit-records?action=emergency-access&outcome=success&perPage=100`, { token: auditor });
    expect(audit.body.items).toEqual([expect.objectContaining({ actor: 'houkatsu-1', action: 'emergency-access', resourceType: 'Person', resourceId: personId, outcome: 'success' })]);
    const reads = await intake.call('GET', `/audit-records?actor=houkatsu-1&action=read&resourceType=Person&perPage=100`, { token: auditor });
    expect(reads.body.items.some((item: { resourceId: string; outcome: string }) => item.resourceId === personId && item.outcome === 'success')).toBe(true);

    // Expiry: the access ends when expires_at passes (moved into the past rather than waiting an hour).
    // System work: under row-level security a statement without the tenant setting updates nothing (ADR 0012).
    await asSystem(intake.orm, `update "intake"."emergency_access" set expires_at = now() - interval '1 second' where id = ?`, [granted.body.id]);
    expectProblem(await intake.call('GET', `/persons/${personId}`, { token: desk }), 404);
    expect((await intake.call('GET', '/persons?perPage=100', { token: desk })).body.items).toEqual([]);
  });

  it('appears in the review list, unreviewed first; a desk supervisor sees only their desk; supervisors and auditors review it', async () => {
    const forbidden = await intake.call('GET', '/emergency-accesses', { token: desk });
    expectProblem(forbidden, 403);
    const queue = await intake.call('GET', '/emergency-accesses?reviewed=false', { token: citySupervisor });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((item: { personId: string }) => item.personId)).toEqual([personId]);
    expect((await intake.call('GET', '/emergency-accesses', { token: shakyoSupervisor })).body.items).toEqual([]);

    const id = queue.body.items[0].id;
    const reviewed = await intake.call('POST', `/emergency-accesses/${id}/review`, { token: auditor, body: { note: '記録と理由を確認した' } });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ id, reviewedBy: 'auditor-1', reviewNote: '記録と理由を確認した', reviewedAt: expect.any(String) });
    expectProblem(await intake.call('POST', `/emergency-accesses/${id}/review`, { token: citySupervisor, body: {} }), 409);
    expect((await intake.call('GET', '/emergency-accesses?reviewed=false', { token: auditor })).body.items).toEqual([]);
    expect((await intake.call('GET', '/emergency-accesses?reviewed=true', { token: auditor })).body.total).toBe(1);
  });

  it('who saw this person: a city supervisor reads the trail per person (the break-glass read among it); never the whole trail, never a desk supervisor', async () => {
    const trail = await intake.call('GET', `/audit-records?subjectId=${personId}&perPage=100`, { token: citySupervisor });
    expect(trail.status).toBe(200);
    expect(trail.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'houkatsu-1', action: 'read', resourceType: 'Person', resourceId: personId, outcome: 'success' })]));
    // Nothing about the other person.
    expect(trail.body.items.every((item: { resourceId: string | null }) => item.resourceId !== otherPersonId)).toBe(true);
    const whole = await intake.call('GET', '/audit-records?perPage=100', { token: citySupervisor });
    expectProblem(whole, 400);
    expect(Object.keys(whole.body.errors)).toEqual(['subjectId']);
    expectProblem(await intake.call('GET', `/audit-records?subjectId=${personId}`, { token: shakyoSupervisor }), 403);
    expectProblem(await intake.call('GET', `/audit-records?subjectId=${personId}`, { token: desk }), 403);
  });
});
