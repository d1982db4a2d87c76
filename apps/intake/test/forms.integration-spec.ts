import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { captureServiceLogs } from '@tsunagu/platform-observability';
import { asSystem, bootObserved, type Observed } from '@tsunagu/platform-testing';
import { readPdfText } from '@tsunagu/util-pdf-forms/testing';
import { consultationBody, DESK, expectProblem, ORG_A, ORG_B, startIntake, type IntakeUnderTest } from './intake-app';

/** Marker values: the person's given name and the words of the notes, looked for in the PDFs, the logs and PostgreSQL's log. */
const NAME_MARKER = '帳票髙志';
const COMPLAINT = '帳票マーカー: 家賃を三か月滞納している';
const SECRET = '帳票マーカー: 支援会議でのみ共有した長男の通院歴';
const CONSENTED = '帳票マーカー: 本人同意のうえ共有した母の介護負担';
const OWN_DUTY = '帳票マーカー: 市窓口の所掌事務として記録した家計の状況';

/**
 * 帳票 as PDF (issue 19) against real PostgreSQL and NATS: each form renders with its Japanese text, 和暦 dates and page
 * count; 106条の6 material never reaches a 重層的支援会議 record; desks without a relationship get 404; every print is
 * audited as a read naming the person; nothing personal reaches the logs.
 */
