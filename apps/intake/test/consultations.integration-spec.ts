import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { asSystem, expectEventually } from '@tsunagu/platform-testing';
import { fiscalYearOf, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { consultationBody, DESK, expectProblem, ORG_A, ORG_B, startIntake, type IntakeUnderTest } from './intake-app';

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

  // 受付日時 may go back to the start of the previous 年度: the tests date receptions relative to today.
  const thisYear = fiscalYearOf(todayInJapan());
  const era = (fiscalYear: number) => `R${fiscalYear - 2018}`;
  const parse = (receptionNo: string) => {
    const match = /^(R\d+)-(\d{3})-(\d{6})$/.exec(receptionNo);
    expect(match).not.toBeNull();
    return { era: match![1], desk: match![2], seq: Number(match![3]) };
  };

  it('numbers receptions per organisation and 年度 (R8-001-000001 …), the desk number kept across 年度', async () => {
    const first = await receive({ receivedAt: `${thisYear}-04-01T00:00:00+09:00`, receivingOrganizationId: ORG_A });
    const second = await receive({ receivedAt: new Date().toISOString(), receivingOrganizationId: ORG_A });
    const previousYear = await receive({ receivedAt: `${thisYear}-03-31T23:59:00+09:00`, receivingOrganizationId: ORG_A });
    const [a, b, c] = [first, second, previousYear].map((consultation) => parse(consultation.receptionNo));
    expect([a.era, a.seq, b.era, b.seq, c.era, c.seq]).toEqual([era(thisYear), 1, era(thisYear), 2, era(thisYear - 1), 1]);
    expect(new Set([a.desk, b.desk, c.desk]).size).toBe(1);
    expect([first.fiscalYear, previousYear.fiscalYear]).toEqual([thisYear, thisYear - 1]);
    // The first reception was recorded now: back-dated, and the record says when it was typed.
    expect(Date.parse(first.recordedAt)).toBeGreaterThan(Date.parse(first.receivedAt));
  });

  it('gives concurrent receptions at four desks numbers unique in the municipality and gapless per desk', async () => {
    const desks = [DESK, ORG_A, ORG_B, DEMO_ORGANIZATIONS.socialWelfareCouncil.id];
    const receivedAt = new Date().toISOString();
    const replies = await Promise.all(
      desks.flatMap((desk) => Array.from({ length: 8 }, () => intake.call('POST', '/consultations', { body: consultationBody({ receivedAt, receivingOrganizationId: desk }) }))),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(32).fill(201));
    const numbers = replies.map((reply) => reply.body.receptionNo as string);
    expect(new Set(numbers).size).toBe(32);
    const deskCodes = new Set<string>();
    for (const desk of desks) {
      const own = replies.filter((reply) => reply.body.receivingOrganizationId === desk).map((reply) => parse(reply.body.receptionNo));
      expect(new Set(own.map((number) => number.desk)).size).toBe(1);
      deskCodes.add(own[0].desk);
      const listed = await intake.call('GET', `/consultations?receivingOrganizationId=${desk}&fiscalYear=${thisYear}&perPage=100&sort=receptionNo`);
      // Gapless per desk and 年度: the desk's numbers of this 年度 are exactly 1 … n (ORG_A received two in the first test).
      const seqs = listed.body.items.map((item: { receptionNo: string }) => parse(item.receptionNo).seq).sort((x: number, y: number) => x - y);
      expect(seqs).toEqual(Array.from({ length: listed.body.total }, (_, index) => index + 1));
    }
    expect(deskCodes.size).toBe(4);
    // The database refuses a duplicate number in the municipality whatever the desk.
    const duplicate = await asSystem(intake.orm, `update "intake"."consultation" set reception_no = ? where reception_no = ?`, [numbers[0], numbers[1]], DEMO_MUNICIPALITY.lgCode).catch((error: Error) => error);
    expect(String(duplicate)).toMatch(/consultation_municipality_reception_no_unique/);
  });

  it('takes 受付日時 from staff: not in the future, not before the previous 年度, a real date (400 naming receivedAt)', async () => {
    const future = await intake.call('POST', '/consultations', { body: consultationBody({ receivedAt: new Date(Date.now() + 3_600_000).toISOString() }) });
    expectProblem(future, 400);
    expect(future.body.errors.receivedAt).toMatch(/future/);
    const impossible = await intake.call('POST', '/consultations', { body: consultationBody({ receivedAt: `${thisYear}-02-30T10:00:00+09:00` }) });
    expectProblem(impossible, 400);
    expect(impossible.body.errors).toHaveProperty('receivedAt');
    const tooOld = await intake.call('POST', '/consultations', { body: consultationBody({ receivedAt: `${thisYear - 1}-03-31T23:59:00+09:00` }) });
    expectProblem(tooOld, 400);
    expect(tooOld.body.errors.receivedAt).toMatch(/previous 年度/);

    // Corrected later within its 年度 (the number's series), never into another one.
    const received = await receive({ receivedAt: `${thisYear}-04-02T09:00:00+09:00` });
    const corrected = await intake.call('PATCH', `/consultations/${received.id}`, { body: { receivedAt: `${thisYear}-04-01T17:00:00+09:00`, version: received.version } });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ receivedAt: new Date(`${thisYear}-04-01T17:00:00+09:00`).toISOString(), receptionNo: received.receptionNo, fiscalYear: thisYear });
    const moved = await intake.call('PATCH', `/consultations/${received.id}`, { body: { receivedAt: `${thisYear}-03-31T17:00:00+09:00`, version: corrected.body.version } });
    expectProblem(moved, 400);
    expect(moved.body.errors.receivedAt).toMatch(/年度/);
    // The events carry both instants, so reports count the day staff entered.
    await expectEventually(async () => {
      const events = (await intake.events()).filter((e) => e.event.subject === received.id && e.event.type.includes('.consultation.'));
      expect(events.map((e) => e.event.data['receivedAt'])).toEqual([
      new Date(`${thisYear}-04-02T09:00:00+09:00`).toISOString(),
        new Date(`${thisYear}-04-01T17:00:00+09:00`).toISOString(),
      ]);
      expect(events[0].event.data['recordedAt']).toBe(received.recordedAt);
    });
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
