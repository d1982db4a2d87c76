import { expectEventually } from '@tsunagu/platform-testing';
import { consultationBody, DESK, expectPersonDesksFromScratch, expectProblem, type IntakeUnderTest, ORG_A, ORG_B, startIntake } from './intake-app';

const ORG_C = '01900000-0000-7000-8000-000000000005';
const SECRET = '支援会議でのみ共有: 長男の通院歴';
const CONSENTED = '本人同意のうえ共有: 母の介護負担が大きい';
const MINUTES = '議事録: 長男の通院先と連絡を取る役割を包括が担う';

describe('intake: multi-agency cases, plans, evaluations, notes and meetings', () => {
  let intake: IntakeUnderTest;
  let keyPersonId: string;
  let sonId: string;
  let householdId: string;
  let caseId: string;
  let supportMeetingId: string;
  let jusouMeetingId: string;
  let supervisor: string;
  let agencyA: string;
  let agencyB: string;
  let agencyC: string;
  /** 地域包括 staff member listed as an attendee of the 支援会議 under their account. */
  let attendeeA: string;
  /** Their colleague at the same organisation, not on the attendee list. */
  let colleagueA: string;
  let staffB: string;
  let auditor: string;

  beforeAll(async () => {
    intake = await startIntake();
    supervisor = await intake.token({ subject: 'supervisor-1', roles: ['supervisor'] });
    [agencyA, agencyB, agencyC] = await Promise.all([intake.agencyToken(ORG_A), intake.agencyToken(ORG_B), intake.agencyToken(ORG_C)]);
    [attendeeA, colleagueA, staffB, auditor] = await Promise.all([
      intake.token({ subject: 'houkatsu-staff-1', roles: ['agency'], agency: ORG_A }),
      intake.token({ subject: 'houkatsu-staff-2', roles: ['agency'], agency: ORG_A }),
      intake.token({ subject: 'soudan-staff-1', roles: ['agency'], agency: ORG_B }),
      intake.token({ subject: 'auditor-1', roles: ['auditor'] }),
    ]);
    keyPersonId = (await intake.call('POST', '/persons', { body: { familyName: '讃岐', givenName: '一郎', familyNameKana: 'サヌキ', givenNameKana: 'イチロウ', birthDate: '1940-06-12' } })).body.id;
    sonId = (await intake.call('POST', '/persons', { body: { familyName: '讃岐', givenName: '健太', familyNameKana: 'サヌキ', givenNameKana: 'ケンタ', birthDate: '1972-09-30' } })).body.id;
    householdId = (
      await intake.call('POST', '/households', {
        body: { label: '讃岐家', keyPersonId, members: [{ personId: keyPersonId, relationToKey: 'self' }, { personId: sonId, relationToKey: 'child', careEdges: [{ toPersonId: keyPersonId, kind: 'financial-dependency' }] }] },
      })
    ).body.id;
  });
  afterAll(() => intake.close());

  const post = (path: string, body: unknown = {}, token?: string) => intake.call('POST', path, { body, ...(token ? { token } : {}) });

  it('opens a case on the pre-consent track, and refuses the 重層 track without consent', async () => {
    const refused = await post('/cases', { householdId, keyPersonId, track: 'consented', coordinatorOrganizationId: DESK });
    expectProblem(refused, 403);
    expect(refused.body.code).toBe('consent-required');
    const consultationId = (await post('/consultations', consultationBody({ personId: keyPersonId, householdId }))).body.id;
    const opened = await post('/cases', { householdId, keyPersonId, consultationId, track: 'pre-consent', coordinatorOrganizationId: DESK, memberOrganizationIds: [ORG_A] });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: 'potential', track: 'pre-consent', caseNo: expect.stringMatching(/^C-R\d+-0001$/), allowedActions: ['record-consent', 'close'] });
    // Its opening date is the day it was registered, in Japan (the case view shows it).
    expect(opened.body.openedOn).toBe(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date()));
    caseId = opened.body.id;
  });

  it('lists "my cases": the ones the caller coordinates', async () => {
    const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((item) => item.id);
    const mine = await intake.call('GET', '/cases?mine=true&perPage=100');
    expect(mine.status).toBe(200);
    expect(ids(mine)).toContain(caseId);
    expect(mine.body.items.every((item: { coordinatorStaff: string }) => item.coordinatorStaff === 'caseworker-1')).toBe(true);
    expect(ids(await intake.call('GET', '/cases?mine=true&perPage=100', { token: supervisor }))).not.toContain(caseId);
    expect(ids(await intake.call('GET', '/cases?mine=false&perPage=100', { token: supervisor }))).toContain(caseId);
    const bad = await intake.call('GET', '/cases?mine=perhaps');
    expectProblem(bad, 400);
    expect(Object.keys(bad.body.errors)).toEqual(['mine']);
  });

  it('holds a 106条の6 支援会議 only once every attending person acknowledged confidentiality', async () => {
    const scheduled = await post('/meetings', {
      legalType: 'support-meeting-106-6',
      localName: 'まるごと会議',
      convenerOrganizationId: DESK,
      heldAt: '2025-06-10T10:00:00+09:00',
      attendees: [
        // A value sent for the acknowledgement is ignored: it is recorded per person through its own endpoint.
        { staffSubject: 'houkatsu-staff-1', name: '地域包括 担当', organizationId: ORG_A, confidentialityAckAt: '2025-06-01T10:00:00+09:00' },
        { name: '相談支援 担当', organizationId: ORG_B },
      ],
      cases: [{ caseId, agenda: 'information-sharing' }],
    });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.legalTypeLabel).toBe('支援会議（社福法106条の6）');
    expect(scheduled.body.attendees.map((attendee: { confidentialityAckAt: string | null }) => attendee.confidentialityAckAt)).toEqual([null, null]);
    supportMeetingId = scheduled.body.id;

    const early = await post(`/meetings/${supportMeetingId}/hold`);
    expectProblem(early, 409);
    expect(early.body.missingAcknowledgements).toHaveLength(2);
    const acknowledge = (body: unknown, token?: string) => post(`/meetings/${supportMeetingId}/acknowledge-confidentiality`, body, token);
    // An organisation acknowledges nothing: not its machine client, not a colleague of the listed person.
    expect((await acknowledge({}, agencyA)).body.reason).toBe('person-required');
    expect((await acknowledge({}, colleagueA)).body.reason).toBe('not-an-attendee');
    expectProblem(await acknowledge({}, colleagueA), 403);
    expectProblem(await acknowledge({}, staffB), 403);
    // An attendee acknowledges for themself only.
    expectProblem(await acknowledge({ name: '相談支援 担当', organizationId: ORG_B }, attendeeA), 403);
    expectProblem(await acknowledge({ staffSubject: 'houkatsu-staff-2', organizationId: ORG_A }, colleagueA), 403);
    const own = await acknowledge({}, attendeeA);
    expect(own.status).toBe(200);
    expect(own.body.attendees[0].confidentialityAckAt).toEqual(expect.any(String));
    expect(new Date(own.body.attendees[0].confidentialityAckAt).getTime()).toBeGreaterThan(Date.parse('2025-06-02'));
    expect(own.body.attendees[1].confidentialityAckAt).toBeNull();
    expect((await acknowledge({}, attendeeA)).body.attendees[0].confidentialityAckAt).toBe(own.body.attendees[0].confidentialityAckAt);
    expectProblem(await post(`/meetings/${supportMeetingId}/hold`), 409);
    // The secretariat enters the signed 誓約書 of an attendee without an account, named by name and organisation.
    const missingName = await acknowledge({ organizationId: ORG_B });
    expectProblem(missingName, 400);
    expect(Object.keys(missingName.body.errors)).toEqual(['name']);
    expectProblem(await acknowledge({ name: '別の 担当', organizationId: ORG_B }), 400);
    const paper = await acknowledge({ name: '相談支援 担当', organizationId: ORG_B });
    expect(paper.status).toBe(200);
    expect(paper.body.attendees.every((attendee: { confidentialityAckAt: string | null }) => attendee.confidentialityAckAt !== null)).toBe(true);
    expect((await post(`/meetings/${supportMeetingId}/hold`)).body.status).toBe('held');

    // Material shared there carries its basis; a consent-based note goes alongside.
    expectProblem(await post('/progress-notes', { caseId, occurredAt: '2025-06-10T11:00:00+09:00', kind: 'meeting', text: SECRET, legalBasis: 'support-meeting-106-6' }), 400);
    expect((await post('/progress-notes', { caseId, occurredAt: '2025-06-10T11:00:00+09:00', kind: 'meeting', text: SECRET, legalBasis: 'support-meeting-106-6', meetingId: supportMeetingId })).status).toBe(201);
  });

  it('gives a 支援会議’s pack, minutes and notes only to the secretariat and to attendees who acknowledged — not to their organisation as such', async () => {
    const current = (await intake.call('GET', `/meetings/${supportMeetingId}`)).body;
    expect((await intake.call('PATCH', `/meetings/${supportMeetingId}`, { body: { minutes: MINUTES, version: current.version } })).status).toBe(200);
    const pack = (token?: string) => intake.call('GET', `/meetings/${supportMeetingId}/pack`, token ? { token } : {});
    expect((await pack()).text).toContain(SECRET);
    const own = await pack(attendeeA);
    expect(own.status).toBe(200);
    expect(own.text).toContain(SECRET);
    // Same organisation, its machine client, the other attending organisation's client and an unlisted member of it.
    for (const token of [colleagueA, agencyA, agencyB, staffB]) {
      const refused = await pack(token);
      expectProblem(refused, 403);
      expect(refused.body.reason).toBe('confidentiality-acknowledgement-required');
      expect(refused.text).not.toContain(SECRET);
      expect(refused.text).not.toContain(caseId);
    }
    // An organisation with no part in the meeting does not learn that it exists.
    expectProblem(await pack(agencyC), 404);

    // The minutes (非公開) follow the same rule; attending organisations still see the arrangements.
    const seen = await intake.call('GET', `/meetings/${supportMeetingId}`, { token: colleagueA });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ minutes: null, materialWithheld: true, status: 'held' });
    expect((await intake.call('GET', '/meetings', { token: agencyB })).text).not.toContain(MINUTES);
    expect((await intake.call('GET', `/meetings/${supportMeetingId}`, { token: attendeeA })).body).toMatchObject({ minutes: MINUTES, materialWithheld: false });
    expect((await intake.call('GET', `/meetings/${supportMeetingId}`)).body.minutes).toBe(MINUTES);

    // So do the notes shared there, for reading and for recording under its basis.
    const notes = async (token: string) => (await intake.call('GET', `/progress-notes?caseId=${caseId}`, { token })).body.items.map((note: { text: string }) => note.text);
    expect(await notes(attendeeA)).toContain(SECRET);
    expect(await notes(colleagueA)).not.toContain(SECRET);
    expect(await notes(agencyA)).not.toContain(SECRET);
    const note = { caseId, occurredAt: '2025-06-10T12:00:00+09:00', kind: 'meeting', text: '追記', legalBasis: 'support-meeting-106-6', meetingId: supportMeetingId };
    expectProblem(await post('/progress-notes', note, colleagueA), 403);

    // The acknowledgements and every pack read, given or refused, are in the audit trail.
    const audit = await intake.call('GET', `/audit-records?resourceType=Meeting&resourceId=${supportMeetingId}&perPage=100`, { token: auditor });
    expect(audit.status).toBe(200);
    const facts = audit.body.items.map((record: { actor: string; action: string; outcome: string }) => `${record.actor} ${record.action} ${record.outcome}`);
    expect(facts).toEqual(
      expect.arrayContaining(['houkatsu-staff-1 update success', 'caseworker-1 update success', 'houkatsu-staff-2 update denied', 'houkatsu-staff-1 export success', 'houkatsu-staff-2 export denied', 'soudan-staff-1 export denied']),
    );
  });

  it('keeps pre-consent cases out of the 重層的支援会議 and moves the case to the 重層 track once consent is recorded', async () => {
    const tooEarly = await post('/meetings', { legalType: 'jusou-meeting', convenerOrganizationId: DESK, heldAt: '2025-07-01T10:00:00+09:00', cases: [{ caseId, agenda: 'plan-review' }] });
    expectProblem(tooEarly, 403);
    expectProblem(await post(`/cases/${caseId}/record-consent`), 403);

    await post('/consents', { personId: keyPersonId, scope: 'jusou-meeting', method: 'signature', status: 'obtained' });
    await post('/consents', { personId: keyPersonId, scope: 'agency-sharing', targetOrganizationIds: [ORG_A], method: 'signature', status: 'obtained' });
    const moved = await post(`/cases/${caseId}/record-consent`);
    expect(moved.body).toMatchObject({ status: 'assessing', track: 'consented', consentId: expect.any(String) });
    expect((await post('/progress-notes', { caseId, occurredAt: '2025-07-01T09:00:00+09:00', kind: 'interview', text: CONSENTED, legalBasis: 'consent' })).status).toBe(201);
  });

  it('takes a plan through submission, a held 重層的支援会議, approval and the municipality’s 支援決定', async () => {
    expect((await post(`/cases/${caseId}/start-planning`)).body.status).toBe('planning');
    const plan = await post('/plans', {
      caseId,
      wishes: '家で暮らし続けたい',
      overallDirection: '介護サービスの導入と長男の居場所づくり',
      goals: [{ id: 'g1', term: 'short', text: '介護保険の申請', targetDate: '2025-08-31' }],
      actions: [{ goalId: 'g1', organizationId: ORG_A, role: '介護保険申請支援', content: '訪問して申請を手伝う', frequency: '随時', isLead: true }],
      usesParticipationSupport: true,
      nextReviewOn: '2025-10-01',
    });
    expect(plan.status).toBe(201);
    expect(plan.body).toMatchObject({ planVersion: 1, status: 'draft' });
    const submitted = await post(`/plans/${plan.body.id}/submit`);
    expect(submitted.body.status).toBe('submitted');
    expect((await intake.call('GET', `/cases/${caseId}`)).body.status).toBe('in-review');

    const meeting = await post('/meetings', { legalType: 'jusou-meeting', convenerOrganizationId: DESK, heldAt: '2025-07-15T14:00:00+09:00', attendees: [{ name: '包括', organizationId: ORG_A }], cases: [{ caseId, agenda: 'plan-review' }] });
    jusouMeetingId = meeting.body.id;
    expectProblem(await post(`/plans/${plan.body.id}/approve`, { meetingId: jusouMeetingId }), 400);
    await post(`/meetings/${jusouMeetingId}/hold`);
    expect((await post(`/plans/${plan.body.id}/approve`, { meetingId: jusouMeetingId })).body.status).toBe('approved');

    expectProblem(await post(`/cases/${caseId}/decide-support`), 403);
    const decided = await post(`/cases/${caseId}/decide-support`, { decidedOn: '2025-07-16' }, supervisor);
    expect(decided.body).toMatchObject({ status: 'decided', supportDecidedOn: '2025-07-16', supportDecisionMeetingId: jusouMeetingId });

    expectProblem(await post(`/cases/${caseId}/start-support`), 409);
    expect((await post(`/cases/${caseId}/assign-lead`, { leadOrganizationId: ORG_A })).body.leadOrganizationId).toBe(ORG_A);
    expect((await post(`/cases/${caseId}/start-support`)).body.status).toBe('in-support');
    expect((await intake.call('GET', `/plans/${plan.body.id}`)).body.status).toBe('active');
    expect((await post(`/cases/${caseId}/release-coordinator`)).body.coordinatorReleasedAt).toEqual(expect.any(String));
  });

  it('never puts 106条の6 material into a consent-based meeting pack', async () => {
    const jusouPack = await intake.call('GET', `/meetings/${jusouMeetingId}/pack`);
    expect(jusouPack.status).toBe(200);
    expect(jusouPack.body.includedBases).toEqual(['consent', 'public']);
    expect(jusouPack.text).toContain(CONSENTED);
    expect(jusouPack.text).not.toContain(SECRET);
    const supportPack = await intake.call('GET', `/meetings/${supportMeetingId}/pack`);
    expect(supportPack.text).toContain(SECRET);
  });

  it('lets agencies reach only cases, notes and meetings their organisation has a part in', async () => {
    expect((await intake.call('GET', `/cases/${caseId}`, { token: agencyA })).status).toBe(200);
    // ORG_B attends the 支援会議 about the key person: a relationship (docs/security/access-model.md); ORG_C has none.
    expect((await intake.call('GET', `/cases/${caseId}`, { token: agencyB })).status).toBe(200);
    expectProblem(await intake.call('GET', `/cases/${caseId}`, { token: agencyC }), 404);
    expect((await intake.call('GET', '/cases', { token: agencyC })).body.total).toBe(0);

    // The organisation's client reads what consent covers; its acknowledged attendee also what the 支援会議 shared.
    // Notes it may not read keep their place with the text withheld (never silently dropped).
    const texts = (reply: { body: { items: { text: string | null }[] } }) => reply.body.items.map((note) => note.text).filter((text): text is string => text !== null);
    const notesA = await intake.call('GET', `/progress-notes?caseId=${caseId}`, { token: agencyA });
    expect(texts(notesA)).toEqual([CONSENTED]);
    expect(notesA.body.items).toContainEqual(expect.objectContaining({ text: null, legalBasis: 'support-meeting-106-6', withheldFields: [{ field: 'text', reason: 'support-meeting-attendance' }] }));
    const notesOfAttendee = await intake.call('GET', `/progress-notes?caseId=${caseId}`, { token: attendeeA });
    expect(texts(notesOfAttendee).sort()).toEqual([CONSENTED, SECRET].sort());
    // ORG_B is not covered by the consent (it names ORG_A) and its client is no acknowledged attendee: it reads no text.
    const notesB = await intake.call('GET', `/progress-notes?caseId=${caseId}`, { token: agencyB });
    expect(texts(notesB)).toEqual([]);
    expect(notesB.text).not.toContain(SECRET);
    expectProblem(await intake.call('GET', `/progress-notes?caseId=${caseId}`, { token: agencyC }), 404);

    const added = await post('/progress-notes', { caseId, occurredAt: '2025-08-01T10:00:00+09:00', kind: 'visit', text: '自宅訪問。申請書を一緒に記入。', legalBasis: 'own-duty' }, agencyA);
    expect(added.status).toBe(201);
    expect(added.body.authorOrganizationId).toBe(ORG_A);
    expectProblem(await post('/progress-notes', { caseId, occurredAt: '2025-08-01T10:00:00+09:00', kind: 'visit', text: 'x', legalBasis: 'own-duty' }, agencyC), 404);

    // ORG_B attended the 支援会議 but is not on the case: it sees that meeting, not the 重層的支援会議.
    expect((await intake.call('GET', `/meetings/${supportMeetingId}`, { token: agencyB })).status).toBe(200);
    expectProblem(await intake.call('GET', `/meetings/${jusouMeetingId}/pack`, { token: agencyB }), 404);
    expect((await intake.call('GET', '/meetings', { token: agencyC })).body.total).toBe(0);
  });

  it('evaluates, re-plans with a new version, and closes with a reason; invalid moves answer 409', async () => {
    const invalid = await post(`/cases/${caseId}/resume`);
    expectProblem(invalid, 409);
    expect(invalid.body.transition).toEqual({ from: 'in-support', action: 'resume', allowed: ['start-evaluation', 'suspend'] });

    const active = (await intake.call('GET', `/plans?caseId=${caseId}&status=active`)).body.items[0];
    expectProblem(await post(`/plans/${active.id}/evaluations`, { goalResults: [], decision: 'continue' }), 409);
    expect((await post(`/cases/${caseId}/start-evaluation`)).body.status).toBe('evaluating');
    const replan = await post(`/plans/${active.id}/evaluations`, { goalResults: [{ goalId: 'g1', result: 'partly-achieved' }], decision: 'replan' });
    expect(replan.status).toBe(201);
    expect((await intake.call('GET', `/cases/${caseId}`)).body.status).toBe('planning');

    const v2 = await post('/plans', { caseId, goals: [{ id: 'g1', term: 'long', text: '長男の社会参加' }], actions: [{ goalId: 'g1', organizationId: ORG_A, role: '主担当', content: '月1回の面談', isLead: true }] });
    expect(v2.body.planVersion).toBe(2);
    await post(`/plans/${v2.body.id}/submit`);
    await post(`/plans/${v2.body.id}/approve`, { meetingId: jusouMeetingId });
    expect((await intake.call('GET', `/plans/${active.id}`)).body.status).toBe('superseded');
    await post(`/cases/${caseId}/decide-support`, {}, supervisor);
    await post(`/cases/${caseId}/start-support`);
    await post(`/cases/${caseId}/suspend`, { reason: '入院のため' });
    expect((await post(`/cases/${caseId}/resume`)).body.status).toBe('in-support');
    await post(`/cases/${caseId}/start-evaluation`);
    expectProblem(await post(`/plans/${v2.body.id}/evaluations`, { goalResults: [{ goalId: 'g1', result: 'achieved' }], decision: 'close' }), 400);
    const closed = await post(`/plans/${v2.body.id}/evaluations`, { goalResults: [{ goalId: 'g1', result: 'achieved' }], decision: 'close', closureReason: 'goal-achieved' });
    expect(closed.status).toBe(201);
    expect((await intake.call('GET', `/cases/${caseId}`)).body).toMatchObject({ status: 'closed', closureReason: 'goal-achieved', allowedActions: [] });
    expect((await intake.call('GET', `/plans/${v2.body.id}`)).body.status).toBe('ended');
    expect((await intake.call('GET', `/plans/${v2.body.id}/evaluations`)).body).toHaveLength(1);
  });

  it('names in the audit trail the persons behind the notes, plans and meetings it shows (who saw this person)', async () => {
    const walkIn = (await intake.call('POST', '/persons', { body: { familyName: '香川', givenName: '花子', familyNameKana: 'カガワ', givenNameKana: 'ハナコ', birthDate: '1985-04-01' } })).body.id;
    const consultationId = (await post('/consultations', consultationBody({ personId: walkIn }))).body.id;
    const consultationNote = await post('/progress-notes', { consultationId, occurredAt: '2025-07-02T09:00:00+09:00', kind: 'interview', text: '来所相談', legalBasis: 'consent' });
    expect(consultationNote.status).toBe(201);
    expect((await intake.call('GET', `/progress-notes/${consultationNote.body.id}`)).status).toBe(200);
    for (const path of [`/progress-notes?caseId=${caseId}`, `/plans?caseId=${caseId}`, `/meetings/${jusouMeetingId}`, `/meetings?caseId=${caseId}`]) {
      expect((await intake.call('GET', path)).status).toBe(200);
    }

    const seen = async (subjectId: string) =>
      (await intake.call('GET', `/audit-records?subjectId=${subjectId}&perPage=100`, { token: auditor })).body.items.map(
        (record: { resourceType: string; action: string }) => `${record.resourceType} ${record.action}`,
      );
    // The key person and the son of the household behind the case; the walk-in behind the consultation only.
    const caseRecords = ['ProgressNote list', 'SupportPlan list', 'SupportPlan create', 'SupportPlan transition', 'Evaluation create', 'Meeting read', 'Meeting list', 'Meeting create', 'ProgressNote create'];
    expect(await seen(keyPersonId)).toEqual(expect.arrayContaining(caseRecords));
    expect(await seen(sonId)).toEqual(expect.arrayContaining(caseRecords));
    expect(await seen(walkIn)).toEqual(expect.arrayContaining(['ProgressNote create', 'ProgressNote read']));
    expect(await seen(walkIn)).not.toContain('ProgressNote list');
  });

  it('publishes case, plan and meeting events without personal data', async () => {
    const events = await expectEventually(async () => {
      const all = await intake.events();
      expect(all.map((event) => event.subject)).toEqual(expect.arrayContaining(['tsunagu.evt.intake.case.closed', 'tsunagu.evt.intake.evaluation.recorded']));
      return all;
    });
    expect(events.map((event) => event.subject)).toEqual(
      expect.arrayContaining([
        'tsunagu.evt.intake.case.opened',
        'tsunagu.evt.intake.case.track-changed',
        'tsunagu.evt.intake.case.support-decision-made',
        'tsunagu.evt.intake.case.coordinator-released',
        'tsunagu.evt.intake.plan.approved',
        'tsunagu.evt.intake.plan.superseded',
        'tsunagu.evt.intake.meeting.held',
        'tsunagu.evt.intake.progress-note.recorded',
      ]),
    );
    const everything = events.map((event) => event.json).join('\n');
    for (const secret of [SECRET, CONSENTED, '讃岐', 'サヌキ', '1940-06-12', '家で暮らし続けたい', '介護保険の申請', 'まるごと会議', '地域包括 担当']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('keeps for every person exactly the desks a refresh from scratch gives (intake.person_desk, ADR 0020)', async () => {
    expect((await expectPersonDesksFromScratch(intake)).length).toBeGreaterThan(0);
  });
});
