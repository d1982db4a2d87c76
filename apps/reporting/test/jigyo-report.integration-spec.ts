import { Workbook } from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import {
  CaseClosed,
  CaseOpened,
  ConsultationCancelled,
  ConsultationReceived,
  JIGYO_ATTRIBUTIONS,
  MeetingHeld,
  NeedRegistered,
  PlanDrafted,
  type CaseEventData,
  type ConsultationEventData,
  type JigyoAttribution,
  type NeedEventData,
} from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS, OTHER_MUNICIPALITY } from '@tsunagu/demo-data';
import { personPseudonym, TEST_PSEUDONYM_KEY } from '@tsunagu/util-pseudonym';
import { asSystem, expectEventually, streamEvents } from '@tsunagu/platform-testing';
import { cloudEvent, startReporting, type PublishedEvent, type ReportingUnderTest } from './reporting-app';

jest.setTimeout(180_000);

/** 令和7年度: over, so every month is complete. */
const FISCAL_YEAR = 2025;
const DESK = DEMO_ORGANIZATIONS.socialWelfareCouncil.id;
const OTHER_DESK = DEMO_ORGANIZATIONS.communityCareCentre.id;

/** A small deterministic generator (the figures must be the same on every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

interface Generated {
  events: PublishedEvent[];
  /** Consultations that count (received, not cancelled), as intake holds them. */
  consultations: { personId: string | null; field: JigyoAttribution; month: string }[];
  persons: string[];
}

/** A 年度 of consultations: 80 people, 400 receptions (some naming nobody), 12 of them cancelled, spread over the months and fields. */
function generateYear(municipality: string, seed: number, persons: string[], receptions = 400): Generated {
  const next = random(seed);
  const events: PublishedEvent[] = [];
  const consultations: Generated['consultations'] = [];
  for (let i = 0; i < receptions; i += 1) {
    const personId = next() < 0.85 ? persons[Math.floor(next() * persons.length)] : null;
    const field = JIGYO_ATTRIBUTIONS[Math.floor(next() * JIGYO_ATTRIBUTIONS.length)];
    const day = new Date(Date.UTC(FISCAL_YEAR, 3, 1) + Math.floor(next() * 365) * 86_400_000);
    const receivedAt = new Date(day.getTime() + 3 * 3_600_000).toISOString(); // 12:00 in Japan
    // Staff may enter a reception up to weeks later (back-dated): the report counts it on its 受付日, not on the event's day.
    const time = new Date(day.getTime() + 3 * 3_600_000 + Math.floor(next() * 40) * 86_400_000).toISOString();
    const data: ConsultationEventData = {
      consultationId: uuidv7(),
      receptionNo: `R7-001-${String(i + 1).padStart(6, '0')}`,
      receivingOrganizationId: i % 3 === 0 ? OTHER_DESK : DESK,
      fiscalYear: FISCAL_YEAR,
      receivedAt,
      recordedAt: time,
      personId,
      personPseudonym: personId ? personPseudonym(TEST_PSEUDONYM_KEY, municipality, personId) : null,
      householdId: null,
      route: 'phone',
      primaryCategory: 'income',
      categories: ['income'],
      issueTags: [],
      urgency: 'medium',
      consentStatus: 'given',
      jigyoAttribution: field,
      disposition: null,
      status: 'received',
    };
    events.push(cloudEvent(ConsultationReceived, data.consultationId, data, { municipality, time }));
    if (i % 33 === 5) {
      events.push(cloudEvent(ConsultationCancelled, data.consultationId, { ...data, status: 'cancelled' }, { municipality, time: new Date(Date.parse(time) + 3_600_000).toISOString() }));
    } else {
      consultations.push({ personId, field, month: receivedAt.slice(0, 7) });
    }
  }
  return { events, consultations, persons };
}

