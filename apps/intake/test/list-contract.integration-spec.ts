import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { asSystem, listContractAnswers } from '@tsunagu/platform-testing';
import { startIntake, type IntakeUnderTest } from './intake-app';

/**
 * Contract of intake's lists and searches (issue 14): the exact JSON — key order, types, order of items, totals,
 * masking and withholding — each role gets. Recorded while the lists still hydrated entities; the plain-row reads
 * must answer byte for byte the same, for every role (the desk model and DV masking apply before and after).
 * Demo ids are fixed; any other id is replaced by a numbered placeholder in order of appearance. Creation times are
 * set apart in id order after loading, so the default orders (-createdAt, then id) are the same on every run.
 */
function normalised(text: string): string {
  const seen = new Map<string, string>();
  return text.replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    (value) => {
      if (
        Object.values(DEMO_ORGANIZATIONS).some(
          (organization) => organization.id === value,
        )
      )
        return value;
      if (!seen.has(value)) seen.set(value, `<id:${seen.size + 1}>`);
      return seen.get(value) as string;
    },
  );
}

/** Roles whose view of the lists differs: city-wide (with the DV address), the city desk with and without it, a contracted desk, its system. */
const ROLES = [
  'supervisor',
  'admin',
  'city-caseworker',
  'desk-caseworker',
  'desk-system',
] as const;
type RoleName = (typeof ROLES)[number];

