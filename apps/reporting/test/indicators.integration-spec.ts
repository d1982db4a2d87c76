import { v7 as uuidv7 } from 'uuid';
import { ConsultationReceived, MeetingHeld, type ConsultationEventData, type MeetingEventData } from '@tsunagu/contracts';
import { DEMO_ORGANIZATIONS, OTHER_MUNICIPALITY } from '@tsunagu/demo-data';
import { fiscalYearOf, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { cloudEvent, registryDemoEvents, startReporting, type ReportingUnderTest } from './reporting-app';

jest.setTimeout(120_000);

const fiscalYear = fiscalYearOf(todayInJapan());

function jusouMeeting(): MeetingEventData {
  return {
    meetingId: uuidv7(),
    legalType: 'jusou-meeting',
    status: 'held',
    convenerOrganizationId: DEMO_ORGANIZATIONS.socialWelfareCouncil.id,
    heldOn: todayInJapan(),
    caseIds: [uuidv7()],
    attendeeOrganizationIds: [],
  };
}

function consultation(): ConsultationEventData {
  return {
    consultationId: uuidv7(),
    receptionNo: 'R7-000001',
    receivingOrganizationId: DEMO_ORGANIZATIONS.socialWelfareCouncil.id,
    fiscalYear,
    personId: null,
    householdId: null,
    route: 'phone',
    primaryCategory: 'long-term-care',
    categories: ['long-term-care'],
    issueTags: [],
    urgency: 'medium',
    consentStatus: 'given',
    jigyoAttribution: 'tsunagaru-desk',
    disposition: null,
    status: 'received',
  };
}

describe('indicator definitions, targets and target vs actual', () => {
  let reporting: ReportingUnderTest;
  let supervisor: string;
  let admin: string;

  beforeAll(async () => {
    reporting = await startReporting();
    supervisor = await reporting.token(['supervisor']);
    admin = await reporting.token(['admin']);
    const [first, second] = [jusouMeeting(), jusouMeeting()];
    const received = consultation();
    await reporting.publish([
      ...registryDemoEvents(),
      cloudEvent(MeetingHeld, first.meetingId, first),
      cloudEvent(MeetingHeld, second.meetingId, second),
      cloudEvent(ConsultationReceived, received.consultationId, received),
    ]);
    await reporting.settled();
  });
  afterAll(() => reporting.close());

  const jusou = { code: 'jusou-meetings', name: '重層的支援会議の開催回数', measure: 'jusou-meetings-held', unit: '回' };

  it('lets supervisors and admins define indicators; analysts only read', async () => {
    expect((await reporting.call('/indicators', { method: 'POST', body: jusou })).status).toBe(403);
    const created = await reporting.call('/indicators', { method: 'POST', token: supervisor, body: jusou });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...jusou, definitionVersion: 1, description: null, version: 1 });
    const districts = await reporting.call('/indicators', {
      method: 'POST',
      token: admin,
      body: { code: 'mutual-aid-districts', name: '支え合いサービス実施地区数', measure: 'mutual-aid-districts', unit: '地区' },
    });
    expect(districts.status).toBe(201);
    const listed = await reporting.call('/indicators');
    expect(listed.status).toBe(200);
    expect(listed.body.map((row: { code: string }) => row.code)).toEqual(['jusou-meetings', 'mutual-aid-districts']);
  });

  it('answers bad input with problem+json field errors, and a second definition of a code with 409', async () => {
    const bad = await reporting.call('/indicators', { method: 'POST', token: supervisor, body: { ...jusou, code: 'Bad Code', measure: 'nonsense', unit: '' } });
    expect(bad.status).toBe(400);
    expect(String(bad.headers['content-type'])).toContain('application/problem+json');
    expect(Object.keys(bad.body.errors).sort()).toEqual(['code', 'measure', 'unit']);
    const again = await reporting.call('/indicators', { method: 'POST', token: supervisor, body: jusou });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
    const target = await reporting.call('/indicator-targets', { method: 'POST', token: supervisor, body: { definitionId: uuidv7(), fiscalYear, targetValue: -1 } });
    expect(target.status).toBe(400);
    expect(Object.keys(target.body.errors)).toEqual(['targetValue']);
  });

  it('sets targets per 年度, versions a used definition instead of editing it, and locks edits optimistically', async () => {
    const [v1] = (await reporting.call('/indicators')).body as { id: string; version: number }[];
    const target = await reporting.call('/indicator-targets', { method: 'POST', token: supervisor, body: { definitionId: v1.id, fiscalYear, targetValue: 5 } });
    expect(target.status).toBe(201);
    expect((await reporting.call('/indicator-targets', { method: 'POST', token: supervisor, body: { definitionId: v1.id, fiscalYear, targetValue: 6 } })).status).toBe(409);

    const edit = await reporting.call(`/indicators/${v1.id}`, { method: 'PATCH', token: supervisor, body: { ...jusou, code: undefined, unit: '件', version: v1.version } });
    expect(edit.status).toBe(409);
    expect(edit.body.reason).toBe('definition-in-use');

    const v2 = await reporting.call(`/indicators/${v1.id}/versions`, { method: 'POST', token: supervisor, body: { name: jusou.name, measure: jusou.measure, unit: '件' } });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ code: 'jusou-meetings', definitionVersion: 2, unit: '件' });
    // Only the latest version is revised, so versions never fork.
    expect((await reporting.call(`/indicators/${v1.id}/versions`, { method: 'POST', token: supervisor, body: { name: 'x', measure: jusou.measure, unit: '件' } })).status).toBe(409);
    // An unused version can still be corrected, against its current version only.
    const fixed = await reporting.call(`/indicators/${v2.body.id}`, { method: 'PATCH', token: supervisor, body: { name: '重層的支援会議 開催回数', measure: jusou.measure, unit: '回', version: 1 } });
    expect(fixed.status).toBe(200);
    expect(fixed.body.version).toBe(2);
    const stale = await reporting.call(`/indicators/${v2.body.id}`, { method: 'PATCH', token: supervisor, body: { name: 'x', measure: jusou.measure, unit: '回', version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale-version', currentVersion: 2 });
    expect((await reporting.call(`/indicators/${v2.body.id}`, { method: 'PATCH', token: supervisor, body: { name: 'x', measure: jusou.measure, unit: '回' } })).status).toBe(400);

    const staleTarget = await reporting.call(`/indicator-targets/${target.body.id}`, { method: 'PATCH', token: admin, body: { targetValue: 4 }, headers: { 'if-match': '"7"' } });
    expect(staleTarget.status).toBe(412);
    const changed = await reporting.call(`/indicator-targets/${target.body.id}`, { method: 'PATCH', token: admin, body: { targetValue: 4 }, headers: { 'if-match': '"1"' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ targetValue: 4, version: 2 });
    expect((await reporting.call(`/indicator-targets?fiscalYear=${fiscalYear}`)).body).toHaveLength(1);
  });

  it('reports target vs actual, the actual computed from the projections', async () => {
    const reply = await reporting.call(`/reports/indicators?fiscalYear=${fiscalYear}`);
    expect(reply.status).toBe(200);
    expect(reply.body.results).toEqual([
      expect.objectContaining({ code: 'jusou-meetings', definitionVersion: 1, unit: '回', target: 4, actual: 2, achievementRate: 0.5 }),
      expect.objectContaining({ code: 'mutual-aid-districts', definitionVersion: 1, target: null, actual: 38, achievementRate: null }),
    ]);
    // Next 年度 has no target yet: the latest version is shown, and nothing happened yet.
    const next = await reporting.call(`/reports/indicators?fiscalYear=${fiscalYear + 1}`);
    expect(next.body.results[0]).toMatchObject({ code: 'jusou-meetings', definitionVersion: 2, target: null, actual: 0 });

    const csv = await reporting.call(`/reports/indicators?fiscalYear=${fiscalYear}&format=csv`);
    const lines = csv.raw.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('年度,指標コード,定義版,指標名,算出元コード,算出元,単位,目標値,実績値,達成率');
    expect(lines[1]).toBe(`${fiscalYear},jusou-meetings,1,重層的支援会議の開催回数,jusou-meetings-held,重層的支援会議 開催回数,回,4,2,0.5`);
  });

  it('keeps every municipality to its own indicators and targets', async () => {
    const other = await reporting.token(['admin'], OTHER_MUNICIPALITY.lgCode);
    expect((await reporting.call('/indicators', { token: other })).body).toEqual([]);
    expect((await reporting.call(`/reports/indicators?fiscalYear=${fiscalYear}`, { token: other })).body.results).toEqual([]);
    const [mine] = (await reporting.call('/indicators')).body as { id: string }[];
    const foreign = await reporting.call('/indicator-targets', { method: 'POST', token: other, body: { definitionId: mine.id, fiscalYear, targetValue: 1 } });
    expect(foreign.status).toBe(400);
    expect((await reporting.call(`/indicators/${mine.id}/versions`, { method: 'POST', token: other, body: { name: 'x', measure: 'cases-opened', unit: '件' } })).status).toBe(404);
  });
});
