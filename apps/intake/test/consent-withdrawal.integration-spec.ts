import { expectEventually } from '@tsunagu/platform-testing';
import { consultationBody, DESK, expectPersonDesksFromScratch, expectProblem, type IntakeUnderTest, ORG_A, ORG_B, startIntake } from './intake-app';

/** Consent withdrawn closes what it opened: a 重層 case returns to the 支援会議 (106条の6) track (issue 13). */
describe('intake: a withdrawn consent returns the case to the pre-consent track', () => {
  let intake: IntakeUnderTest;
  let keyPersonId: string;
  let householdId: string;

  beforeAll(async () => {
    intake = await startIntake();
    keyPersonId = (await intake.call('POST', '/persons', { body: { familyName: '讃岐', givenName: '一郎', familyNameKana: 'サヌキ', givenNameKana: 'イチロウ', birthDate: '1940-06-12' } })).body.id;
    householdId = (await intake.call('POST', '/households', { body: { label: '讃岐家', keyPersonId, members: [{ personId: keyPersonId, relationToKey: 'self' }] } })).body.id;
  });
  afterAll(() => intake.close());

  const post = (path: string, body: unknown = {}, token?: string) => intake.call('POST', path, { body, ...(token ? { token } : {}) });
  const jusouConsent = async () => (await post('/consents', { personId: keyPersonId, scope: 'jusou-meeting', method: 'signature', status: 'obtained' })).body.id as string;

  it('moves the case back to 潜在 on the 支援会議 track, drops the organisations that joined on consent, recalls the submitted plan, and records it', async () => {
    const consultationId = (await post('/consultations', consultationBody({ personId: keyPersonId, householdId }))).body.id;
    // ORG_A joins under 社福法106条の6 (支援会議 track); ORG_B joins as lead once the case rests on consent.
    const opened = await post('/cases', { householdId, keyPersonId, consultationId, track: 'pre-consent', coordinatorOrganizationId: DESK, memberOrganizationIds: [ORG_A] });
    const caseId = opened.body.id as string;
    const consentId = await jusouConsent();
    expect((await post(`/cases/${caseId}/record-consent`)).body).toMatchObject({ track: 'consented', status: 'assessing', consentId });
    expect((await post(`/cases/${caseId}/assign-lead`, { leadOrganizationId: ORG_B })).body.memberOrganizationIds).toEqual([ORG_A, ORG_B]);
    await post(`/cases/${caseId}/start-planning`);
    const plan = await post('/plans', {
      caseId,
      goals: [{ id: 'g1', term: 'short', text: '介護保険の申請', targetDate: '2026-08-31' }],
      actions: [{ goalId: 'g1', organizationId: ORG_A, role: '申請支援', content: '訪問して申請を手伝う', isLead: true }],
    });
    expect((await post(`/plans/${plan.body.id}/submit`)).body.status).toBe('submitted');
    const orgB = await intake.agencyToken(ORG_B);
    expect((await intake.call('GET', `/cases/${caseId}`, { token: orgB })).status).toBe(200);

    const withdrawn = await post(`/consents/${consentId}/withdraw`, { reason: '本人が共有をやめたいと申し出た' });
    expect(withdrawn.body.status).toBe('withdrawn');

    const back = await intake.call('GET', `/cases/${caseId}`);
    expect(back.body).toMatchObject({ track: 'pre-consent', status: 'potential', consentId: null, memberOrganizationIds: [ORG_A], leadOrganizationId: null, allowedActions: ['record-consent', 'close'] });
    expect((await intake.call('GET', `/plans/${plan.body.id}`)).body.status).toBe('draft');
    expectProblem(await post(`/plans/${plan.body.id}/submit`), 403);
    // The organisation whose part rested on the consent no longer reaches the case; the 支援会議 member still does.
    expectProblem(await intake.call('GET', `/cases/${caseId}`, { token: orgB }), 404);
    expect((await intake.call('GET', `/cases/${caseId}`, { token: await intake.agencyToken(ORG_A) })).status).toBe(200);
    // On the timeline: a 支援経過 entry on the case, and an event the other services and reporting follow.
    const notes = await intake.call('GET', `/progress-notes?caseId=${caseId}`);
    expect(notes.body.items).toEqual([expect.objectContaining({ kind: 'other', legalBasis: 'own-duty', text: expect.stringContaining('支援会議（社会福祉法第106条の6）のトラックに戻りました') })]);
    await expectEventually(async () => {
      const changes = (await intake.events()).filter((e) => e.subject === 'tsunagu.evt.intake.case.track-changed' && e.event.subject === caseId);
      expect(changes.map((e) => [e.event.data['track'], e.event.data['status']])).toEqual([
        ['consented', 'assessing'],
        ['pre-consent', 'potential'],
      ]);
      expect(JSON.stringify(changes)).not.toContain('撤回');
    });

    // A new consent moves it forward again.
    const renewed = await jusouConsent();
    expect((await post(`/cases/${caseId}/record-consent`)).body).toMatchObject({ track: 'consented', status: 'assessing', consentId: renewed });
  });

  it('keeps the case on the 重層 track while another consent for the 重層的支援会議 still holds', async () => {
    const first = await jusouConsent();
    const opened = await post('/cases', { householdId, keyPersonId, track: 'consented', coordinatorOrganizationId: DESK });
    expect(opened.body.consentId).toEqual(expect.any(String));
    const second = await jusouConsent();
    await post(`/consents/${opened.body.consentId}/withdraw`, {});
    const kept = await intake.call('GET', `/cases/${opened.body.id}`);
    expect(kept.body).toMatchObject({ track: 'consented', status: 'received' });
    expect([first, second]).toContain(kept.body.consentId);
    expect(kept.body.consentId).not.toBe(opened.body.consentId);
  });

  it('keeps for every person exactly the desks a refresh from scratch gives (intake.person_desk, ADR 0020)', async () => {
    expect((await expectPersonDesksFromScratch(intake)).length).toBeGreaterThan(0);
  });
});