describe('intake: list and search responses keep their contract', () => {
  let intake: IntakeUnderTest;
  const tokens = {} as Record<RoleName, string>;
  let district: string;
  let household: string;
  let person: string;


  beforeAll(async () => {
    intake = await startIntake();
    await intake.loadDemo();
    const desk = DEMO_ORGANIZATIONS.communityCareCentre.id;
    tokens.supervisor = await intake.token({
      subject: 'contract-sv',
      roles: ['supervisor'],
    });
    tokens.admin = await intake.token({
      subject: 'contract-ad',
      roles: ['admin'],
    });
    tokens['city-caseworker'] = await intake.token({
      subject: 'caseworker',
      roles: ['caseworker'],
    });
    tokens['desk-caseworker'] = await intake.token({
      subject: 'contract-cw',
      roles: ['caseworker'],
      agency: desk,
    });
    tokens['desk-system'] = await intake.agencyToken(desk);
    // A person of the desk's own, registered by it, with a consultation received there.
    const own = await intake.call('POST', '/persons', {
      token: tokens['desk-caseworker'],
      body: {
        familyName: '香西',
        givenName: '次郎',
        familyNameKana: 'コウザイ',
        givenNameKana: 'ジロウ',
        birthDate: '1948-03-03',
        phones: [{ type: 'mobile', number: '0120-000-909' }],
        confirmNotDuplicate: true,
      },
    });
    expect(own.status).toBe(201);
    // The 瀬戸家 mother lives under DV address protection: her address, and her household's district, are masked for most roles.
    const [mother] = await asSystem<{ id: string; district_id: string }>(
      intake.orm,
      `select id, district_id from "intake"."person" where given_name = '美咲'`,
    );
    await asSystem(
      intake.orm,
      `update "intake"."person" set dv_address_protection = true where id = ?`,
      [mother.id],
    );
    person = mother.id;
    district = mother.district_id;
    household = (
      await asSystem<{ id: string }>(
        intake.orm,
        `select id from "intake"."household" where label = '瀬戸家'`,
      )
    )[0].id;
    for (const table of [
      'person',
      'household',
      'consultation',
      'referral',
      'multi_agency_case',
    ]) {
      // System work: under row-level security a statement without the tenant setting updates nothing (ADR 0012).
      await asSystem(
        intake.orm,
        `update "intake"."${table}" t set created_at = timestamptz '2026-04-01T00:00:00Z' + n.n * interval '1 second', updated_at = timestamptz '2026-04-01T00:00:00Z' + n.n * interval '1 second' + interval '1 day'
         from (select id, row_number() over (order by id) as n from "intake"."${table}") n where n.id = t.id`,
      );
    }
  });
  afterAll(() => intake.close());

  const paths = () => [
    '/persons',
    '/persons?perPage=3&page=2&sort=familyNameKana',
    '/persons?sort=-birthDate&perPage=100',
    `/persons?q=${encodeURIComponent('せと')}`,
    `/persons?q=${encodeURIComponent('ｻﾇｷ ｹﾝﾀ')}`,
    `/persons?q=${encodeURIComponent('讃岐')}&perPage=2`,
    `/persons?districtId=${district}`,
    '/persons?identityLevel=confirmed',
    '/persons?birthDate=1940-06-12',
    `/persons?ids=${person}`,
    '/persons?page=999',
    '/persons/duplicate-candidates?phone=0120-000-101',
    '/persons/duplicate-candidates?phone=0120-000-909',
    `/persons/duplicate-candidates?familyNameKana=${encodeURIComponent('ｻﾇｷ')}&givenNameKana=${encodeURIComponent('いちろう')}&birthDate=1940-06-12`,
    '/households',
    '/households?sort=label&perPage=2&page=2',
    `/households?districtId=${district}`,
    `/households?personId=${person}`,
    `/households?q=${encodeURIComponent('讃岐')}`,
    '/consultations',
    '/consultations?sort=urgency&perPage=2',
    `/consultations?householdId=${household}`,
    '/consultations?issueTag=dementia',
    '/consultations?status=closed',
    `/consultations?receivingOrganizationId=${DEMO_ORGANIZATIONS.communityCareCentre.id}`,
    '/referrals',
    '/referrals?overdue=true',
    '/referrals?overdue=false&sort=status',
    '/referrals?incoming=true',
    `/referrals?personId=${person}`,
    '/cases',
    '/cases?mine=true',
    '/cases?mine=false',
    `/cases?organizationId=${DEMO_ORGANIZATIONS.communityCareCentre.id}`,
    '/cases?sort=caseNo&perPage=1&page=1',
  ];

  it.each(ROLES)('as %s, answers the console\'s person search (count=false) with the same people page by page, hasNext instead of total', async (role) => {
    const call = async (path: string) => (await intake.call('GET', path, { token: tokens[role] })).body;
    for (const path of ['/persons?perPage=3&sort=familyNameKana', `/persons?q=${encodeURIComponent('さぬき')}&perPage=2&sort=familyNameKana`, '/persons?perPage=4']) {
      const counted = await call(path);
      const pages = Math.max(1, Math.ceil(counted.total / counted.perPage));
      for (let page = 1; page <= pages; page += 1) {
        const expected = await call(`${path}&page=${page}`);
        const uncounted = await call(`${path}&page=${page}&count=false`);
        expect(uncounted.items).toEqual(expected.items);
        expect(uncounted).toMatchObject({ page, hasNext: page < pages });
        if (page === pages) expect(uncounted.total).toBe(counted.total);
        else expect(uncounted).not.toHaveProperty('total');
      }
    }
  });

  it.each(ROLES)('as %s, walks the people with keyset paging (after) in id order, each one exactly once', async (role) => {
    const call = async (path: string) => (await intake.call('GET', path, { token: tokens[role] })).body;
    const all = await call('/persons?sort=id&perPage=100');
    const walked: unknown[] = [];
    let next = '';
    for (let guard = 0; guard < 100; guard += 1) {
      const page = await call(`/persons?after=${next}&perPage=3`);
      walked.push(...page.items);
      if (!page.hasNext) break;
      next = page.next;
    }
    expect(walked).toEqual(all.items);
  });

  it.each(ROLES)('as %s', async (role) => {
    expect(await listContractAnswers((path) => intake.call('GET', path, { token: tokens[role] }), paths(), normalised)).toMatchSnapshot();
  });
});
