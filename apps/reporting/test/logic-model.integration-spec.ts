import { v7 as uuidv7 } from 'uuid';
import { CaseOpened, CaseStatusChanged, ConsultationReceived, MeetingHeld, type CaseEventData, type ConsultationEventData } from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS, OTHER_MUNICIPALITY } from '@tsunagu/demo-data';
import { cloudEvent, startReporting, type PublishedEvent, type ReportingUnderTest } from './reporting-app';

jest.setTimeout(180_000);

/** 令和7年度: over, so every figure is complete. */
const FISCAL_YEAR = 2025;
const DESK = DEMO_ORGANIZATIONS.socialWelfareCouncil.id;

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** A generated 年度: consultations, cases (some with 支援決定) and both kinds of meeting, on random days. */
function generateYear(seed: number): PublishedEvent[] {
  const next = random(seed);
  const day = () => new Date(Date.UTC(FISCAL_YEAR, 3, 1) + Math.floor(next() * 365) * 86_400_000 + 3 * 3_600_000);
  const events: PublishedEvent[] = [];
  for (let i = 0; i < 150; i += 1) {
    const at = day().toISOString();
    const data: ConsultationEventData = {
      consultationId: uuidv7(),
      receptionNo: `R7-001-${String(i + 1).padStart(6, '0')}`,
      receivingOrganizationId: DESK,
      fiscalYear: FISCAL_YEAR,
      receivedAt: at,
      recordedAt: at,
      personId: null,
      personPseudonym: null,
      householdId: null,
      route: 'phone',
      primaryCategory: 'income',
      categories: ['income'],
      issueTags: [],
      urgency: 'medium',
      consentStatus: 'given',
      jigyoAttribution: 'tsunagaru-desk',
      disposition: null,
      status: 'received',
    };
    events.push(cloudEvent(ConsultationReceived, data.consultationId, data, { time: at }));
  }
  for (let i = 0; i < 23; i += 1) {
    const opened = day();
    const kase: CaseEventData = {
      caseId: uuidv7(),
      caseNo: `K7-${String(i + 1).padStart(4, '0')}`,
      householdId: uuidv7(),
      track: next() < 0.5 ? 'consented' : 'pre-consent',
      status: 'received',
      coordinatorOrganizationId: DESK,
      leadOrganizationId: null,
      memberOrganizationIds: [DESK],
      supportDecidedOn: null,
      closureReason: null,
    };
    events.push(cloudEvent(CaseOpened, kase.caseId, kase, { time: opened.toISOString() }));
    if (next() < 0.6 && opened.getUTCMonth() !== 2) {
      const decided = new Date(opened.getTime() + 86_400_000);
      events.push(cloudEvent(CaseStatusChanged, kase.caseId, { ...kase, status: 'decided', supportDecidedOn: decided.toISOString().slice(0, 10) }, { time: decided.toISOString() }));
    }
  }
  for (let i = 0; i < 17; i += 1) {
    const meetingId = uuidv7();
    const held = day();
    const legalType = next() < 0.5 ? 'jusou-meeting' : 'support-meeting-106-6';
    events.push(cloudEvent(MeetingHeld, meetingId, { meetingId, legalType, status: 'held', convenerOrganizationId: DESK, heldOn: held.toISOString().slice(0, 10), caseIds: [], attendeeOrganizationIds: [] }, { time: held.toISOString() }));
  }
  return events;
}

type Item = { id: string; title: string; stage: string; version: number; indicator: { code: string; target: number | null; actual: number | null; achievementRate: number | null } | null; costPerResult: number | null };
type Model = { jigyo: { jigyo: string; budget: { amountYen: number; staffFte: number } | null; stages: { stage: string; items: Item[] }[] }[] };

const items = (model: Model, jigyo: string): Item[] => model.jigyo.find((entry) => entry.jigyo === jigyo)?.stages.flatMap((stage) => stage.items) ?? [];

