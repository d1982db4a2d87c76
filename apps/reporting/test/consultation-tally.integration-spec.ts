import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import {
  ConsultationCancelled,
  ConsultationReceived,
  ConsultationUpdated,
  HouseholdRegistered,
  HouseholdUpdated,
  JIGYO_ATTRIBUTIONS,
  type ConsultationEventData,
  type HouseholdEventData,
} from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS, OTHER_MUNICIPALITY } from '@tsunagu/demo-data';
import { TenantContext } from '@tsunagu/platform-context';
import { SYSTEM_SESSION_OPTIONS } from '@tsunagu/platform-persistence';
import { personPseudonym, TEST_PSEUDONYM_KEY } from '@tsunagu/util-pseudonym';
import { consultationTallyBackfillSql, consultationTallyDdl } from '../src/projections/projection-schema';
import { rebuildProjections } from '../src/projections/rebuild';
import { JigyoQueries, type MonthCount } from '../src/reports/jigyo/jigyo-queries';
import { cloudEvent, demoDistrictId, registryDemoEvents, startReporting, type PublishedEvent, type ReportingUnderTest } from './reporting-app';

jest.setTimeout(240_000);

/** 令和7年度: over, so every month is complete. */
const FISCAL_YEAR = 2025;
const TALLIES = ['consultation_tally', 'consultation_pseudonym_month', 'consultation_headcount'];
const DESKS = [DEMO_ORGANIZATIONS.socialWelfareCouncil.id, DEMO_ORGANIZATIONS.communityCareCentre.id];

/** A small deterministic generator (the same events on every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * The per-事業 report's consultation counts as they were computed before the tallies (the SQL of JigyoQueries.comprehensive
 * until ADR 0017): straight from every consultation row. The tallies must give exactly these rows.
 */
const COUNTED_FROM_CONSULTATIONS = `with days as (
    select received_on, coalesce(jigyo_attribution, 'unattributed') as field,
      case when district_withheld then 'undisclosed' else coalesce(district_id::text, 'none') end as district,
      receiving_organization_id, count(*) as n, count(*) filter (where pseudonym is null) as unidentified
    from reporting.consultation where municipality = $1 and fiscal_year = $2 and received_on is not null and not cancelled group by 1, 2, 3, 4)
  select 'consultations' as measure, field as code, to_char(received_on, 'YYYY-MM') as month, sum(n) as count from days group by 2, 3
  union all select 'consultations-by-district', district, to_char(received_on, 'YYYY-MM'), sum(n) from days group by 2, 3
  union all select 'consultations-by-organization', receiving_organization_id::text, to_char(received_on, 'YYYY-MM'), sum(n) from days group by 2, 3
  union all select 'unidentified', null, to_char(received_on, 'YYYY-MM'), sum(unidentified) from days group by 3
  union all select 'persons', field, month, count(distinct pseudonym) from (
      select coalesce(jigyo_attribution, 'unattributed') as field, to_char(date_trunc('month', received_on), 'YYYY-MM') as month, pseudonym
      from reporting.consultation where municipality = $1 and fiscal_year = $2 and received_on is not null and not cancelled and pseudonym is not null) p
    group by grouping sets ((field, month), (field), (month), ())`;

const sorted = (counts: readonly MonthCount[]) => counts.map((count) => JSON.stringify([count.measure, count.code, count.month, count.count])).sort();

/**
 * A 年度 of consultations as intake publishes them, delivered out of order: households registered after their
 * consultations, a household's district changed and then withheld (DV protection) after its consultations were
 * counted, consultations moved to another 事業 field or another month, cancelled, re-sent, naming nobody; the same
 * people across months and fields; another municipality's consultations with the same person ids.
 */