/** 多機関協働 in 2025-06: two cases opened, one closed, one plan, one 重層的支援会議 and one 支援会議 held. */
function multiAgencyEvents(): PublishedEvent[] {
  const time = '2025-06-10T03:00:00.000Z';
  const kase = (): CaseEventData => ({
    caseId: uuidv7(),
    caseNo: 'K7-0001',
    householdId: uuidv7(),
    track: 'consented',
    status: 'received',
    coordinatorOrganizationId: DESK,
    leadOrganizationId: null,
    memberOrganizationIds: [DESK],
    supportDecidedOn: null,
    closureReason: null,
  });
  const [a, b] = [kase(), kase()];
  const planId = uuidv7();
  const meeting = (legalType: 'jusou-meeting' | 'support-meeting-106-6') => {
    const meetingId = uuidv7();
    return cloudEvent(MeetingHeld, meetingId, { meetingId, legalType, status: 'held', convenerOrganizationId: DESK, heldOn: '2025-06-20', caseIds: [a.caseId], attendeeOrganizationIds: [DESK] }, { time });
  };
  return [
    cloudEvent(CaseOpened, a.caseId, a, { time }),
    cloudEvent(CaseOpened, b.caseId, b, { time }),
    cloudEvent(CaseClosed, b.caseId, { ...b, status: 'closed', closureReason: 'goal-achieved' }, { time: '2025-07-01T03:00:00.000Z' }),
    cloudEvent(PlanDrafted, planId, { planId, caseId: a.caseId, planVersion: 1, status: 'draft', organizationIds: [DESK], leadOrganizationId: null, usesParticipationSupport: false, usesOutreach: false, nextReviewOn: null, meetingId: null }, { time }),
    meeting('jusou-meeting'),
    meeting('support-meeting-106-6'),
  ];
}

/** 参加支援: three needs heard in 2025-05, two of them the same person's. */
function participationEvents(persons: string[]): PublishedEvent[] {
  return [persons[0], persons[0], persons[1]].map((personId) => {
    const data: NeedEventData = {
      needId: uuidv7(),
      personId,
      personPseudonym: personPseudonym(TEST_PSEUDONYM_KEY, DEMO_MUNICIPALITY.lgCode, personId),
      caseId: null,
      purposes: ['ibasho'],
      homeDistrictId: null,
      preferredDistrictIds: [],
      status: 'hearing',
      registeredOn: '2025-05-12',
      occurredOn: '2025-05-12',
    };
    return cloudEvent(NeedRegistered, data.needId, data, { time: '2025-05-12T03:00:00.000Z' });
  });
}

type Row = { code: string | null; label: string; cells: { value: number | null; suppressed: boolean }[]; total: { value: number | null; suppressed: boolean } };
type Table = { key: string; kind: string; rows: Row[]; totalRow: Row | null };
type Sheet = { jigyo: string; title: string; tables: Table[] };

function table(report: { sheets: Sheet[] }, jigyo: string, key: string): Table {
  return report.sheets.find((sheet) => sheet.jigyo === jigyo)?.tables.find((candidate) => candidate.key === key) as Table;
}

