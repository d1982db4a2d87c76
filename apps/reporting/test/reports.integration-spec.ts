import { jetstreamManager } from '@nats-io/jetstream';
import * as iconv from 'iconv-lite';
import { v7 as uuidv7 } from 'uuid';
import {
  CaseClosed,
  CaseOpened,
  CaseTrackChanged,
  ConsultationReceived,
  MeetingCancelled,
  MeetingHeld,
  MeetingScheduled,
  PlanApproved,
  PlanDrafted,
  SupportDecisionMade,
  type CaseEventData,
  type MeetingEventData,
  type PlanEventData,
  HouseholdRegistered,
  ReferralCompleted,
  ReferralRequested,
  ResourceSuspended,
  type ConsultationEventData,
  type ReferralEventData,
} from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS, OTHER_MUNICIPALITY } from '@tsunagu/demo-data';
import { DEAD_LETTER_STREAM } from '@tsunagu/platform-messaging';
import { pgArray } from '@tsunagu/platform-persistence';
import { asSystem, expectEventually } from '@tsunagu/platform-testing';
import { fiscalYearOf, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { PROJECTION_COLUMN_ALLOWLIST, PROJECTION_TABLES, PUBLIC_PLACE_NAME_COLUMNS } from '../src/projections/projection-schema';
import { rebuildProjections } from '../src/projections/rebuild';
import { cloudEvent, demoDistrictId, katakana, presentationTable, registryDemoEvents, startReporting, type PublishedEvent, type ReportingUnderTest } from './reporting-app';

jest.setTimeout(120_000);

const fiscalYear = fiscalYearOf(todayInJapan());

/** Consultations in three districts: 1, 2 and 5 of them, so the published view must hide the first two. */
function consultationEvents(): PublishedEvent[] {
  const events: PublishedEvent[] = [];
  const districts: [string, number][] = [
    ['築地', 1],
    ['花園', 2],
    ['香南', 5],
  ];
  let serial = 0;
  for (const [name, count] of districts) {
    for (let i = 0; i < count; i += 1) {
      const householdId = uuidv7();
      events.push(cloudEvent(HouseholdRegistered, householdId, { householdId, keyPersonId: null, memberPersonIds: [], districtId: demoDistrictId(name), careEdgeKinds: [] }));
      const data: ConsultationEventData = {
        consultationId: uuidv7(),
        receptionNo: `R7-${String(++serial).padStart(6, '0')}`,
        receivingOrganizationId: DEMO_ORGANIZATIONS.socialWelfareCouncil.id,
        fiscalYear,
        personId: null,
        householdId,
        route: i % 2 === 0 ? 'phone' : 'walk-in',
        primaryCategory: 'long-term-care',
        categories: ['long-term-care'],
        issueTags: ['8050'],
        urgency: 'medium',
        consentStatus: 'given',
        jigyoAttribution: 'tsunagaru-desk',
        disposition: null,
        status: 'received',
      };
      events.push(cloudEvent(ConsultationReceived, data.consultationId, data));
    }
  }
  const consultationId = (events[1].event.data as ConsultationEventData).consultationId;
  const referral: ReferralEventData = {
    referralId: uuidv7(),
    consultationId,
    personId: null,
    fromOrganizationId: DEMO_ORGANIZATIONS.socialWelfareCouncil.id,
    toOrganizationId: DEMO_ORGANIZATIONS.communityCareCentre.id,
    infoBasis: 'consent',
    status: 'requested',
    followUpDue: '2000-01-01',
  };
  events.push(cloudEvent(ReferralRequested, referral.referralId, referral));
  const open: ReferralEventData = { ...referral, referralId: uuidv7() };
  events.push(cloudEvent(ReferralRequested, open.referralId, open));
  events.push(cloudEvent(ReferralCompleted, referral.referralId, { ...referral, status: 'completed' }));
  // 年度 2024: requested Friday 2024-04-26, first contact Thursday 5/2 — 4 weekdays, but 4/29 is 昭和の日: 3 business days.
  const overHoliday: ReferralEventData = { ...referral, referralId: uuidv7(), followUpDue: '2024-05-07' };
  events.push(cloudEvent(ReferralRequested, overHoliday.referralId, overHoliday, { time: '2024-04-26T01:00:00.000Z' }));
  events.push(cloudEvent(ReferralCompleted, overHoliday.referralId, { ...overHoliday, status: 'completed' }, { time: '2024-05-02T06:00:00.000Z' }));
  return events;
}

/**
 * 多機関協働: case A opens on the 支援会議 track, gains consent, gets a 支援決定 and a plan (v1 approved, v2
 * drafted) and closes with 目標達成; B opens consented; C opens consented and closes on 転出. Meetings: one
 * 支援会議 on A, two 重層的支援会議 (A+B, A), one cancelled and one only scheduled (neither counts).
 */
function caseEvents(): PublishedEvent[] {
  const today = todayInJapan();
  const coordinator = DEMO_ORGANIZATIONS.socialWelfareCouncil.id;
  const kase = (caseNo: string, overrides: Partial<CaseEventData> = {}): CaseEventData => ({
    caseId: uuidv7(),
    caseNo,
    householdId: uuidv7(),
    track: 'consented',
    status: 'received',
    coordinatorOrganizationId: coordinator,
    leadOrganizationId: null,
    memberOrganizationIds: [coordinator],
    supportDecidedOn: null,
    closureReason: null,
    ...overrides,
  });
  const a = kase('K7-0001', { track: 'pre-consent', status: 'potential' });
  const b = kase('K7-0002');
  const c = kase('K7-0003');
  const plan = (version: number, status: PlanEventData['status']): PlanEventData => ({
    planId: uuidv7(),
    caseId: a.caseId,
    planVersion: version,
    status,
    organizationIds: [coordinator],
    leadOrganizationId: null,
    usesParticipationSupport: true,
    usesOutreach: false,
    nextReviewOn: null,
    meetingId: null,
  });
  const first = plan(1, 'draft');
  const second = plan(2, 'draft');
  const meeting = (legalType: MeetingEventData['legalType'], caseIds: string[], status: MeetingEventData['status'] = 'held'): MeetingEventData => ({
    meetingId: uuidv7(),
    legalType,
    status,
    convenerOrganizationId: coordinator,
    heldOn: today,
    caseIds,
    attendeeOrganizationIds: [coordinator],
  });
  const meetings = [
    meeting('support-meeting-106-6', [a.caseId]),
    meeting('jusou-meeting', [a.caseId, b.caseId]),
    meeting('jusou-meeting', [a.caseId]),
  ];
  const cancelled = meeting('jusou-meeting', [b.caseId], 'cancelled');
  const scheduled = meeting('jusou-meeting', [c.caseId], 'scheduled');
  const consented = { ...a, track: 'consented' as const, status: 'assessing' as const };
  return [
    cloudEvent(CaseOpened, a.caseId, a),
    cloudEvent(CaseTrackChanged, a.caseId, consented),
    cloudEvent(SupportDecisionMade, a.caseId, { ...consented, status: 'decided', supportDecidedOn: today }),
    cloudEvent(CaseClosed, a.caseId, { ...consented, status: 'closed', supportDecidedOn: today, closureReason: 'goal-achieved' }),
    cloudEvent(CaseOpened, b.caseId, b),
    cloudEvent(CaseOpened, c.caseId, c),
    cloudEvent(CaseClosed, c.caseId, { ...c, status: 'closed', closureReason: 'moved-out' }),
    cloudEvent(PlanDrafted, first.planId, first),
    cloudEvent(PlanApproved, first.planId, { ...first, status: 'approved' }),
    cloudEvent(PlanDrafted, second.planId, second),
    ...meetings.flatMap((held) => [cloudEvent(MeetingScheduled, held.meetingId, { ...held, status: 'scheduled' }), cloudEvent(MeetingHeld, held.meetingId, held)]),
    cloudEvent(MeetingScheduled, cancelled.meetingId, { ...cancelled, status: 'scheduled' }),
    cloudEvent(MeetingCancelled, cancelled.meetingId, cancelled),
    cloudEvent(MeetingScheduled, scheduled.meetingId, scheduled),
  ];
}

describe('reporting projections and reports', () => {
  let reporting: ReportingUnderTest;
  const events = [...registryDemoEvents(), ...consultationEvents(), ...caseEvents()];

  beforeAll(async () => {
    reporting = await startReporting();
    await reporting.publish(events);
    await reporting.settled();
  });
  afterAll(() => reporting.close());

  it('reproduces the presentation table district by district, with the 実施地区 totals 26 / 6 / 20 over 38', async () => {
    const reply = await reporting.call('/reports/mutual-aid');
    expect(reply.status).toBe(200);
    const expected = presentationTable()
      .map((row, index) => ({ row, districtNo: index + 1 }))
      .filter(({ row }) => row.listed_in_2022_09_table === 'yes')
      .map(({ row, districtNo }) => ({
        districtId: demoDistrictId(row.short_name),
        districtNo,
        districtName: row.short_name,
        districtKana: katakana(row.kana),
        visitTypeB: row.visit_type_b === 'yes',
        dayTypeB: row.day_type_b === 'yes',
        other: row.other_mutual_aid === 'yes',
      }));
    expect(reply.body.rows).toEqual(expected);
    expect(reply.body.totals).toEqual({ visitTypeB: 26, dayTypeB: 6, other: 20, districts: 38 });
    const all = await reporting.call('/reports/mutual-aid?includeAll=true');
    expect(all.body.rows).toHaveLength(44);
  });

  it('answers "as of" a date: before the events nothing ran; a suspension counts only from its day', async () => {
    const before = await reporting.call('/reports/mutual-aid?asOf=2022-09-30');
    expect(before.body.totals).toEqual({ visitTypeB: 0, dayTypeB: 0, other: 0, districts: 0 });
  });

  it('counts consultations by district, and the published export suppresses districts with 1 or 2', async () => {
    const internal = await reporting.call(`/reports/consultations?fiscalYear=${fiscalYear}&by=district`);
    expect(internal.status).toBe(200);
    const byDistrict = Object.fromEntries(internal.body.cells.map((cell: { code: string; count: number }) => [cell.code, cell.count]));
    expect(byDistrict).toEqual({ [demoDistrictId('築地')]: 1, [demoDistrictId('花園')]: 2, [demoDistrictId('香南')]: 5 });

    const published = await reporting.call(`/reports/consultations?fiscalYear=${fiscalYear}&by=district&view=published&format=csv`);
    expect(published.status).toBe(200);
    const text = published.raw.toString('utf8');
    expect(published.raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('年度,月,集計区分,地区番号,コード,名称,件数,秘匿');
    const line = (name: string) => lines.find((candidate) => candidate.includes(demoDistrictId(name))) as string;
    const districtNo = (name: string) => presentationTable().findIndex((row) => row.short_name === name) + 1;
    for (const name of ['築地', '花園', '香南']) expect(line(name)).toContain(`,district,${districtNo(name)},${demoDistrictId(name)},${name},`);
    // In 地区番号 order, as the city lists its districts.
    expect(lines.slice(1).map((candidate) => candidate.split(',')[5])).toEqual(['築地', '花園', '香南'].sort((a, b) => districtNo(a) - districtNo(b)));
    expect(line('築地').endsWith(',,1')).toBe(true);
    expect(line('花園').endsWith(',,1')).toBe(true);
    expect(line('香南').endsWith(',5,0')).toBe(true);
    expect(text).not.toMatch(/,1,0\r\n|,2,0\r\n/);

    const byRoute = await reporting.call(`/reports/consultations?fiscalYear=${fiscalYear}&by=route`);
    expect(byRoute.body.cells.map((cell: { code: string; label: string; count: number }) => [cell.code, cell.label, cell.count])).toEqual([
      ['phone', '電話', 5],
      ['walk-in', '本人来所', 3],
    ]);
  });

  it('lets a municipality raise its suppression threshold', async () => {
    const admin = await reporting.token(['admin']);
    // The threshold applies to every published table of the municipality: a contracted desk's supervisor does not set it.
    const deskSupervisor = await reporting.issuer.token({ roles: ['supervisor'], agency: DEMO_ORGANIZATIONS.socialWelfareCouncil.id, expiresIn: 3600 });
    expect((await reporting.call('/settings', { method: 'PUT', token: deskSupervisor, body: { suppressionThreshold: 6 } })).status).toBe(403);
    expect((await reporting.call('/settings', { method: 'PUT', token: admin, body: { suppressionThreshold: 6 } })).status).toBe(200);
    const published = await reporting.call(`/reports/consultations?fiscalYear=${fiscalYear}&by=district&view=published`);
    expect(published.body.cells.every((cell: { suppressed: boolean; count: number | null }) => cell.suppressed && cell.count === null)).toBe(true);
    await reporting.call('/settings', { method: 'PUT', token: admin, body: { suppressionThreshold: 3 } });
  });

  it('reports referrals: statuses, acceptance, business days to first contact, overdue ids', async () => {
    const reply = await reporting.call(`/reports/referrals?fiscalYear=${fiscalYear}`);
    expect(reply.status).toBe(200);
    expect(reply.body.byStatus).toEqual({ completed: 1, requested: 1 });
    expect(reply.body.requested).toBe(2);
    expect(reply.body.acceptanceRate).toBe(1);
    expect(reply.body.medianBusinessDaysToFirstContact).toBe(0);
    expect(reply.body.overdue).toHaveLength(1);
    expect(Object.keys(reply.body.overdue[0]).sort()).toEqual(['consultationId', 'followUpDue', 'referralId', 'status', 'toOrganizationId']);
  });

  it('counts business days to first contact without Japanese public holidays, as intake counts follow-up dates', async () => {
    const reply = await reporting.call('/reports/referrals?fiscalYear=2024');
    expect(reply.status).toBe(200);
    expect(reply.body.byStatus).toEqual({ completed: 1 });
    expect(reply.body.medianBusinessDaysToFirstContact).toBe(3);
    expect(reply.body.overdue).toEqual([]);
  });

  it('reports 多機関協働 per 年度: cases by opening track, 支援決定, closure reasons, plans, 支援会議 and 重層的支援会議 apart', async () => {
    const reply = await reporting.call(`/reports/cases?fiscalYear=${fiscalYear}`);
    expect(reply.status).toBe(200);
    const count = (measure: string, code: string | null = null) =>
      reply.body.cells.find((cell: { measure: string; code: string | null }) => cell.measure === measure && cell.code === code)?.count;
    expect([count('cases-opened', 'pre-consent'), count('cases-opened', 'consented')]).toEqual([1, 2]);
    expect(count('cases-support-decided')).toBe(1);
    expect([count('cases-closed', 'goal-achieved'), count('cases-closed', 'moved-out'), count('cases-closed', 'deceased')]).toEqual([1, 1, 0]);
    expect([count('plans-drafted', 'new'), count('plans-drafted', 'revision'), count('plans-approved')]).toEqual([1, 1, 1]);
    expect(reply.body.meetings).toEqual({ supportMeeting: { held: 1, cases: 1 }, jusouMeeting: { held: 2, cases: 2 } });
    expect(count('meetings-held', 'community-care-meeting')).toBe(0);

    const lastYear = await reporting.call(`/reports/cases?fiscalYear=${fiscalYear - 1}`);
    expect(lastYear.body.cells.every((cell: { count: number }) => cell.count === 0)).toBe(true);

    const published = await reporting.call(`/reports/cases?fiscalYear=${fiscalYear}&view=published`);
    expect(published.body.meetings).toEqual({ supportMeeting: { held: null, cases: null }, jusouMeeting: { held: null, cases: null } });
    expect(published.body.cells.filter((cell: { suppressed: boolean }) => cell.suppressed)).toHaveLength(
      reply.body.cells.filter((cell: { count: number }) => cell.count > 0 && cell.count < 3).length,
    );

    const csv = await reporting.call(`/reports/cases?fiscalYear=${fiscalYear}&format=csv&encoding=cp932&wareki=true`);
    expect(csv.status).toBe(200);
    const lines = iconv.decode(csv.raw, 'cp932').trim().split('\r\n');
    expect(lines[0]).toBe('年度,年度（和暦）,集計項目,集計項目名,コード,名称,件数,秘匿');
    expect(lines).toContain(`${fiscalYear},${reply.body.fiscalYearLabel},meetings-held,会議開催回数,jusou-meeting,重層的支援会議,2,0`);
    expect(lines).toContain(`${fiscalYear},${reply.body.fiscalYearLabel},meetings-held,会議開催回数,support-meeting-106-6,支援会議（社福法106条の6）,1,0`);

    const other = await reporting.token(['admin'], OTHER_MUNICIPALITY.lgCode);
    const foreign = await reporting.call(`/reports/cases?fiscalYear=${fiscalYear}`, { token: other });
    expect(foreign.body.cells.every((cell: { count: number }) => cell.count === 0)).toBe(true);
  });

  it('exports CP932 that round-trips through a CP932 decoder, with an optional 和暦 column', async () => {
    const utf8 = await reporting.call('/reports/mutual-aid?format=csv&wareki=true');
    const cp932 = await reporting.call('/reports/mutual-aid?format=csv&encoding=cp932&wareki=true');
    expect(cp932.status).toBe(200);
    expect(String(cp932.headers['content-type'])).toContain('Shift_JIS');
    const decoded = iconv.decode(cp932.raw, 'cp932');
    expect(decoded).toBe(utf8.raw.subarray(3).toString('utf8'));
    expect(decoded.split('\r\n')[0]).toBe('基準日,基準日（和暦）,地区番号,地区名,地区ID,訪問型サービスB,通所型サービスB,その他（介護保険外）');
    expect(decoded.split('\r\n')[1]).toMatch(/^\d{4}-\d{2}-\d{2},令和\d+年\d+月\d+日,1,二番丁,/);
  });

  it('keeps every count when all events are delivered again (duplicates outside the stream window)', async () => {
    const before = await reporting.snapshot();
    await reporting.publish(events, ':again');
    await reporting.settled();
    expect(await reporting.snapshot()).toEqual(before);
  });

  it('rebuilds from the stream into identical tables', async () => {
    const live = await reporting.snapshot();
    const result = await rebuildProjections({ databaseUrl: reporting.database.url, applicationRole: reporting.database.applicationRole, connection: reporting.connection, stream: 'TSUNAGU_EVENTS' });
    expect(result.read).toBe(events.length * 2);
    expect(result.applied).toBe(events.length);
    expect(await reporting.snapshot()).toEqual(live);
    const reply = await reporting.call('/reports/mutual-aid');
    expect(reply.body.totals).toEqual({ visitTypeB: 26, dayTypeB: 6, other: 20, districts: 38 });
  });

  it('keeps projecting after a rebuild (live handlers write into the swapped-in tables)', async () => {
    const resource = events.find((candidate) => candidate.subject.endsWith('resource.published')) as PublishedEvent;
    await reporting.publish([cloudEvent(ResourceSuspended, resource.event.subject, { ...(resource.event.data as object), status: 'suspended' } as never)]);
    await expectEventually(async () => {
      const reply = await reporting.call('/reports/mutual-aid');
      expect(reply.body.totals.visitTypeB + reply.body.totals.dayTypeB + reply.body.totals.other).toBe(51);
    });
  });

  it('keeps every count when the events come again after the inbox forgot them (a purge, a rebuild’s swap): the repeats are skipped, not dead-lettered', async () => {
    // Live, projected_event rides with the COMMIT: a repeat fails it, and the batch is taken again event by event.
    const before = await reporting.snapshot();
    const jsm = await jetstreamManager(reporting.connection);
    const letters = async () => (await jsm.streams.info(DEAD_LETTER_STREAM)).state.messages;
    const lettersBefore = await letters();
    await asSystem(reporting.orm, `delete from "reporting".inbox_entry`);
    await reporting.publish(events, ':after-the-inbox');
    await reporting.settled();
    expect(await reporting.snapshot()).toEqual(before);
    expect(await letters()).toBe(lettersBefore);
  });

  it('holds no column that could carry personal data', async () => {
    const columns = await reporting.orm.em
      .fork()
      .getConnection()
      .execute<{ table_name: string; column_name: string; data_type: string }[]>(
        `select table_name, column_name, data_type from information_schema.columns where table_schema = 'reporting' and table_name = any(?) order by table_name, column_name`,
        [pgArray(PROJECTION_TABLES)],
      );
    expect(new Set(columns.map((column: { table_name: string }) => column.table_name))).toEqual(new Set(PROJECTION_TABLES));
    for (const column of columns) {
      expect([column.table_name, column.column_name, column.data_type]).toEqual([column.table_name, column.column_name, PROJECTION_COLUMN_ALLOWLIST[column.column_name]]);
      // District short names and readings are public place names (see PUBLIC_PLACE_NAME_COLUMNS); nothing else may look like personal data.
      if (PUBLIC_PLACE_NAME_COLUMNS[column.table_name]?.includes(column.column_name)) continue;
      expect(column.column_name).not.toMatch(/name|kana|birth|address|phone|note|text|person/);
    }
    expect(columns.filter((column: { column_name: string }) => /name|kana/.test(column.column_name)).map((column: { table_name: string; column_name: string }) => `${column.table_name}.${column.column_name}`)).toEqual([
      'district.kana',
      'district.short_name',
    ]);
  });

  it('lets only analysts, supervisors and admins read, each within their municipality', async () => {
    const caseworker = await reporting.token(['caseworker']);
    expect((await reporting.call('/reports/mutual-aid', { token: caseworker })).status).toBe(403);
    expect((await reporting.call('/reports/mutual-aid', { token: null })).status).toBe(401);
    const supervisor = await reporting.token(['supervisor']);
    expect((await reporting.call('/reports/mutual-aid', { token: supervisor })).status).toBe(200);
    const other = await reporting.token(['admin'], OTHER_MUNICIPALITY.lgCode);
    const foreign = await reporting.call('/reports/mutual-aid?includeAll=true', { token: other });
    expect(foreign.status).toBe(200);
    expect(foreign.body.rows).toEqual([]);
    const consultations = await reporting.call(`/reports/consultations?fiscalYear=${fiscalYear}&by=district`, { token: other });
    expect(consultations.body.cells).toEqual([]);
    expect(DEMO_MUNICIPALITY.lgCode).not.toBe(OTHER_MUNICIPALITY.lgCode);
  });

  it('shows consumer lag on /readyz and as a metric', async () => {
    const ready = await reporting.call('/readyz', { token: null });
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ database: { status: 'up' }, nats: { status: 'up' }, projections: { status: 'up' } });
    const metrics = await reporting.app.inject({ method: 'GET', url: '/metrics' });
    // One durable per source service (ADR 0016).
    expect(metrics.body).toContain('tsunagu_consumer_pending_messages{consumer="reporting__from__registry",subject="tsunagu.evt.registry.>"');
  });
});