function generateYear(municipality: string, seed: number): PublishedEvent[] {
  const next = random(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)];
  const persons = Array.from({ length: 40 }, (_, i) => `0193a000-0000-7000-8000-${String(i).padStart(12, '0')}`);
  const districts = ['花園', '築地', '二番丁'].map(demoDistrictId);
  const households = Array.from({ length: 12 }, () => uuidv7());
  const household = (householdId: string, overrides: Partial<HouseholdEventData> = {}): HouseholdEventData => ({
    householdId,
    keyPersonId: null,
    memberPersonIds: [],
    districtId: pick(districts),
    careEdgeKinds: [],
    ...overrides,
  });
  const time = (day: number, hours = 3) => new Date(Date.UTC(FISCAL_YEAR, 3, 1) + day * 86_400_000 + hours * 3_600_000).toISOString();
  const early: PublishedEvent[] = [];
  const late: PublishedEvent[] = [];
  households.forEach((householdId, i) => (i < 8 ? early : late).push(cloudEvent(HouseholdRegistered, householdId, household(householdId), { municipality, time: time(0) })));
  for (let i = 0; i < 240; i += 1) {
    const personId = next() < 0.85 ? pick(persons) : null;
    const day = Math.floor(next() * 365);
    const data: ConsultationEventData = {
      consultationId: uuidv7(),
      receptionNo: `R7-001-${String(i + 1).padStart(6, '0')}`,
      receivingOrganizationId: pick(DESKS),
      fiscalYear: FISCAL_YEAR,
      receivedAt: time(day),
      personId,
      personPseudonym: personId ? personPseudonym(TEST_PSEUDONYM_KEY, municipality, personId) : null,
      householdId: next() < 0.7 ? pick(households) : null,
      route: 'phone',
      primaryCategory: 'income',
      categories: ['income'],
      issueTags: [],
      urgency: 'medium',
      consentStatus: 'given',
      jigyoAttribution: pick(JIGYO_ATTRIBUTIONS),
      disposition: null,
      status: 'received',
    };
    const received = cloudEvent(ConsultationReceived, data.consultationId, data, { municipality, time: time(day, 4) });
    const fate = next();
    if (fate < 0.08) {
      // Cancelled; half of the cancellations delivered before the reception.
      const cancelled = cloudEvent(ConsultationCancelled, data.consultationId, { ...data, status: 'cancelled' }, { municipality, time: time(day, 5) });
      (i % 2 ? early : late).push(...(i % 2 ? [cancelled, received] : [received, cancelled]));
    } else if (fate < 0.2) {
      // Edited later: another field, another person or none, the receipt moved to another month; sometimes delivered first.
      const updated = cloudEvent(
        ConsultationUpdated,
        data.consultationId,
        { ...data, status: 'handling', jigyoAttribution: pick(JIGYO_ATTRIBUTIONS), receivedAt: time(Math.min(364, day + 35)), ...(next() < 0.5 ? { personId: null, personPseudonym: null } : {}) },
        { municipality, time: time(day + 40) },
      );
      (i % 3 === 0 ? early : late).push(...(i % 3 === 0 ? [updated, received] : [received, updated]));
    } else {
      early.push(received);
    }
  }
  // After the consultations: one household moves district, another comes under DV protection, one is protected and then no longer.
  late.push(cloudEvent(HouseholdUpdated, households[0], household(households[0], { districtId: districts[0] }), { municipality, time: time(300) }));
  late.push(cloudEvent(HouseholdUpdated, households[1], household(households[1], { districtId: null, districtWithheld: true }), { municipality, time: time(301) }));
  late.push(cloudEvent(HouseholdUpdated, households[2], household(households[2], { districtId: null, districtWithheld: true }), { municipality, time: time(302) }));
  late.push(cloudEvent(HouseholdUpdated, households[2], household(households[2], { districtId: districts[1] }), { municipality, time: time(303) }));
  return [...early, ...late];
}