describe('reporting: the 年度 report per 事業 (issue 17)', () => {
  let reporting: ReportingUnderTest;
  const persons = Array.from({ length: 80 }, () => uuidv7());
  const year = generateYear(DEMO_MUNICIPALITY.lgCode, 17, persons);
  // The same people consult in another municipality: their keys there are unrelated.
  const elsewhere = generateYear(OTHER_MUNICIPALITY.lgCode, 29, persons.slice(0, 20), 60);

  beforeAll(async () => {
    reporting = await startReporting();
    await reporting.publish([...year.events, ...elsewhere.events, ...multiAgencyEvents(), ...participationEvents(persons)]);
    await reporting.settled();
  });
  afterAll(() => reporting.close());

  it('counts 実人数 as the distinct persons intake holds, never more than 延べ, per field and for the 年度', async () => {
    const reply = await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}`);
    expect(reply.status).toBe(200);
    const consultations = table(reply.body, 'comprehensive', 'consultations');
    const people = table(reply.body, 'comprehensive', 'persons');
    const distinct = (list: Generated['consultations']) => new Set(list.filter((c) => c.personId).map((c) => c.personId)).size;
    expect(people.totalRow?.total.value).toBe(distinct(year.consultations));
    expect(consultations.totalRow?.total.value).toBe(year.consultations.length);
    // Months by 受付日 (receivedAt), however late the reception was recorded.
    expect(consultations.totalRow?.cells.map((cell) => cell.value)).toEqual(reply.body.months.map((month: string) => year.consultations.filter((c) => c.month === month).length));
    people.totalRow?.cells.forEach((cell, j) => expect(cell.value).toBe(distinct(year.consultations.filter((c) => c.month === reply.body.months[j]))));
    for (const row of people.rows) {
      const inField = year.consultations.filter((c) => c.field === row.code);
      expect({ field: row.code, persons: row.total.value }).toEqual({ field: row.code, persons: distinct(inField) });
      const counted = consultations.rows.find((candidate) => candidate.code === row.code) as Row;
      expect(row.total.value).toBeLessThanOrEqual(counted.total.value as number);
      row.cells.forEach((cell, j) => expect(cell.value).toBeLessThanOrEqual(counted.cells[j].value as number));
    }
    expect(people.totalRow?.total.value).toBeLessThanOrEqual(consultations.totalRow?.total.value as number);
    const unidentified = table(reply.body, 'comprehensive', 'unidentified').rows[0].total.value;
    expect(unidentified).toBe(year.consultations.filter((c) => !c.personId).length);
  });

  it('makes every 事業 total the sum of its fields, and the by-district and by-organisation tables add up to the same total', async () => {
    const reply = await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}`);
    for (const key of ['consultations', 'consultations-by-district', 'consultations-by-organization']) {
      const grid = table(reply.body, 'comprehensive', key);
      expect(grid.totalRow?.total.value).toBe(year.consultations.length);
      expect(grid.rows.reduce((sum, row) => sum + (row.total.value as number), 0)).toBe(grid.totalRow?.total.value);
      grid.totalRow?.cells.forEach((cell, j) => expect(grid.rows.reduce((sum, row) => sum + (row.cells[j].value as number), 0)).toBe(cell.value));
      for (const row of grid.rows) expect(row.cells.reduce((sum, cell) => sum + (cell.value as number), 0)).toBe(row.total.value);
    }
    const fields = table(reply.body, 'comprehensive', 'consultations').rows.map((row) => row.code);
    expect(fields.slice(0, 4)).toEqual(['long-term-care', 'disability', 'children', 'financial-hardship']);
    const multiAgency = Object.fromEntries(table(reply.body, 'multi-agency', 'multi-agency').rows.map((row) => [row.code, row.total.value]));
    expect(multiAgency).toEqual({ 'cases-opened': 2, 'cases-closed': 1, 'plans-made': 1, 'plans-revised': 0, 'jusou-meetings-held': 1, 'support-meetings-held': 1 });
    const participation = Object.fromEntries(table(reply.body, 'participation', 'participation-year').rows.map((row) => [row.code, row.total.value]));
    expect(participation['persons-supported']).toBe(2);
  });

  it('keys one person differently in each municipality and stores no person id', async () => {
    const em = reporting.orm.em.fork();
    // Inspecting every municipality's rows: system work under row-level security.
    const rows: { municipality: string; pseudonym: string }[] = await asSystem(em, `select distinct municipality, pseudonym from reporting.consultation where pseudonym is not null and not cancelled`);
    const here = new Set(rows.filter((row) => row.municipality === DEMO_MUNICIPALITY.lgCode).map((row) => row.pseudonym));
    const there = new Set(rows.filter((row) => row.municipality === OTHER_MUNICIPALITY.lgCode).map((row) => row.pseudonym));
    expect(here.size).toBe(new Set(year.consultations.filter((c) => c.personId).map((c) => c.personId)).size);
    expect([...there].filter((key) => here.has(key))).toEqual([]);
    expect(personPseudonym(TEST_PSEUDONYM_KEY, DEMO_MUNICIPALITY.lgCode, persons[0])).toBe(personPseudonym(TEST_PSEUDONYM_KEY, DEMO_MUNICIPALITY.lgCode, persons[0]));
    const dump = JSON.stringify(await reporting.snapshot());
    for (const personId of persons) expect(dump).not.toContain(personId);
    const other = await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}`, { token: await reporting.token(['analyst'], OTHER_MUNICIPALITY.lgCode) });
    expect(table(other.body, 'comprehensive', 'consultations').totalRow?.total.value).toBe(elsewhere.consultations.length);
  });

  it('writes an XLSX with one sheet per 事業 and 和暦 headings that reads back as the JSON’s figures, internal and published', async () => {
    for (const view of ['internal', 'published']) {
      const json = await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}&view=${view}`);
      const file = await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}&view=${view}&format=xlsx`);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new Workbook();
      await workbook.xlsx.load(file.raw as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['包括的相談支援', '多機関協働', 'アウトリーチ等継続的支援', '参加支援', '地域づくり']);
      const first = workbook.worksheets[0];
      expect(String(first.getCell('A1').value)).toBe('令和7年度 包括的相談支援事業（第1号） 実施状況');
      expect(first.getRow(4).values).toEqual([undefined, '項目', ...json.body.monthLabels, '年度計']);
      expect(json.body.monthLabels[0]).toBe('令和7年4月');
      json.body.sheets.forEach((sheet: Sheet, index: number) => {
        // Data rows: a label then figures (a count, or ＊ where suppressed); headings and notes have text after the label.
        const read: unknown[][] = [];
        workbook.worksheets[index].eachRow((row) => {
          const values = (row.values as unknown[]).slice(1);
          if (values.length > 1 && (typeof values[1] === 'number' || values[1] === '＊')) read.push(values);
        });
        const expected = sheet.tables.flatMap((one) => [...one.rows, ...(one.totalRow ? [one.totalRow] : [])].map((row) => [row.label, ...[...row.cells, row.total].map((cell) => (cell.suppressed ? '＊' : cell.value))]));
        expect(read).toEqual(expected);
      });
    }
  });

  it('publishes with primary and complementary suppression: no small count shows, and no suppressed count is its row or column total minus the rest', async () => {
    const published = await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}&view=published`);
    expect(published.body.suppressionThreshold).toBe(3);
    const internal = await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}`);
    for (const sheet of published.body.sheets as Sheet[]) {
      for (const one of sheet.tables) {
        for (const row of [...one.rows, ...(one.totalRow ? [one.totalRow] : [])]) {
          for (const cell of [...row.cells, row.total]) if (!cell.suppressed) expect(cell.value === 0 || (cell.value as number) >= 3).toBe(true);
        }
        if (one.kind !== 'grid' && one.kind !== 'measures') continue;
        // A line (row with its total; for grids also each month with the 計 row) never has exactly one suppressed count.
        const lines = one.rows.map((row) => [...row.cells, row.total]);
        if (one.kind === 'grid' && one.totalRow) {
          lines.push([...one.totalRow.cells, one.totalRow.total]);
          for (let j = 0; j <= one.rows[0]?.cells.length; j += 1) lines.push([...one.rows, one.totalRow].map((row) => (j < row.cells.length ? row.cells[j] : row.total)));
        }
        for (const line of lines) expect(line.filter((cell) => cell.suppressed).length).not.toBe(1);
      }
    }
    // Every published report applies the same rules (the referrals' overdue list is not published).
    for (const path of ['consultations', 'referrals', 'indicators', 'cases', 'outreach', 'participation']) {
      const reply = await reporting.call(`/reports/${path}?fiscalYear=${FISCAL_YEAR}&view=published`);
      expect({ path, status: reply.status, view: reply.body.view }).toEqual({ path, status: 200, view: 'published' });
    }
    expect((await reporting.call(`/reports/referrals?fiscalYear=${FISCAL_YEAR}&view=published`)).body.overdue).toEqual([]);
    const byField = (await reporting.call(`/reports/consultations?fiscalYear=${FISCAL_YEAR}&by=route&view=published`)).body.cells as { month: string; suppressed: boolean }[];
    for (const month of new Set(byField.map((one) => one.month))) expect(byField.filter((one) => one.month === month && one.suppressed).length).not.toBe(1);
    // The internal view of the same figures shows every count.
    expect(JSON.stringify(internal.body)).not.toContain('"suppressed":true');
    const csv = await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}&view=published&format=csv&wareki=true`);
    expect(csv.status).toBe(200);
    expect(csv.raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.raw.toString('utf8')).toContain('年度,年度（和暦）,事業コード,事業,表コード,表,行コード,行,月,月（和暦）,値,単位,秘匿');
    const cp932 = await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}&format=csv&encoding=cp932`);
    expect(cp932.status).toBe(200);
  });

  // Runs last: it adds events to the 年度 after closing it.
  it('closes a 年度 as a signed snapshot that later events do not change; reopening needs a reason and keeps both versions', async () => {
    const supervisor = await reporting.token(['supervisor']);
    const analyst = await reporting.token(['analyst']);
    expect((await reporting.call('/report-closures', { method: 'POST', body: { fiscalYear: FISCAL_YEAR }, token: analyst })).status).toBe(403);
    // Closing the city's 年度 is the city's act: a contracted desk's supervisor may not, and gets the same 403.
    const deskSupervisor = await reporting.issuer.token({ roles: ['supervisor'], agency: DEMO_ORGANIZATIONS.socialWelfareCouncil.id, expiresIn: 3600 });
    expect((await reporting.call('/report-closures', { method: 'POST', body: { fiscalYear: FISCAL_YEAR }, token: deskSupervisor })).status).toBe(403);
    expect((await reporting.call('/indicators', { method: 'POST', token: deskSupervisor, body: { code: 'desk-made', name: 'x', measure: 'new-consultations', unit: '件' } })).status).toBe(403);
    const closed = await reporting.call('/report-closures', { method: 'POST', body: { fiscalYear: FISCAL_YEAR }, token: supervisor });
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ fiscalYear: FISCAL_YEAR, revision: 1, status: 'closed', supersedesId: null, signatureValid: true });
    expect((await reporting.call('/report-closures', { method: 'POST', body: { fiscalYear: FISCAL_YEAR }, token: supervisor })).status).toBe(409);
    const frozen = await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}`);
    expect(frozen.body.closure).toMatchObject({ id: closed.body.id, revision: 1, status: 'closed', signatureValid: true });

    // Late records for the closed 年度 arrive: the projections take them, the closed figures do not move.
    const late = generateYear(DEMO_MUNICIPALITY.lgCode, 41, persons, 30);
    await reporting.publish(late.events);
    await reporting.settled();
    const after = await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}`);
    const { closure: _closure, ...frozenFigures } = frozen.body;
    expect({ ...after.body, closure: undefined }).toEqual({ ...frozenFigures, closure: undefined });
    expect(table(after.body, 'comprehensive', 'consultations').totalRow?.total.value).toBe(year.consultations.length);
    const pending = await reporting.call(`/report-closures/${FISCAL_YEAR}/diff?from=1`);
    expect(pending.body).toContainEqual(expect.objectContaining({ jigyo: 'comprehensive', table: 'consultations', code: null, month: '年度', from: year.consultations.length, to: year.consultations.length + late.consultations.length }));

    // Reopening: a reason code is required (400 naming it); the closed version is kept, marked reopened.
    const noReason = await reporting.call(`/report-closures/${FISCAL_YEAR}/reopen`, { method: 'POST', body: {}, token: supervisor });
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.errors)).toContain('reason');
    const reopened = await reporting.call(`/report-closures/${FISCAL_YEAR}/reopen`, { method: 'POST', body: { reason: 'late-records', note: '3月分の入力遅れ' }, token: supervisor });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ revision: 1, status: 'reopened', reopenReason: 'late-records', signatureValid: true });
    const live = await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}`);
    expect(live.body.closure).toBeNull();
    expect(table(live.body, 'comprehensive', 'consultations').totalRow?.total.value).toBe(year.consultations.length + late.consultations.length);

    const second = await reporting.call('/report-closures', { method: 'POST', body: { fiscalYear: FISCAL_YEAR }, token: supervisor });
    expect(second.body).toMatchObject({ revision: 2, status: 'closed', supersedesId: closed.body.id });
    const versions = await reporting.call(`/report-closures?fiscalYear=${FISCAL_YEAR}`);
    expect(versions.body.map((version: { revision: number; status: string }) => [version.revision, version.status])).toEqual([
      [2, 'closed'],
      [1, 'reopened'],
    ]);
    const first = await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}&version=1`);
    expect(table(first.body, 'comprehensive', 'consultations').totalRow?.total.value).toBe(year.consultations.length);
    const diff = await reporting.call(`/report-closures/${FISCAL_YEAR}/diff?from=1&to=2`);
    expect(diff.body.length).toBeGreaterThan(0);
    expect((await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}&version=9`)).status).toBe(404);

    // report.finalised went out through the outbox, twice, with ids and codes only.
    await expectEventually(async () => {
      const finalised = (await streamEvents(reporting.connection)).filter((event) => event.subject === 'tsunagu.evt.reporting.report.finalised');
      expect(finalised.map((event) => event.event.data.revision)).toEqual([1, 2]);
      expect(Object.keys(finalised[0].event.data).sort()).toEqual(['closureId', 'fiscalYear', 'revision', 'signature', 'supersedesClosureId']);
    });

    // A snapshot changed in the database no longer matches its signature.
    // As someone with database access would (system work under row-level security).
    await asSystem(reporting.orm, `update reporting.report_closure set figures = jsonb_set(figures, '{fiscalYear}', '2024') where revision = 1`);
    const tampered = await reporting.call(`/report-closures?fiscalYear=${FISCAL_YEAR}`);
    expect(tampered.body.map((version: { signatureValid: boolean }) => version.signatureValid)).toEqual([true, false]);
  });

  it('refuses a bad 年度 or format with a 400 naming the field', async () => {
    const reply = await reporting.call('/reports/jigyo?fiscalYear=abc&format=pdf');
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.errors)).toEqual(expect.arrayContaining(['fiscalYear', 'format']));
  });
});