describe('reporting: the logic model, measures as data and 事業費 (issue 17)', () => {
  let reporting: ReportingUnderTest;
  let supervisor: string;
  let admin: string;
  let contracted: string;
  const cells = async (path: string) => (await reporting.call(path)).body.cells as { measure?: string; code: string | null; count: number }[];

  beforeAll(async () => {
    reporting = await startReporting();
    supervisor = await reporting.token(['supervisor']);
    admin = await reporting.token(['admin']);
    contracted = await reporting.issuer.token({ roles: ['supervisor'], municipality: DEMO_MUNICIPALITY.lgCode, agency: DEMO_ORGANIZATIONS.communityCareCentre.id, expiresIn: 3600 });
    await reporting.publish(generateYear(17));
    await reporting.settled();
    const define = async (body: Record<string, unknown>, path = '/indicators') => {
      const reply = await reporting.call(path, { method: 'POST', token: supervisor, body });
      expect(reply.status).toBe(201);
      return reply.body;
    };
    await define({ code: 'support-decision-rate', name: '支援決定率', operation: 'percentage', leftMeasure: 'cases-support-decided', rightMeasure: 'cases-opened', unit: '%' }, '/combined-measures');
    await define({ code: 'meetings-held', name: '会議開催回数（合計）', operation: 'sum', leftMeasure: 'jusou-meetings-held', rightMeasure: 'support-meetings-held', unit: '回' }, '/combined-measures');
    const consultations = await define({ code: 'consultations', name: '相談受付件数', measure: 'new-consultations', unit: '件' });
    await define({ code: 'cases-opened', name: '新規ケース数', measure: 'cases-opened', unit: '件' });
    await define({ code: 'decision-rate', name: '支援決定率', measure: 'combined:support-decision-rate', unit: '%' });
    await define({ code: 'meetings', name: '会議開催回数', measure: 'combined:meetings-held', unit: '回' });
    await define({ code: 'outreach-contacts', name: '訪問回数', measure: 'outreach-contacts', unit: '回' });
    expect((await reporting.call('/indicator-targets', { method: 'POST', token: supervisor, body: { definitionId: consultations.id, fiscalYear: FISCAL_YEAR, targetValue: 300 } })).status).toBe(201);
  });
  afterAll(() => reporting.close());

  it('computes a combined measure from its parts, as the measure reports count them', async () => {
    const cases = await cells(`/reports/cases?fiscalYear=${FISCAL_YEAR}`);
    const sum = (measure: string) => cases.filter((cell) => cell.measure === measure).reduce((total, cell) => total + cell.count, 0);
    const opened = sum('cases-opened');
    const decided = sum('cases-support-decided');
    expect(opened).toBe(23);
    expect(decided).toBeGreaterThan(0);
    const results = (await reporting.call(`/reports/indicators?fiscalYear=${FISCAL_YEAR}`)).body.results as { code: string; actual: number | null; measureLabel: string }[];
    const actual = (code: string) => results.find((result) => result.code === code)?.actual;
    expect(actual('decision-rate')).toBe(Math.round((decided / opened) * 1000) / 10);
    expect(actual('meetings')).toBe(sum('meetings-held'));
    expect(sum('meetings-held')).toBe(17);
    expect(results.find((result) => result.code === 'meetings')?.measureLabel).toBe('会議開催回数（合計）');
    expect((await reporting.call('/combined-measures')).body.map((measure: { measure: string }) => measure.measure)).toEqual(['combined:meetings-held', 'combined:support-decision-rate']);
  });

  it('shows target vs actual per item equal to the measure reports, with 事業費 and cost per result (none where nothing to divide by)', async () => {
    const add = async (body: Record<string, unknown>) => {
      const reply = await reporting.call('/logic-model-items', { method: 'POST', token: supervisor, body: { fiscalYear: FISCAL_YEAR, ...body } });
      expect(reply.status).toBe(201);
      return reply.body;
    };
    await add({ jigyo: 'comprehensive', stage: 'activity', title: '断らない相談窓口の運営' });
    await add({ jigyo: 'comprehensive', stage: 'output', title: '相談を受け止める', indicatorCode: 'consultations', note: '受付日で計上' });
    await add({ jigyo: 'multi-agency', stage: 'activity', title: '重層的支援会議の開催' });
    await add({ jigyo: 'multi-agency', stage: 'output', title: 'ケースの受理', indicatorCode: 'cases-opened' });
    await add({ jigyo: 'multi-agency', stage: 'output', title: '会議の開催', indicatorCode: 'meetings' });
    await add({ jigyo: 'multi-agency', stage: 'short-term-outcome', title: '支援方針が決まる', indicatorCode: 'decision-rate' });
    await add({ jigyo: 'outreach', stage: 'output', title: '訪問', indicatorCode: 'outreach-contacts' });
    await add({ jigyo: 'outreach', stage: 'long-term-outcome', title: '孤立の解消' });
    expect((await reporting.call(`/jigyo-budgets/${FISCAL_YEAR}/multi-agency`, { method: 'PUT', token: supervisor, body: { amountYen: 12_000_000, staffFte: 2.5 } })).status).toBe(201);
    expect((await reporting.call(`/jigyo-budgets/${FISCAL_YEAR}/comprehensive`, { method: 'PUT', token: admin, body: { amountYen: 30_000_000, staffFte: 6, note: '決算額' } })).status).toBe(201);
    expect((await reporting.call(`/jigyo-budgets/${FISCAL_YEAR}/outreach`, { method: 'PUT', token: admin, body: { amountYen: 5_000_000, staffFte: 1 } })).status).toBe(201);

    const model = (await reporting.call(`/logic-model?fiscalYear=${FISCAL_YEAR}`)).body as Model;
    const consultations = (await cells(`/reports/consultations?fiscalYear=${FISCAL_YEAR}&by=total`)).reduce((total, cell) => total + cell.count, 0);
    expect(consultations).toBe(150);
    const [activity, output] = items(model, 'comprehensive');
    expect(activity).toMatchObject({ stage: 'activity', indicator: null, costPerResult: null });
    expect(output.indicator).toMatchObject({ code: 'consultations', target: 300, actual: consultations, achievementRate: 0.5 });
    expect(output.costPerResult).toBe(Math.round(30_000_000 / consultations));

    const multi = items(model, 'multi-agency');
    const byTitle = (title: string) => multi.find((item) => item.title === title) as Item;
    expect(model.jigyo.find((entry) => entry.jigyo === 'multi-agency')?.budget).toMatchObject({ amountYen: 12_000_000, staffFte: 2.5 });
    expect(byTitle('ケースの受理').indicator?.actual).toBe(23);
    expect(byTitle('ケースの受理').costPerResult).toBe(Math.round(12_000_000 / 23));
    expect(byTitle('会議の開催').costPerResult).toBe(Math.round(12_000_000 / 17));
    // A rate is no count of results: no cost per result.
    expect(byTitle('支援方針が決まる').costPerResult).toBeNull();
    // Nothing to divide by: none, never Infinity.
    const [visits] = items(model, 'outreach');
    expect(visits.indicator?.actual).toBe(0);
    expect(visits.costPerResult).toBeNull();
    expect(model.jigyo.find((entry) => entry.jigyo === 'participation')?.budget).toBeNull();

    // The 年度 report shows the same cost per result beside its figures.
    const report = (await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}`)).body;
    const cost = (jigyo: string) => report.sheets.find((sheet: { jigyo: string }) => sheet.jigyo === jigyo).cost;
    expect(cost('multi-agency')).toMatchObject({ amountYen: 12_000_000, staffFte: 2.5 });
    expect(cost('multi-agency').results[0]).toMatchObject({ code: 'cases-opened', count: 23, costPerResult: Math.round(12_000_000 / 23) });
    expect(cost('comprehensive').results.find((result: { table: string }) => result.table === 'consultations')).toMatchObject({ count: 150, costPerResult: 200_000 });
    // Nobody identified in these consultations: 実人数 0, so no cost per person.
    expect(cost('comprehensive').results.find((result: { table: string }) => result.table === 'persons')).toMatchObject({ count: 0, costPerResult: null });
    expect(cost('outreach').results.every((result: { costPerResult: number | null }) => result.costPerResult === null)).toBe(true);
    expect(cost('participation')).toBeNull();

    // The CSV carries the same 事業費, staff and cost per result as rows of table `cost`.
    const csv = (await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}&format=csv`)).raw.toString('utf8');
    const costLines = csv.split('\r\n').filter((line) => line.includes(',cost,'));
    expect(costLines).toContainEqual(expect.stringMatching(/^\d{4},multi-agency,[^,]+,cost,[^,]+,amount-yen,事業費,年度,12000000,円,0$/));
    expect(costLines).toContainEqual(expect.stringMatching(/^\d{4},multi-agency,[^,]+,cost,[^,]+,staff-fte,[^,]+,年度,2.5,人,0$/));
    expect(costLines).toContainEqual(expect.stringMatching(new RegExp(`^\\d{4},multi-agency,[^,]+,cost,[^,]+,per:multi-agency:cases-opened,[^,]+,年度,${Math.round(12_000_000 / 23)},円,0$`)));
    expect(costLines.some((line) => line.startsWith(`${FISCAL_YEAR},participation,`))).toBe(false);
  });

  it('lets analysts read but not edit, and refuses a contracted desk’s supervisor every edit', async () => {
    const body = { fiscalYear: FISCAL_YEAR, jigyo: 'participation', stage: 'activity', title: '居場所づくり' };
    expect((await reporting.call('/logic-model-items', { method: 'POST', body })).status).toBe(403);
    const refused = await reporting.call('/logic-model-items', { method: 'POST', token: contracted, body });
    expect(refused.status).toBe(403);
    expect(String(refused.headers['content-type'])).toContain('application/problem+json');
    expect((await reporting.call(`/jigyo-budgets/${FISCAL_YEAR}/participation`, { method: 'PUT', token: contracted, body: { amountYen: 1, staffFte: 1 } })).status).toBe(403);
    const [item] = (await reporting.call(`/logic-model-items?fiscalYear=${FISCAL_YEAR}`)).body as Item[];
    expect((await reporting.call(`/logic-model-items/${item.id}`, { method: 'PATCH', token: contracted, body: { stage: 'activity', title: 'x', version: item.version } })).status).toBe(403);
    expect((await reporting.call(`/logic-model-items/${item.id}`, { method: 'DELETE', token: contracted, headers: { 'if-match': `"${item.version}"` } })).status).toBe(403);
    expect((await reporting.call(`/logic-model?fiscalYear=${FISCAL_YEAR}`, { token: contracted })).status).toBe(200);
    expect((await reporting.call(`/logic-model-items?fiscalYear=${FISCAL_YEAR}`)).body).toHaveLength(8);
  });

  it('answers bad input with 400 naming the field, and writes nothing', async () => {
    const post = (body: Record<string, unknown>) => reporting.call('/logic-model-items', { method: 'POST', token: supervisor, body: { fiscalYear: FISCAL_YEAR, jigyo: 'outreach', stage: 'output', title: '訪問', ...body } });
    const fields = async (reply: Promise<{ status: number; body: { errors: Record<string, string> } }>) => {
      const answered = await reply;
      expect(answered.status).toBe(400);
      return Object.keys(answered.body.errors).sort();
    };
    expect(await fields(post({ stage: 'impact', title: '', jigyo: 'nonsense' }))).toEqual(['jigyo', 'stage', 'title']);
    expect(await fields(post({ indicatorCode: 'no-such-indicator' }))).toEqual(['indicatorCode']);
    expect(await fields(post({ stage: 'activity', indicatorCode: 'consultations' }))).toEqual(['indicatorCode']);
    expect(await fields(post({ note: 'x'.repeat(2001) }))).toEqual(['note']);
    expect(await fields(reporting.call(`/jigyo-budgets/${FISCAL_YEAR}/participation`, { method: 'PUT', token: supervisor, body: { amountYen: -1, staffFte: 1.234 } }))).toEqual(['amountYen', 'staffFte']);
    expect(await fields(reporting.call(`/jigyo-budgets/${FISCAL_YEAR}/nonsense`, { method: 'PUT', token: supervisor, body: { amountYen: 1, staffFte: 1 } }))).toEqual(['jigyo']);
    expect(await fields(reporting.call('/jigyo-budgets/20x5/outreach', { method: 'PUT', token: supervisor, body: { amountYen: 1, staffFte: 1 } }))).toEqual(['fiscalYear']);
    // Changing an entered 事業費 names the version it edits.
    expect(await fields(reporting.call(`/jigyo-budgets/${FISCAL_YEAR}/outreach`, { method: 'PUT', token: supervisor, body: { amountYen: 1, staffFte: 1 } }))).toEqual(['version']);
    expect(await fields(reporting.call('/combined-measures', { method: 'POST', token: supervisor, body: { code: 'x', name: 'x', operation: 'product', leftMeasure: 'cases-opened', rightMeasure: 'nonsense', unit: '%' } }))).toEqual(['operation', 'rightMeasure']);
    expect(await fields(reporting.call('/indicators', { method: 'POST', token: supervisor, body: { code: 'rate', name: 'x', measure: 'combined:no-such-measure', unit: '%' } }))).toEqual(['measure']);
    expect((await reporting.call(`/logic-model-items?fiscalYear=${FISCAL_YEAR}`)).body).toHaveLength(8);
    expect((await reporting.call(`/jigyo-budgets?fiscalYear=${FISCAL_YEAR}`)).body).toHaveLength(3);
    expect((await reporting.call('/combined-measures', { method: 'POST', token: supervisor, body: { code: 'meetings-held', name: 'x', operation: 'sum', leftMeasure: 'cases-opened', rightMeasure: 'cases-opened', unit: '件' } })).status).toBe(409);
  });

  it('edits and removes items with optimistic locking, and keeps each municipality to its own model', async () => {
    const [item] = (await reporting.call(`/logic-model-items?fiscalYear=${FISCAL_YEAR}`)).body as Item[];
    const edited = await reporting.call(`/logic-model-items/${item.id}`, { method: 'PATCH', token: supervisor, body: { stage: 'activity', title: '相談窓口の運営（4か所）', position: 3, version: item.version } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: '相談窓口の運営（4か所）', position: 3, version: item.version + 1 });
    const stale = await reporting.call(`/logic-model-items/${item.id}`, { method: 'PATCH', token: supervisor, body: { stage: 'activity', title: 'x', version: item.version } });
    expect(stale.status).toBe(409);
    // A PATCH changes what it sends and keeps the rest.
    const noted = await reporting.call(`/logic-model-items/${item.id}`, { method: 'PATCH', token: supervisor, body: { note: '市内4か所' }, headers: { 'if-match': `"${item.version + 1}"` } });
    expect(noted.status).toBe(200);
    expect(noted.body).toMatchObject({ title: '相談窓口の運営（4か所）', stage: 'activity', note: '市内4か所', version: item.version + 2 });
    const measured = ((await reporting.call(`/logic-model-items?fiscalYear=${FISCAL_YEAR}`)).body as (Item & { indicatorCode: string | null })[]).find((entry) => entry.indicatorCode === 'consultations') as Item;
    const toActivity = await reporting.call(`/logic-model-items/${measured.id}`, { method: 'PATCH', token: supervisor, body: { stage: 'activity', version: measured.version } });
    expect(toActivity.status).toBe(400);
    expect(Object.keys(toActivity.body.errors)).toEqual(['indicatorCode']);
    expect((await reporting.call(`/logic-model-items/${item.id}`, { method: 'DELETE', token: supervisor })).status).toBe(400);
    expect((await reporting.call(`/logic-model-items/${item.id}`, { method: 'DELETE', token: supervisor, headers: { 'if-match': `"${item.version + 2}"` } })).status).toBe(204);
    expect((await reporting.call(`/logic-model-items?fiscalYear=${FISCAL_YEAR}`)).body).toHaveLength(7);

    const [budget] = (await reporting.call(`/jigyo-budgets?fiscalYear=${FISCAL_YEAR}`)).body as { jigyo: string; version: number }[];
    const changed = await reporting.call(`/jigyo-budgets/${FISCAL_YEAR}/${budget.jigyo}`, { method: 'PUT', token: supervisor, body: { amountYen: 31_000_000, staffFte: 6.25, version: budget.version } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ amountYen: 31_000_000, staffFte: 6.25, version: budget.version + 1 });

    const other = await reporting.token(['admin'], OTHER_MUNICIPALITY.lgCode);
    const foreign = (await reporting.call(`/logic-model?fiscalYear=${FISCAL_YEAR}`, { token: other })).body as Model;
    expect(foreign.jigyo.every((entry) => entry.budget === null && entry.stages.every((stage) => stage.items.length === 0))).toBe(true);
    expect((await reporting.call(`/logic-model-items/${measured.id}`, { method: 'PATCH', token: other, body: { title: 'x', version: measured.version } })).status).toBe(404);
    const trail = (await reporting.call('/audit-records?resourceType=JigyoBudget', { token: admin })).body;
    expect(trail.items.length).toBeGreaterThanOrEqual(4);
  });

  it('freezes 事業費 with the figures when the 年度 is closed', async () => {
    expect((await reporting.call('/report-closures', { method: 'POST', token: supervisor, body: { fiscalYear: FISCAL_YEAR } })).status).toBe(201);
    const [budget] = (await reporting.call(`/jigyo-budgets?fiscalYear=${FISCAL_YEAR}`)).body as { jigyo: string; amountYen: number; version: number }[];
    expect((await reporting.call(`/jigyo-budgets/${FISCAL_YEAR}/${budget.jigyo}`, { method: 'PUT', token: supervisor, body: { amountYen: 1, staffFte: 1, version: budget.version } })).status).toBe(200);
    const report = (await reporting.call(`/reports/jigyo?fiscalYear=${FISCAL_YEAR}`)).body;
    expect(report.closure).toMatchObject({ revision: 1, signatureValid: true });
    expect(report.sheets.find((sheet: { jigyo: string }) => sheet.jigyo === budget.jigyo).cost.amountYen).toBe(budget.amountYen);
    // Comparing the closing with the live figures shows the corrected 事業費 beside the counts.
    const changes = (await reporting.call(`/report-closures/${FISCAL_YEAR}/diff?from=1`)).body as { jigyo: string; table: string; code: string; month: string; from: number | null; to: number | null }[];
    expect(changes.filter((change) => change.table === 'cost')).toEqual([
      expect.objectContaining({ jigyo: budget.jigyo, code: 'amount-yen', month: '年度', from: budget.amountYen, to: 1 }),
      expect.objectContaining({ jigyo: budget.jigyo, code: 'staff-fte', month: '年度', to: 1 }),
    ]);
  });
});
