import { v7 as uuidv7 } from 'uuid';
import {
  FollowUpRecorded,
  HostRegistered,
  MatchEnded,
  MatchProposed,
  MatchStarted,
  MatchSettled,
  MenuGapRecorded,
  NeedRegistered,
  NeedStatusChanged,
  OutreachContactLogged,
  OutreachInactivityAlertCleared,
  OutreachInactivityAlertRaised,
  OutreachStageChanged,
  OutreachTargetClosed,
  OutreachTargetHandedOver,
  OutreachTargetRegistered,
  OutreachTargetUpdated,
  type MatchEventData,
  type NeedEventData,
  type OutreachContactLoggedData,
  type OutreachTargetRef,
  type OutreachTargetRegisteredData,
} from '@tsunagu/contracts';
import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { fiscalYearOf, fiscalYearRange, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { cloudEvent, demoDistrictId, presentationTable, registryDemoEvents, startReporting, type PublishedEvent, type ReportingUnderTest } from './reporting-app';

jest.setTimeout(120_000);

const today = todayInJapan();
const fiscalYear = fiscalYearOf(today);
const lastYearDay = fiscalYearRange(fiscalYear - 1).start;
const centre = DEMO_ORGANIZATIONS.communityCareCentre.id;

/**
 * アウトリーチ: A (女木, found by the 民生委員) is met after one absence, connected and handed over, with an
 * inactivity alert raised and cleared on the way; B (香南, a neighbour's report) never answers and closes on
 * 転出; C was found last 年度 and is only visited this one. Events are delivered with the later ones first.
 */
function outreachEvents(): PublishedEvent[] {
  const target = (districtName: string, occurredOn = today): OutreachTargetRef => ({
    targetId: uuidv7(),
    districtId: demoDistrictId(districtName),
    assignedOrganizationId: centre,
    riskLevel: 'high',
    occurredOn,
    fiscalYear: fiscalYearOf(occurredOn),
  });
  const registered = (ref: OutreachTargetRef, route: OutreachTargetRegisteredData['discoveryRoute']): OutreachTargetRegisteredData => ({
    ...ref,
    identity: 'location-only',
    personId: null,
    householdId: null,
    discoveryRoute: route,
    reasonTags: [],
    stage: 'not-contacted',
    meetingIds: [],
  });
  const contact = (ref: OutreachTargetRef, result: OutreachContactLoggedData['result'], stage: OutreachContactLoggedData['stage']): OutreachContactLoggedData => ({
    ...ref,
    occurredOn: today,
    fiscalYear,
    contactId: uuidv7(),
    method: 'visit',
    result,
    successful: result === 'met' || result === 'brief-talk',
    observations: ['mail-piling-up'],
    legalBasis: 'own-duty',
    stage,
  });
  const a = target('女木');
  const b = target('香南');
  const c = target('香南', lastYearDay);
  const alert = {
    ...a,
    alertId: uuidv7(),
    thresholdDays: 30,
    lastSuccessfulContactOn: null,
    clearedByContactId: null,
  };
  const met = contact(a, 'met', 'contacted');
  // In the order they happened (one second apart), then delivered latest first: the projection must not depend on arrival order.
  const happened = [
    cloudEvent(OutreachTargetRegistered, a.targetId, registered(a, 'welfare-commissioner')),
    cloudEvent(OutreachContactLogged, a.targetId, contact(a, 'absent', 'attempting')),
    cloudEvent(OutreachInactivityAlertRaised, a.targetId, alert),
    cloudEvent(OutreachContactLogged, a.targetId, met),
    cloudEvent(OutreachInactivityAlertCleared, a.targetId, {
      ...alert,
      clearedByContactId: met.contactId,
    }),
    cloudEvent(OutreachStageChanged, a.targetId, {
      ...a,
      fromStage: 'building-relationship',
      toStage: 'connected',
      newlyConnected: true,
    }),
    cloudEvent(OutreachTargetHandedOver, a.targetId, {
      ...a,
      handoverId: uuidv7(),
      to: 'consultation',
      personId: uuidv7(),
      householdId: null,
      toOrganizationId: centre,
      recordId: uuidv7(),
      reasonTags: [],
    }),
    cloudEvent(OutreachTargetRegistered, b.targetId, registered(b, 'resident')),
    cloudEvent(OutreachContactLogged, b.targetId, contact(b, 'no-response', 'attempting')),
    cloudEvent(OutreachTargetUpdated, b.targetId, { ...registered(b, 'resident'), riskLevel: 'medium', stage: 'attempting' }),
    cloudEvent(OutreachTargetClosed, b.targetId, {
      ...b,
      fromStage: 'attempting',
      closeReason: 'moved-out',
    }),
    cloudEvent(OutreachContactLogged, c.targetId, contact(c, 'brief-talk', 'contacted')),
  ];
  const start = Date.now() - happened.length * 1000;
  const timed = happened.map((published, index) => ({
    ...published,
    event: {
      ...published.event,
      time: new Date(start + index * 1000).toISOString(),
    },
  }));
  return [...timed.reverse(), cloudEvent(OutreachTargetRegistered, c.targetId, registered(c, 'welfare-commissioner'), { time: `${lastYearDay}T01:00:00.000Z` })];
}

/**
 * 参加支援: a withdrawn young adult (need 1: 役割・ボランティア) starts and settles at a café host; an isolated elder
 * (need 2: 居場所) is proposed two places — one ends (合わなかった), one starts; need 3 finds nothing (menu gap).
 */
function participationEvents(): PublishedEvent[] {
  const host = {
    hostId: uuidv7(),
    organizationId: uuidv7(),
    hostTypes: ['community-group' as const],
    accepts: ['role-volunteer' as const, 'ibasho' as const],
    agreementStatus: 'signed' as const,
    districtIds: [demoDistrictId('香南')],
    registeredOn: today,
    occurredOn: today,
  };
  const need = (purposes: NeedEventData['purposes']): NeedEventData => ({
    needId: uuidv7(),
    personId: uuidv7(),
    caseId: null,
    purposes,
    homeDistrictId: demoDistrictId('香南'),
    preferredDistrictIds: [],
    status: 'matching',
    registeredOn: today,
    occurredOn: today,
  });
  const young = need(['role-volunteer']);
  const elder = need(['ibasho']);
  const unmet = need(['employment']);
  const match = (of: NeedEventData, purpose: MatchEventData['purpose']): MatchEventData => ({
    matchId: uuidv7(),
    needId: of.needId,
    personId: of.personId,
    opportunityId: uuidv7(),
    source: 'host-menu',
    resourceId: null,
    hostId: host.hostId,
    hostOrganizationId: host.organizationId,
    purpose,
    districtId: demoDistrictId('香南'),
    homeDistrictId: of.homeDistrictId,
    status: 'proposed',
    endReason: null,
    proposedOn: today,
    startedOn: null,
    settledOn: null,
    endedOn: null,
    occurredOn: today,
  });
  const cafe = match(young, 'role-volunteer');
  const salonA = match(elder, 'ibasho');
  const salonB = match(elder, 'ibasho');
  return [
    cloudEvent(HostRegistered, host.hostId, host),
    cloudEvent(NeedRegistered, young.needId, young),
    cloudEvent(NeedRegistered, elder.needId, elder),
    cloudEvent(NeedRegistered, unmet.needId, unmet),
    cloudEvent(NeedStatusChanged, young.needId, {
      ...young,
      status: 'participating',
    }),
    cloudEvent(MatchSettled, cafe.matchId, {
      ...cafe,
      status: 'settled',
      startedOn: today,
      settledOn: today,
    }),
    cloudEvent(MatchStarted, cafe.matchId, {
      ...cafe,
      status: 'participating',
      startedOn: today,
    }),
    cloudEvent(MatchProposed, cafe.matchId, cafe),
    cloudEvent(MatchProposed, salonA.matchId, salonA),
    cloudEvent(MatchEnded, salonA.matchId, {
      ...salonA,
      status: 'ended',
      endReason: 'mismatch',
      endedOn: today,
    }),
    cloudEvent(MatchProposed, salonB.matchId, salonB),
    cloudEvent(MatchStarted, salonB.matchId, {
      ...salonB,
      status: 'participating',
      startedOn: today,
    }),
    cloudEvent(FollowUpRecorded, cafe.matchId, {
      followUpId: uuidv7(),
      matchId: cafe.matchId,
      needId: young.needId,
      personId: young.personId,
      hostOrganizationId: host.organizationId,
      side: 'host',
      method: 'visit',
      heldOn: today,
      nextDueOn: null,
      districtId: demoDistrictId('香南'),
    }),
    cloudEvent(MenuGapRecorded, unmet.needId, {
      gapId: uuidv7(),
      needId: unmet.needId,
      purposes: ['employment'],
      districtId: demoDistrictId('香南'),
      weekdays: ['tu'],
      timeSlots: ['morning'],
      failingConstraints: ['purpose', 'schedule'],
      recordedOn: today,
    }),
  ];
}

/** The municipality's own number of a district (its order in the presentation table). */
function districtNo(districtId: string): number {
  return presentationTable().findIndex((row) => demoDistrictId(row.short_name) === districtId);
}

type Cell = {
  measure: string;
  code: string | null;
  label: string | null;
  count: number | null;
  suppressed: boolean;
};
const count = (cells: Cell[], measure: string, code: string | null = null) => cells.find((cell) => cell.measure === measure && cell.code === code)?.count;

describe('アウトリーチ and 参加支援 projections and reports', () => {
  let reporting: ReportingUnderTest;

  beforeAll(async () => {
    reporting = await startReporting();
    await reporting.publish([...registryDemoEvents(), ...outreachEvents(), ...participationEvents()]);
    await reporting.settled();
  });
  afterAll(() => reporting.close());

  it('counts outreach per 年度: targets found by route and district, contacts, newly connected, hand-overs, closures, alerts', async () => {
    const reply = await reporting.call(`/reports/outreach?fiscalYear=${fiscalYear}`);
    expect(reply.status).toBe(200);
    const cells = reply.body.cells as Cell[];
    expect(count(cells, 'targets-registered', 'welfare-commissioner')).toBe(1);
    expect(count(cells, 'targets-registered', 'resident')).toBe(1);
    const byDistrict = cells.filter((cell) => cell.measure === 'targets-registered-by-district');
    expect(new Map(byDistrict.map((cell) => [cell.label, cell.count]))).toEqual(
      new Map([
        ['香南', 1],
        ['女木', 1],
      ]),
    );
    expect(byDistrict.map((cell) => cell.code)).toEqual([demoDistrictId('香南'), demoDistrictId('女木')].sort((x, y) => districtNo(x) - districtNo(y)));
    expect(count(cells, 'targets-registered-by-stage', 'connected')).toBe(1);
    expect(count(cells, 'targets-registered-by-stage', 'closed')).toBe(1);
    expect(count(cells, 'contacts', 'absent')).toBe(1);
    expect(count(cells, 'contacts', 'met')).toBe(1);
    expect(count(cells, 'contacts', 'no-response')).toBe(1);
    expect(count(cells, 'contacts', 'brief-talk')).toBe(1);
    expect(count(cells, 'contacts-by-method', 'visit')).toBe(4);
    expect(count(cells, 'targets-contacted')).toBe(3);
    expect(count(cells, 'targets-contacted-successfully')).toBe(2);
    expect(count(cells, 'targets-newly-connected')).toBe(1);
    expect(count(cells, 'targets-handed-over')).toBe(1);
    expect(count(cells, 'targets-closed', 'moved-out')).toBe(1);
    expect(count(cells, 'inactivity-alerts')).toBe(1);
  });

  it('keeps last 年度 apart', async () => {
    const reply = await reporting.call(`/reports/outreach?fiscalYear=${fiscalYear - 1}`);
    const cells = reply.body.cells as Cell[];
    expect(count(cells, 'targets-registered', 'welfare-commissioner')).toBe(1);
    expect(count(cells, 'contacts', 'brief-talk')).toBe(0);
  });

  it('counts participation support per 年度: persons, hosts, matches and outcomes, follow-ups, menu gaps', async () => {
    const reply = await reporting.call(`/reports/participation?fiscalYear=${fiscalYear}`);
    expect(reply.status).toBe(200);
    const cells = reply.body.cells as Cell[];
    expect(count(cells, 'needs-registered', 'role-volunteer')).toBe(1);
    expect(count(cells, 'needs-registered', 'ibasho')).toBe(1);
    expect(count(cells, 'persons-supported')).toBe(3);
    expect(count(cells, 'cooperating-hosts')).toBe(1);
    expect(count(cells, 'matches-proposed', 'ibasho')).toBe(2);
    expect(count(cells, 'matches-started', 'role-volunteer')).toBe(1);
    expect(count(cells, 'matches-started', 'ibasho')).toBe(1);
    expect(count(cells, 'matches-settled')).toBe(1);
    expect(count(cells, 'matches-ended', 'mismatch')).toBe(1);
    expect(count(cells, 'follow-ups', 'host')).toBe(1);
    expect(count(cells, 'menu-gaps', 'purpose')).toBe(1);
    expect(count(cells, 'menu-gaps', 'schedule')).toBe(1);
    expect(cells.filter((cell) => cell.measure === 'menu-gaps-by-district').map((cell) => [cell.label, cell.count])).toEqual([['香南', 1]]);
  });

  it('blanks small counts in the published view and exports tidy CSV', async () => {
    const published = await reporting.call(`/reports/participation?fiscalYear=${fiscalYear}&view=published`);
    const cells = published.body.cells as Cell[];
    expect(cells.find((cell) => cell.measure === 'matches-proposed' && cell.code === 'ibasho')).toMatchObject({ count: null, suppressed: true });
    expect(count(cells, 'persons-supported')).toBe(3);
    const csv = await reporting.call(`/reports/outreach?fiscalYear=${fiscalYear}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.raw
      .toString('utf-8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('年度,集計項目,集計項目名,コード,名称,件数,秘匿');
    expect(lines).toContain(`${fiscalYear},targets-newly-connected,新たに相談・支援につながった人数,,,1,0`);
  });

  it('gives the indicators their actuals from the same figures', async () => {
    const admin = await reporting.token(['admin']);
    for (const measure of [
      'outreach-targets-newly-connected',
      'outreach-contacts',
      'participation-persons-supported',
      'participation-matches-started',
      'participation-matches-settled',
    ]) {
      const created = await reporting.call('/indicators', { method: 'POST', token: admin, body: { code: measure, name: measure, measure, unit: '件' } });
      expect(created.status).toBe(201);
    }
    const reply = await reporting.call(`/reports/indicators?fiscalYear=${fiscalYear}`);
    expect(Object.fromEntries(reply.body.results.map((result: { code: string; actual: number }) => [result.code, result.actual]))).toEqual({
      'outreach-targets-newly-connected': 1,
      'outreach-contacts': 4,
      'participation-persons-supported': 3,
      'participation-matches-started': 2,
      'participation-matches-settled': 1,
    });
  });

  it('refuses a report without a 年度, naming the field', async () => {
    const reply = await reporting.call('/reports/participation');
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('fiscalYear');
  });
});
