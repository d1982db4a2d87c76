import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { asSystem, listContractAnswers } from '@tsunagu/platform-testing';
import { startOutreach, type OutreachUnderTest } from './outreach-app';

/**
 * Contract of outreach's target list and overdue visits (issue 14): the exact JSON — key order, types, order of items,
 * totals and DV masking — each role gets. Recorded while the lists still hydrated entities; the plain-row reads must
 * answer byte for byte the same. The demo data is relative to today: after loading, every date and time is moved so
 * that the load day is 2026-12-01 (times to the start of their day), and the overdue list is asked as of that day.
 */
const ANCHOR = '2026-12-01';
/** The day the demo data was loaded on: it dates rows by the Japan day, so the shift must too (UTC's day differs from 15:00 to 24:00 UTC). */
const JAPAN_TODAY = `(now() at time zone 'Asia/Tokyo')::date`;

const ROLES = [
  'supervisor',
  'admin',
  'city-outreach-worker',
  'demo-outreach-worker',
  'desk-caseworker',
  'desk-system',
] as const;
type RoleName = (typeof ROLES)[number];

describe('outreach: list responses keep their contract', () => {
  let outreach: OutreachUnderTest;
  const tokens = {} as Record<RoleName, string>;
  let district: string;


  beforeAll(async () => {
    outreach = await startOutreach();
    await outreach.loadDemo();
    const desk = DEMO_ORGANIZATIONS.communityCareCentre.id;
    tokens.supervisor = await outreach.token({
      subject: 'contract-sv',
      roles: ['supervisor'],
    });
    tokens.admin = await outreach.token({
      subject: 'contract-ad',
      roles: ['admin'],
    });
    tokens['city-outreach-worker'] = await outreach.token({
      subject: 'contract-ow',
      roles: ['outreach-worker'],
    });
    tokens['demo-outreach-worker'] = await outreach.token({
      subject: 'outreach',
      roles: ['outreach-worker'],
    });
    tokens['desk-caseworker'] = await outreach.token({
      subject: 'contract-cw',
      roles: ['caseworker'],
      agency: desk,
    });
    tokens['desk-system'] = await outreach.agencyToken(desk);
    // Every date and time of the demo rows, moved to the fixed load day (system work under row-level security, ADR 0012).
    const columns = await asSystem<{
      table_name: string;
      column_name: string;
      data_type: string;
    }>(
      outreach.orm,
      `select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'outreach' and table_name in ('outreach_target', 'watch_plan') and data_type in ('date', 'timestamp with time zone')`,
    );
    for (const table of ['outreach_target', 'watch_plan']) {
      const sets = columns
        .filter((column) => column.table_name === table)
        .map((column) =>
          column.data_type === 'date'
            ? `"${column.column_name}" = "${column.column_name}" - (${JAPAN_TODAY} - date '${ANCHOR}')`
            : // Times go to the start of their Japan day too (truncated in UTC, a time after 15:00 UTC fell on the day before).
              `"${column.column_name}" = (date_trunc('day', "${column.column_name}" at time zone 'Asia/Tokyo') - (${JAPAN_TODAY} - date '${ANCHOR}') * interval '1 day') at time zone 'UTC'`,
        );
      await asSystem(
        outreach.orm,
        `update "outreach"."${table}" set ${sets.join(', ')}`,
      );
    }
    // The 仏生山 son's household is under DV address protection in intake (outreach's mirror marks the target).
    const [son] = await asSystem<{ id: string; district_id: string }>(
      outreach.orm,
      `select id, district_id from "outreach"."outreach_target" where district_id is not null order by id limit 1`,
    );
    await asSystem(
      outreach.orm,
      `update "outreach"."outreach_target" set address_protected = true where id = ?`,
      [son.id],
    );
    district = son.district_id;
  });
  afterAll(() => outreach.close());

  const paths = () => [
    '/targets',
    '/targets?sort=riskLevel&perPage=2&page=2',
    '/targets?sort=-lastContactAt&perPage=100',
    `/targets?districtId=${district}`,
    '/targets?mine=true',
    `/targets?assignedOrganizationId=${DEMO_ORGANIZATIONS.communityCareCentre.id}`,
    `/targets?q=${encodeURIComponent('島')}`,
    '/targets?stage=building-relationship',
    '/targets?page=999',
    `/overdue-visits?asOf=${ANCHOR}`,
    `/overdue-visits?asOf=2027-03-01&perPage=2&page=2`,
    `/overdue-visits?asOf=2027-03-01&sort=-nextDueOn`,
    `/overdue-visits?asOf=2027-03-01&districtId=${district}`,
    `/overdue-visits?asOf=2027-03-01&mine=true`,
    `/overdue-visits?asOf=2027-03-01&assignedOrganizationId=${DEMO_ORGANIZATIONS.socialWelfareCouncil.id}`,
  ];

  it.each(ROLES)('as %s', async (role) => {
    expect(await listContractAnswers((path) => outreach.call('GET', path, { token: tokens[role] }), paths())).toMatchSnapshot();
  });
});