describe('reporting: the per-事業 report counts from tallies kept as consultations change (ADR 0017)', () => {
  let reporting: ReportingUnderTest;
  let system: Client;
  let events: PublishedEvent[];

  const comprehensive = (municipality: string) =>
    TenantContext.runAsSystem(municipality, () => new JigyoQueries(reporting.orm.em.fork()).comprehensive(municipality, FISCAL_YEAR));
  const countedFromConsultations = async (municipality: string): Promise<MonthCount[]> =>
    (await system.query(COUNTED_FROM_CONSULTATIONS, [municipality, FISCAL_YEAR])).rows.map((row: MonthCount & { count: string }) => ({ ...row, count: Number(row.count) }));
  const tallies = async () => {
    const result: Record<string, unknown[]> = {};
    for (const table of TALLIES) result[table] = (await system.query(`select * from "reporting"."${table}" r order by r`)).rows;
    return result;
  };

  beforeAll(async () => {
    reporting = await startReporting();
    // System work: the checks read every municipality's rows under row-level security, and create a scratch schema.
    system = new Client({ connectionString: reporting.database.url, options: SYSTEM_SESSION_OPTIONS });
    await system.connect();
    events = [...registryDemoEvents(), ...generateYear(DEMO_MUNICIPALITY.lgCode, 17), ...generateYear(OTHER_MUNICIPALITY.lgCode, 71)];
    await reporting.publish(events);
    await reporting.settled();
  });
  afterAll(async () => {
    await system?.end();
    await reporting?.close();
  });

  it('gives exactly the counts of every consultation row: 延べ by field, district and desk, and 実人数 as distinct keys', async () => {
    for (const municipality of [DEMO_MUNICIPALITY.lgCode, OTHER_MUNICIPALITY.lgCode]) {
      const expected = await countedFromConsultations(municipality);
      // The generated 年度 reaches every path: persons counted in several months and fields, 非公開 and 地区不明 rows, unidentified receptions.
      expect(expected.filter((count) => count.measure === 'persons' && count.code === null && count.month === null)[0]?.count).toBeGreaterThan(30);
      expect(expected.some((count) => count.measure === 'consultations-by-district' && count.code === 'undisclosed')).toBe(true);
      expect(expected.some((count) => count.measure === 'consultations-by-district' && count.code === 'none')).toBe(true);
      expect(expected.some((count) => count.measure === 'unidentified' && count.count > 0)).toBe(true);
      expect(sorted(await comprehensive(municipality))).toEqual(sorted(expected));
    }
  });

  it('holds the rows a count from scratch gives, none left at zero', async () => {
    await system.query('drop schema if exists tally_check cascade');
    await system.query('create schema tally_check');
    await system.query('create table tally_check.consultation as select * from reporting.consultation');
    for (const statement of [...consultationTallyDdl('tally_check'), ...consultationTallyBackfillSql('tally_check')]) await system.query(statement);
    for (const table of TALLIES) {
      const differences = await system.query(`(select * from reporting.${table} except all select * from tally_check.${table}) union all (select * from tally_check.${table} except all select * from reporting.${table})`);
      expect([table, differences.rows]).toEqual([table, []]);
    }
    await system.query('drop schema tally_check cascade');
  });

  it('rebuilds into the same tallies, and keeps them true for events after the rebuild', async () => {
    const live = await tallies();
    await rebuildProjections({ databaseUrl: reporting.database.url, applicationRole: reporting.database.applicationRole, connection: reporting.connection, stream: 'TSUNAGU_EVENTS' });
    expect(await tallies()).toEqual(live);

    // The swapped-in table's triggers write the swapped-in tallies: a cancellation and a household withheld after the rebuild count.
    const reception = events.find((candidate) => candidate.subject === ConsultationReceived.subject && (candidate.event.data as ConsultationEventData).householdId)?.event.data as ConsultationEventData;
    await reporting.publish([
      cloudEvent(ConsultationCancelled, reception.consultationId, { ...reception, status: 'cancelled' }, { time: new Date().toISOString() }),
      cloudEvent(HouseholdUpdated, reception.householdId as string, { householdId: reception.householdId as string, keyPersonId: null, memberPersonIds: [], districtId: null, districtWithheld: true, careEdgeKinds: [] }),
    ]);
    await reporting.settled();
    expect(await tallies()).not.toEqual(live);
    expect(sorted(await comprehensive(DEMO_MUNICIPALITY.lgCode))).toEqual(sorted(await countedFromConsultations(DEMO_MUNICIPALITY.lgCode)));
  });
});