describe('intake: printable forms (帳票) as PDF', () => {
  let observed: Observed<IntakeUnderTest>;
  let intake: IntakeUnderTest;
  let supervisor: string;
  let memberStaff: string;
  let otherDesk: string;
  let personId: string;
  let householdId: string;
  let consultationId: string;
  let caseId: string;
  let caseNo: string;
  let supportMeetingId: string;
  let jusouMeetingId: string;
  let planId: string;
  let evaluationId: string;

  const post = async (path: string, body: unknown = {}, token?: string) => {
    const reply = await intake.call('POST', path, { body, ...(token ? { token } : {}) });
    if (reply.status >= 300) throw new Error(`POST ${path} → ${reply.status} ${reply.text.slice(0, 300)}`);
    return reply.body;
  };
  const printed = async (path: string, token?: string) => {
    const reply = await intake.download(path, token ?? (await intake.token({ subject: 'caseworker-1', roles: ['caseworker'] })));
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/pdf');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(String(reply.headers['content-disposition'])).toMatch(/^attachment; filename="[A-Za-z0-9_-]+\.pdf"$/);
    expect(reply.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    return readPdfText(reply.body);
  };

  beforeAll(async () => {
    observed = await bootObserved(() => startIntake({ FORMS_MUNICIPALITY_NAME: '高松市' }), captureServiceLogs);
    intake = observed.service;
    supervisor = await intake.token({ subject: 'supervisor-1', roles: ['supervisor'] });
    memberStaff = await intake.token({ subject: 'houkatsu-staff-1', roles: ['agency'], agency: ORG_A });
    otherDesk = await intake.token({ subject: 'konkyu-1', roles: ['caseworker'], agency: DEMO_ORGANIZATIONS.selfRelianceSupport.id });
    personId = (
      await post('/persons', {
        familyName: '𠮷田',
        givenName: NAME_MARKER,
        familyNameKana: 'ヨシダ',
        givenNameKana: 'タカシ',
        birthDate: '1965-01-02',
        sex: 'male',
        address: { postalCode: '760-0017', prefecture: '香川県', municipalityName: '高松市', machiaza: '番町一丁目', banchi: '8-15' },
        phones: [{ type: 'mobile', number: '090-0000-0000' }],
      })
    ).id;
    householdId = (await post('/households', { label: '𠮷田家', keyPersonId: personId, members: [{ personId, relationToKey: 'self' }] })).id;
    consultationId = (await post('/consultations', consultationBody({ personId, householdId, mainComplaint: COMPLAINT, receivedAt: '2025-06-02T10:00:00+09:00' }))).id;
    const opened = await post('/cases', { householdId, keyPersonId: personId, consultationId, track: 'pre-consent', coordinatorOrganizationId: DESK, memberOrganizationIds: [ORG_A] });
    caseId = opened.id;
    caseNo = opened.caseNo;

    // A 支援会議 (106条の6) shares SECRET; the secretariat enters the attendee's signed 誓約書 and holds it.
    supportMeetingId = (
      await post('/meetings', {
        legalType: 'support-meeting-106-6',
        convenerOrganizationId: DESK,
        heldAt: '2025-06-10T10:00:00+09:00',
        attendees: [{ name: '相談支援 担当', organizationId: ORG_B }],
        cases: [{ caseId, agenda: 'information-sharing' }],
      })
    ).id;
    await post(`/meetings/${supportMeetingId}/acknowledge-confidentiality`, { name: '相談支援 担当', organizationId: ORG_B });
    await post(`/meetings/${supportMeetingId}/hold`);
    await post('/progress-notes', { caseId, occurredAt: '2025-06-10T11:00:00+09:00', kind: 'meeting', text: SECRET, legalBasis: 'support-meeting-106-6', meetingId: supportMeetingId });

    // Consent moves the case to the 重層 track; a plan goes through a held 重層的支援会議 to 支援決定 and an evaluation.
    await post('/consents', { personId, scope: 'jusou-meeting', method: 'signature', status: 'obtained' });
    await post('/consents', { personId, scope: 'agency-sharing', targetOrganizationIds: [ORG_A], method: 'signature', status: 'obtained' });
    await post(`/cases/${caseId}/record-consent`);
    await post('/progress-notes', { caseId, occurredAt: '2025-07-01T09:00:00+09:00', kind: 'interview', text: CONSENTED, legalBasis: 'consent' });
    await post('/progress-notes', { caseId, occurredAt: '2025-07-02T09:00:00+09:00', kind: 'interview', text: OWN_DUTY, legalBasis: 'own-duty' });
    await post(`/cases/${caseId}/start-planning`);
    planId = (
      await post('/plans', {
        caseId,
        wishes: '家で暮らし続けたい',
        overallDirection: '家計の立て直しと介護サービスの導入',
        goals: [{ id: 'g1', term: 'short', text: '家賃の分納を大家と合意する', targetDate: '2025-08-31' }],
        actions: [{ goalId: 'g1', organizationId: ORG_A, role: '家計相談', content: '訪問して家計表を一緒に作る', frequency: '週1回', isLead: true }],
        usesParticipationSupport: true,
        nextReviewOn: '2025-10-01',
      })
    ).id;
    await post(`/plans/${planId}/submit`);
    jusouMeetingId = (
      await post('/meetings', { legalType: 'jusou-meeting', convenerOrganizationId: DESK, heldAt: '2025-07-15T14:00:00+09:00', attendees: [{ name: '包括', organizationId: ORG_A }], cases: [{ caseId, agenda: 'plan-review' }] })
    ).id;
    await post(`/meetings/${jusouMeetingId}/hold`);
    await post(`/plans/${planId}/approve`, { meetingId: jusouMeetingId });
    await post(`/cases/${caseId}/decide-support`, { decidedOn: '2025-07-16' }, supervisor);
    await post(`/cases/${caseId}/assign-lead`, { leadOrganizationId: ORG_A });
    await post(`/cases/${caseId}/start-support`);
    await post(`/cases/${caseId}/start-evaluation`);
    evaluationId = (await post(`/plans/${planId}/evaluations`, { evaluatedOn: '2025-09-30', goalResults: [{ goalId: 'g1', result: 'partly-achieved', note: '分納の合意はできた' }], decision: 'continue' })).id;
  });
  afterAll(async () => {
    await intake?.close();
    await observed?.stop();
  });

  it('prints the 相談受付票: Japanese text, 外字, 和暦 dates and the footer read back from one A4 page', async () => {
    const { total, text } = await printed(`/consultations/${consultationId}/pdf`);
    expect(total).toBe(1);
    for (const expected of ['相談受付票', `𠮷田 ${NAME_MARKER}`, 'ヨシダ タカシ', '昭和40年1月2日', '令和7年6月2日 10:00', COMPLAINT, '本人署名', '1 / 1', '高松市', '出力日時']) {
      expect(text).toContain(expected);
    }
  });

  it('audits a print as a read of the record, naming the person', async () => {
    await printed(`/consultations/${consultationId}/pdf`);
    const rows = await asSystem(intake.orm, `select action, subject_ids from intake.audit_record where resource_type = 'Consultation' and resource_id = ? and outcome = 'success' order by seq`, [consultationId]);
    expect(rows).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'read', subject_ids: expect.arrayContaining([personId]) })]));
    await printed(`/cases/${caseId}/progress-notes/pdf`);
    const notes = await asSystem(intake.orm, `select action, subject_ids from intake.audit_record where resource_type = 'ProgressNote' and resource_id = ? order by seq`, [caseId]);
    expect(notes.at(-1)).toMatchObject({ action: 'read', subject_ids: expect.arrayContaining([personId, householdId]) });
  });

  it('prints the プラン兼利用申込書 with its signature lines and the 評価シート', async () => {
    const plan = await printed(`/plans/${planId}/pdf`);
    for (const expected of ['プラン兼利用申込書', `𠮷田 ${NAME_MARKER}`, '家賃の分納を大家と合意する', '令和7年8月31日', '訪問して家計表を一緒に作る', '本人署名', '多機関協働事業者', '日付', '■ 利用する', '□ 利用しない']) expect(plan.text).toContain(expected);
    const evaluation = await printed(`/plans/${planId}/evaluations/${evaluationId}/pdf`);
    for (const expected of ['評価シート', '令和7年9月30日', '一部達成', '分納の合意はできた', '継続']) expect(evaluation.text).toContain(expected);
    expectProblem(await intake.call('GET', `/plans/${planId}/evaluations/${consultationId}/pdf`), 404);
  });

  it('puts 106条の6 material in the 支援会議 record and never in the 重層的支援会議 record', async () => {
    const support = await printed(`/meetings/${supportMeetingId}/pdf`);
    expect(support.text).toContain('支援会議の記録');
    expect(support.text).toContain(SECRET);
    expect(support.text).toContain('令和7年6月10日 10:00');
    const jusou = await printed(`/meetings/${jusouMeetingId}/pdf`);
    expect(jusou.text).toContain('重層的支援会議の記録');
    expect(jusou.text).toContain(CONSENTED);
    expect(jusou.text).not.toContain(SECRET);
    expect(jusou.text).not.toContain('支援会議でのみ共有');
  });

  it('prints a long 支援経過記録 over several pages, withholding what the desk may not read as 「（表示できません）」', async () => {
    for (let i = 1; i <= 40; i += 1) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      await post('/progress-notes', { caseId, occurredAt: `2025-08-${day}T10:00:00+09:00`, kind: 'visit', text: `訪問記録${i}：${'自宅を訪問し、生活の様子と家計の状況を確認した。'.repeat(8)}`, legalBasis: 'consent' });
    }
    const own = await printed(`/cases/${caseId}/progress-notes/pdf`);
    expect(own.total).toBeGreaterThanOrEqual(3);
    expect(own.text).toContain(`${own.total} / ${own.total}`);
    for (const expected of ['支援経過記録', caseNo, `𠮷田 ${NAME_MARKER}`, '訪問記録1：', '訪問記録40：', OWN_DUTY, SECRET]) expect(own.text).toContain(expected);
    // 地域包括 (a case member with the person's consent) lists every note but reads only what that consent covers: the
    // city's own-duty note and the 支援会議 material it did not attend are withheld, not dropped.
    const member = await printed(`/cases/${caseId}/progress-notes/pdf`, memberStaff);
    expect(member.text).toContain('訪問記録40：');
    expect(member.text).toContain('令和7年7月2日 09:00');
    expect(member.text).toContain('（表示できません）');
    expect(member.text).not.toContain(OWN_DUTY);
    expect(member.text).not.toContain(SECRET);
  }, 120_000);

  it('prints the ケース一覧 with the list filters, desk-scoped', async () => {
    const list = await printed('/cases/pdf?status=in-support&perPage=5');
    for (const expected of ['ケース一覧', caseNo, `𠮷田 ${NAME_MARKER}`, '状況: 支援実施中']) expect(list.text).toContain(expected);
    expect((await printed('/cases/pdf?status=closed')).text).not.toContain(caseNo);
    const foreign = await printed('/cases/pdf', otherDesk);
    expect(foreign.text).not.toContain(caseNo);
    expect(foreign.text).not.toContain(NAME_MARKER);
    expectProblem(await intake.call('GET', '/cases/pdf?status=nonsense'), 400);
  });

  it('answers 404 to a desk without a relationship, as reading the record would', async () => {
    for (const path of [`/consultations/${consultationId}/pdf`, `/cases/${caseId}/progress-notes/pdf`, `/meetings/${supportMeetingId}/pdf`, `/meetings/${jusouMeetingId}/pdf`]) {
      expectProblem(await intake.call('GET', path, { token: otherDesk }), 404);
    }
    const denied = await asSystem(intake.orm, `select outcome from intake.audit_record where resource_type = 'Consultation' and resource_id = ? and actor = 'konkyu-1'`, [consultationId]);
    expect(denied).toEqual([{ outcome: 'denied' }]);
  });

  it('keeps every personal value out of the service log and PostgreSQL’s log', () => {
    for (const marker of [NAME_MARKER, '帳票マーカー']) {
      expect(observed.logs.containing(marker)).toEqual([]);
      expect(observed.postgres.log.containing(marker)).toEqual([]);
    }
  });
});
