import { consultationBody, DESK, expectProblem, ORG_A, startIntake, type IntakeUnderTest } from './intake-app';

describe('intake: consultations', () => {
  let intake: IntakeUnderTest;

  beforeAll(async () => {
    intake = await startIntake();
  });
  afterAll(() => intake.close());

  const receive = async (overrides: Record<string, unknown> = {}) => {
    const reply = await intake.call('POST', '/consultations', { body: consultationBody(overrides) });
    expect(reply.status).toBe(201);
    return reply.body;
  };

  it('numbers receptions per organisation and 年度 (R7-000001 …)', async () => {
    const first = await receive({ receivedAt: '2025-04-01T00:00:00+09:00', receivingOrganizationId: ORG_A });
    const second = await receive({ receivedAt: '2026-03-31T23:59:00+09:00', receivingOrganizationId: ORG_A });
    const previousYear = await receive({ receivedAt: '2025-03-31T23:59:00+09:00', receivingOrganizationId: ORG_A });
    expect([first.receptionNo, second.receptionNo, previousYear.receptionNo]).toEqual(['R7-000001', 'R7-000002', 'R6-000001']);
    expect([first.fiscalYear, previousYear.fiscalYear]).toEqual([2025, 2024]);
  });

  it('gives 20 concurrent receptions unique, gapless numbers', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => intake.call('POST', '/consultations', { body: consultationBody({ receivedAt: '2025-10-01T10:00:00+09:00' }) })),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(201));
    const numbers = replies.map((reply) => reply.body.receptionNo as string).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, index) => `R7-${String(index + 1).padStart(6, '0')}`));
    const listed = await intake.call('GET', `/consultations?receivingOrganizationId=${DESK}&fiscalYear=2025&perPage=100&sort=receptionNo`);
    expect(listed.body.total).toBe(20);
  });

  it('walks the status machine through its allowed transitions', async () => {
    const own = await receive();
    expect(own.status).toBe('received');
    expect(own.allowedActions).toEqual(['start-screening', 'cancel']);
    const screening = await intake.call('POST', `/consultations/${own.id}/start-screening`, { body: {} });
    expect(screening.body.status).toBe('screening');
    const handling = await intake.call('POST', `/consultations/${own.id}/triage`, { body: { disposition: 'own-agency' } });
    expect(handling.body).toMatchObject({ status: 'handling', disposition: 'own-agency' });
    const closed = await intake.call('POST', `/consultations/${own.id}/close`, { body: { version: handling.body.version } });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.closedAt).toEqual(expect.any(String));

    const expected: Record<string, string> = {
      referral: 'referred',
      'multi-agency': 'handed-to-multi-agency',
      'support-meeting': 'referred-to-support-meeting',
      'mandatory-report': 'reported',
      'information-only': 'closed',
    };
    for (const [disposition, status] of Object.entries(expected)) {
      const consultation = await receive();
      await intake.call('POST', `/consultations/${consultation.id}/start-screening`, { body: {} });
      const triaged = await intake.call('POST', `/consultations/${consultation.id}/triage`, { body: { disposition } });
      expect(triaged.body.status).toBe(status);
      const cancelled = await intake.call('POST', `/consultations/${consultation.id}/cancel`, { body: { reason: '二重登録' } });
      expect(cancelled.body.status).toBe('cancelled');
    }
  });

  it('refuses invalid transitions with 409 problem+json naming the transition and the allowed actions', async () => {
    const consultation = await receive();
    const close = await intake.call('POST', `/consultations/${consultation.id}/close`, { body: {} });
    expectProblem(close, 409);
    expect(close.body.code).toBe('invalid-transition');
    expect(close.body.transition).toEqual({ from: 'received', action: 'close', allowed: ['start-screening', 'cancel'] });
    expect(close.body.detail).toMatch(/received cannot be close/);

    await intake.call('POST', `/consultations/${consultation.id}/cancel`, { body: { reason: '誤登録' } });
    const again = await intake.call('POST', `/consultations/${consultation.id}/start-screening`, { body: {} });
    expectProblem(again, 409);
    expect(again.body.transition).toEqual({ from: 'cancelled', action: 'start-screening', allowed: [] });
    expect((await intake.call('GET', `/consultations/${consultation.id}`)).body.status).toBe('cancelled');
  });

  it('opens a 通報 record naming the law when an abuse tag is set', async () => {
    const consultation = await receive({ issueTags: ['elder-abuse-suspected', 'isolation'], categories: ['dv-abuse'], primaryCategory: 'dv-abuse' });
    const reports = await intake.call('GET', `/mandatory-reports?consultationId=${consultation.id}`);
    expect(reports.body.items).toEqual([expect.objectContaining({ law: 'elder-abuse-prevention-act', lawLabel: '高齢者虐待防止法', status: 'decision-pending' })]);
    // Adding a child-abuse tag later opens a second record; the first is not duplicated.
    const edited = await intake.call('PATCH', `/consultations/${consultation.id}`, { body: { issueTags: ['elder-abuse-suspected', 'child-abuse-suspected'], version: consultation.version } });
    expect(edited.status).toBe(200);
    const after = await intake.call('GET', `/mandatory-reports?consultationId=${consultation.id}`);
    expect(after.body.items.map((r: { law: string }) => r.law).sort()).toEqual(['child-abuse-prevention-act', 'elder-abuse-prevention-act']);
    const decided = await intake.call('POST', `/mandatory-reports/${after.body.items[0].id}/decide`, { body: { decision: 'reported', reportedTo: '高松市 長寿福祉課' } });
    expect(decided.body.status).toBe('reported');
  });

  it('refuses a stale edit with 409 and keeps the newer version', async () => {
    const consultation = await receive();
    const first = await intake.call('PATCH', `/consultations/${consultation.id}`, { body: { urgency: 'high', version: consultation.version } });
    expect(first.status).toBe(200);
    const stale = await intake.call('PATCH', `/consultations/${consultation.id}`, { body: { urgency: 'low', version: consultation.version } });
    expectProblem(stale, 409);
    expect(stale.body.currentVersion).toBe(first.body.version);
    expect((await intake.call('GET', `/consultations/${consultation.id}`)).body.urgency).toBe('high');
  });
});
