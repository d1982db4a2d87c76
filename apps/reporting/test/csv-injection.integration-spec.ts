import { parse } from 'csv-parse/sync';
import * as iconv from 'iconv-lite';
import { v7 as uuidv7 } from 'uuid';
import { ConsultationReceived, DistrictRegistered, HouseholdRegistered, type ConsultationEventData } from '@tsunagu/contracts';
import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { fiscalYearOf, todayInJapan } from '@tsunagu/util-japanese-calendar';
import { cloudEvent, registryDemoEvents, startReporting, type PublishedEvent, type ReportingUnderTest } from './reporting-app';

jest.setTimeout(120_000);

/** District names a registry user could type, each of which a spreadsheet would otherwise run as a formula. */
const HOSTILE = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)'];
const fiscalYear = fiscalYearOf(todayInJapan());

function hostileDistricts(): { ids: string[]; events: PublishedEvent[] } {
  const ids = HOSTILE.map(() => uuidv7());
  const events: PublishedEvent[] = [];
  HOSTILE.forEach((shortName, index) => {
    events.push(cloudEvent(DistrictRegistered, ids[index], { districtId: ids[index], sortOrder: 900 + index, isIsland: false, shortName, kana: 'テスト' }));
    // Three consultations each, so the districts show in the published (n ≥ 3) view as well.
    for (let i = 0; i < 3; i += 1) {
      const householdId = uuidv7();
      events.push(cloudEvent(HouseholdRegistered, householdId, { householdId, keyPersonId: null, memberPersonIds: [], districtId: ids[index], careEdgeKinds: [] }));
      const data: ConsultationEventData = {
        consultationId: uuidv7(),
        receptionNo: `R7-${String(index * 10 + i + 1).padStart(6, '0')}`,
        receivingOrganizationId: DEMO_ORGANIZATIONS.socialWelfareCouncil.id,
        fiscalYear,
        personId: null,
        householdId,
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
      events.push(cloudEvent(ConsultationReceived, data.consultationId, data));
    }
  });
  return { ids, events };
}

/** Every cell of a CSV document, header included. */
function cells(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}

describe('reporting: CSV exports carry no live formula (OWASP CSV injection)', () => {
  let reporting: ReportingUnderTest;

  beforeAll(async () => {
    reporting = await startReporting();
    await reporting.publish([...registryDemoEvents(), ...hostileDistricts().events]);
    await reporting.settled();
  });
  afterAll(() => reporting.close());

  const expectNeutralised = (rows: string[][], column: string) => {
    const index = rows[0].indexOf(column);
    expect(index).toBeGreaterThanOrEqual(0);
    const names = rows.slice(1).map((row) => row[index]);
    expect(names).toEqual(expect.arrayContaining(HOSTILE.map((name) => `'${name}`)));
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  };

  it('writes a district named =HYPERLINK(…), +1, -2+3 or @SUM(A1) as text in the mutual-aid export, UTF-8 and CP932 alike', async () => {
    const utf8 = await reporting.call('/reports/mutual-aid?format=csv&includeAll=true&wareki=true');
    expect(utf8.status).toBe(200);
    const text = utf8.raw.subarray(3).toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expectNeutralised(cells(text), '地区名');

    const cp932 = await reporting.call('/reports/mutual-aid?format=csv&encoding=cp932&includeAll=true&wareki=true');
    expect(cp932.status).toBe(200);
    expect(String(cp932.headers['content-type'])).toContain('Shift_JIS');
    const decoded = iconv.decode(cp932.raw, 'cp932');
    expect(decoded).toBe(text);
    expectNeutralised(cells(decoded), '地区名');
  });

  it('does the same in the district breakdown of consultations, internal and published, while counts stay numbers', async () => {
    for (const view of ['internal', 'published']) {
      const reply = await reporting.call(`/reports/consultations?fiscalYear=${fiscalYear}&by=district&view=${view}&format=csv`);
      expect(reply.status).toBe(200);
      const rows = cells(reply.raw.toString('utf8'));
      expectNeutralised(rows, '名称');
      const count = rows[0].indexOf('件数');
      const hostileRows = rows.filter((row) => HOSTILE.some((name) => row.includes(`'${name}`)));
      expect(hostileRows.map((row) => row[count])).toEqual(['3', '3', '3', '3']);
    }
  });
});
