import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { asSystem, listContractAnswers } from '@tsunagu/platform-testing';
import { startMatching, type MatchingUnderTest } from './matching-app';

/**
 * Contract of matching's need, match and host lists (issue 14): the exact JSON — key order, types, order of items,
 * totals and DV masking — each role gets. Recorded while the lists still hydrated entities; the plain-row reads must
 * answer byte for byte the same. Demo ids and dates are fixed; creation times are set apart in id order after loading.
 */
const ROLES = [
  'supervisor',
  'admin',
  'coordinator',
  'participation-worker',
  'demo-participation-worker',
  'host-system',
  'desk-caseworker',
] as const;
type RoleName = (typeof ROLES)[number];

describe('matching: list responses keep their contract', () => {
  let matching: MatchingUnderTest;
  const tokens = {} as Record<RoleName, string>;
  let district: string;
  let host: string;


  beforeAll(async () => {
    matching = await startMatching();
    await matching.loadDemo();
    // The host organisation of the demo's first match (a 地区社協), whose system sees the matches it hosts.
    const [match] = await asSystem<{
      host_organization_id: string;
      need_id: string;
    }>(
      matching.orm,
      `select host_organization_id, need_id from "matching"."match" order by id limit 1`,
    );
    host = match.host_organization_id;
    tokens.supervisor = await matching.token({
      subject: 'contract-sv',
      roles: ['supervisor'],
    });
    tokens.admin = await matching.token({
      subject: 'contract-ad',
      roles: ['admin'],
    });
    tokens.coordinator = await matching.token({
      subject: 'contract-co',
      roles: ['coordinator'],
    });
    tokens['participation-worker'] = await matching.token({
      subject: 'contract-pw',
      roles: ['participation-worker'],
    });
    tokens['demo-participation-worker'] = await matching.token({
      subject: 'participation',
      roles: ['participation-worker'],
    });
    tokens['host-system'] = await matching.agencyToken(host);
    tokens['desk-caseworker'] = await matching.token({
      subject: 'contract-cw',
      roles: ['caseworker'],
      agency: DEMO_ORGANIZATIONS.socialWelfareCouncil.id,
    });
    // The need of that match belongs to a person under DV address protection (matching's copy marks it).
    const [need] = await asSystem<{ home_district_id: string }>(
      matching.orm,
      `update "matching"."participation_need" set address_protected = true where id = ? returning home_district_id`,
      [match.need_id],
    );
    district = need.home_district_id;
    for (const table of ['participation_need', 'match', 'host']) {
      // System work: under row-level security a statement without the tenant setting updates nothing (ADR 0012).
      await asSystem(
        matching.orm,
        `update "matching"."${table}" t set created_at = timestamptz '2026-04-01T00:00:00Z' + n.n * interval '1 second', updated_at = timestamptz '2026-04-01T00:00:00Z' + n.n * interval '1 second' + interval '1 day'
         from (select id, row_number() over (order by id) as n from "matching"."${table}") n where n.id = t.id`,
      );
    }
  });
  afterAll(() => matching.close());

  const paths = () => [
    '/needs',
    '/needs?sort=createdAt&perPage=1&page=2',
    `/needs?homeDistrictId=${district}`,
    '/needs?status=matching',
    '/needs?page=999',
    '/matches',
    '/matches?sort=-startedOn&perPage=1',
    `/matches?hostOrganizationId=${host}`,
    '/matches?followUpOverdue=true',
    '/hosts',
    '/hosts?sort=-registeredOn&perPage=2&page=2',
    `/hosts?organizationId=${host}`,
    `/hosts?q=${encodeURIComponent('社')}`,
  ];

  it.each(ROLES)('as %s', async (role) => {
    expect(await listContractAnswers((path) => matching.call('GET', path, { token: tokens[role] }), paths())).toMatchSnapshot();
  });
});
