import { v7 as uuidv7 } from 'uuid';
import {
  ConsultationReceived,
  HouseholdRegistered,
  HouseholdUpdated,
  MenuGapRecorded,
  NeedDistrictWithheld,
  NeedRegistered,
  OutreachTargetRegistered,
  type ConsultationEventData,
  type HouseholdEventData,
  type OutreachTargetRegisteredData,
} from '@tsunagu/contracts';
import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { fiscalYearOf, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { asSystem } from '@tsunagu/platform-testing';
import { cloudEvent, demoDistrictId, registryDemoEvents, startReporting, type PublishedEvent, type ReportingUnderTest } from './reporting-app';

jest.setTimeout(120_000);

const fiscalYear = fiscalYearOf(todayInJapan());

/**
 * Households with a member under DV address protection: intake's household events carry no district for them
 * (`districtWithheld`), and the by-district outputs count them in a 「非公開」 row — never under a district, and never
 * a protected household's district beside its DV tag, whatever the role that reads the report.
 */
describe('reporting: DV-protected households are counted without a district (非公開)', () => {
  let reporting: ReportingUnderTest;
  const hanazono = demoDistrictId('花園');
  const tsukiji = demoDistrictId('築地');

  const household = (householdId: string, overrides: Partial<HouseholdEventData> = {}): HouseholdEventData => ({ householdId, keyPersonId: null, memberPersonIds: [], districtId: null, careEdgeKinds: [], ...overrides });
  let serial = 0;
  const consultation = (householdId: string, issueTags: ConsultationEventData['issueTags']): ConsultationEventData => ({
    consultationId: uuidv7(),
    receptionNo: `R7-${String(++serial).padStart(6, '0')}`,
    receivingOrganizationId: DEMO_ORGANIZATIONS.socialWelfareCouncil.id,
    fiscalYear,
    personId: null,
    householdId,
    route: 'phone',
    primaryCategory: 'income',
    categories: ['income'],
    issueTags,
    urgency: 'high',
    consentStatus: 'given',
    jigyoAttribution: 'tsunagaru-desk',
    disposition: null,
    status: 'received',
  });

  beforeAll(async () => {
    reporting = await startReporting();
    const events: PublishedEvent[] = [...registryDemoEvents()];
    const at = (minutes: number) => ({ time: new Date(Date.now() - 60 * 60_000 + minutes * 60_000).toISOString() });
    // 1. Protected from the start: the event carries no district.
    const fromStart = uuidv7();
    events.push(cloudEvent(HouseholdRegistered, fromStart, household(fromStart, { districtWithheld: true }), at(1)));
    const c1 = consultation(fromStart, ['dv']);
    events.push(cloudEvent(ConsultationReceived, c1.consultationId, c1, at(2)));
    // 2. Registered in 築地, protected later (intake re-publishes the household without its district); the consultation
    //    arrives before the household's events, as the relay may publish them (ADR 0016).
    const later = uuidv7();
    const c2 = consultation(later, ['dv', 'financial-hardship']);
    events.push(cloudEvent(ConsultationReceived, c2.consultationId, c2, at(3)));
    events.push(cloudEvent(HouseholdRegistered, later, household(later, { districtId: tsukiji }), at(1)));
    events.push(cloudEvent(HouseholdUpdated, later, household(later, { districtWithheld: true }), at(4)));
    // 3. An ordinary household in 花園.
    const ordinary = uuidv7();
    events.push(cloudEvent(HouseholdRegistered, ordinary, household(ordinary, { districtId: hanazono }), at(1)));
    const c3 = consultation(ordinary, ['financial-hardship']);
    events.push(cloudEvent(ConsultationReceived, c3.consultationId, c3, at(2)));
    // 4. No district known at all (not protected): stays in the row without a district.
    const unknown = uuidv7();
    events.push(cloudEvent(HouseholdRegistered, unknown, household(unknown), at(1)));
    const c4 = consultation(unknown, ['financial-hardship']);
    events.push(cloudEvent(ConsultationReceived, c4.consultationId, c4, at(2)));
    // Outreach and matching publish a protected person's target and menu gap with districtWithheld and no district.
    const today = todayInJapan();
    const target = (districtId: string | null, districtWithheld: boolean): OutreachTargetRegisteredData => ({
      targetId: uuidv7(),
      districtId,
      districtWithheld,
      assignedOrganizationId: DEMO_ORGANIZATIONS.socialWelfareCouncil.id,
      riskLevel: 'high',
      occurredOn: today,
      fiscalYear,
      identity: 'person',
      personId: uuidv7(),
      householdId: null,
      discoveryRoute: 'welfare-commissioner',
      reasonTags: ['dv'],
      stage: 'not-contacted',
      meetingIds: [],
    });
    for (const data of [target(null, true), target(hanazono, false)]) events.push(cloudEvent(OutreachTargetRegistered, data.targetId, data));
    for (const [districtId, districtWithheld] of [[null, true], [hanazono, false]] as const) {
      const gapId = uuidv7();
      events.push(cloudEvent(MenuGapRecorded, gapId, { gapId, needId: uuidv7(), purposes: ['ibasho'], districtId, districtWithheld, weekdays: ['tu'], timeSlots: ['morning'], failingConstraints: ['district'], recordedOn: today }));
    }
    await reporting.publish(events);
    await reporting.settled();
  });
  afterAll(() => reporting.close());

  it.each(['analyst', 'supervisor', 'admin'])('%s: the internal by-district report counts them in 非公開, never under 築地', async (role) => {
    const token = await reporting.token([role]);
    const reply = await reporting.call(`/reports/consultations?fiscalYear=${fiscalYear}&by=district`, { token });
    expect(reply.status).toBe(200);
    const cells = reply.body.cells as { code: string | null; label: string | null; districtNo: number | null; count: number }[];
    expect(cells.map(({ code, label, count }) => [code, label, count])).toEqual([
      [hanazono, '花園', 1],
      ['undisclosed', '非公開', 2],
      [null, null, 1],
    ]);
    expect(cells.find((cell) => cell.code === 'undisclosed')?.districtNo).toBeNull();
    expect(JSON.stringify(reply.body)).not.toContain(tsukiji);
  });

  it('keeps the 非公開 row in the CSV and suppresses it like any small cell in the published view', async () => {
    const csv = await reporting.call(`/reports/consultations?fiscalYear=${fiscalYear}&by=district&format=csv`);
    const text = csv.raw.toString('utf8');
    expect(text).toMatch(/,district,,undisclosed,非公開,2,0\r\n/);
    expect(text).not.toContain(tsukiji);
    const published = await reporting.call(`/reports/consultations?fiscalYear=${fiscalYear}&by=district&view=published`);
    expect(published.body.cells.find((cell: { code: string }) => cell.code === 'undisclosed')).toMatchObject({ label: '非公開', count: null, suppressed: true });
  });

  it('counts outreach targets and menu gaps of protected people in 非公開 too', async () => {
    const outreach = await reporting.call(`/reports/outreach?fiscalYear=${fiscalYear}`);
    const participation = await reporting.call(`/reports/participation?fiscalYear=${fiscalYear}`);
    const byDistrict = (cells: { measure: string; code: string | null; label: string | null; count: number }[], measure: string) =>
      cells.filter((cell) => cell.measure === measure).map(({ code, label, count }) => [code, label, count]);
    expect(byDistrict(outreach.body.cells, 'targets-registered-by-district')).toEqual([
      [hanazono, '花園', 1],
      ['undisclosed', '非公開', 1],
    ]);
    expect(byDistrict(participation.body.cells, 'menu-gaps-by-district')).toEqual([
      [hanazono, '花園', 1],
      ['undisclosed', '非公開', 1],
    ]);
  });

  it('stores no district for a withheld household, even the one it had before the protection', async () => {
    // Every municipality's rows: system work under row-level security.
    const rows = await asSystem(reporting.orm, `select district_id, district_withheld from "reporting"."consultation" where district_withheld`);
    expect(rows).toEqual([
      { district_id: null, district_withheld: true },
      { district_id: null, district_withheld: true },
    ]);
    const households = await asSystem(reporting.orm, `select count(*)::int as n from "reporting"."household" where district_id = ?`, [tsukiji]);
    expect(households).toEqual([{ n: 0 }]);
  });

  // Last: it adds needs and gaps to the figures above.
  it('drops the district of a need and its menu gaps published before the protection reached matching (need.district-withheld), in either order', async () => {
    const today = todayInJapan();
    const need = (needId: string) =>
      cloudEvent(NeedRegistered, needId, { needId, personId: uuidv7(), caseId: null, purposes: ['ibasho'], homeDistrictId: tsukiji, preferredDistrictIds: [], status: 'matching', registeredOn: today, occurredOn: today });
    const gap = (gapId: string, needId: string) =>
      cloudEvent(MenuGapRecorded, gapId, { gapId, needId, purposes: ['ibasho'], districtId: tsukiji, districtWithheld: false, weekdays: ['tu'], timeSlots: ['morning'], failingConstraints: ['district'], recordedOn: today });
    const withheld = (needId: string) => cloudEvent(NeedDistrictWithheld, needId, { needId, occurredOn: today });
    // As published: the need and its gap, then the withheld district (separate consumers may still reorder them).
    const [first, firstGap] = [uuidv7(), uuidv7()];
    await reporting.publish([need(first), gap(firstGap, first), withheld(first)]);
    await reporting.settled();
    // Delivered the other way round: the withheld district is projected before the need and its gap.
    const [second, secondGap] = [uuidv7(), uuidv7()];
    await reporting.publish([withheld(second)]);
    await reporting.settled();
    await reporting.publish([need(second), gap(secondGap, second)]);
    await reporting.settled();

    const participation = await reporting.call(`/reports/participation?fiscalYear=${fiscalYear}`);
    const gapsByDistrict = (participation.body.cells as { measure: string; code: string | null; count: number }[]).filter((cell) => cell.measure === 'menu-gaps-by-district');
    expect(gapsByDistrict.map(({ code, count }) => [code, count])).toEqual([
      [hanazono, 1],
      ['undisclosed', 3],
    ]);
    expect(JSON.stringify(participation.body)).not.toContain(tsukiji);
    for (const [needId, gapId] of [
      [first, firstGap],
      [second, secondGap],
    ]) {
      // The need's own event filled the placeholder in (status, purposes) and did not bring the district back.
      expect(await asSystem(reporting.orm, `select district_id, district_withheld, status, purposes from "reporting"."participation_need" where need_id = ?`, [needId])).toEqual([
        { district_id: null, district_withheld: true, status: 'matching', purposes: ['ibasho'] },
      ]);
      expect(await asSystem(reporting.orm, `select district_id, district_withheld from "reporting"."menu_gap" where gap_id = ?`, [gapId])).toEqual([{ district_id: null, district_withheld: true }]);
    }
  });
});
