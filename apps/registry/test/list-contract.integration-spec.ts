import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { TenantContext } from '@tsunagu/platform-context';
import { asSystem } from '@tsunagu/platform-testing';
import { SearchResourcesUseCase } from '../src/resources/search-resources.usecase';
import { startRegistry, type RegistryUnderTest } from './registry-app';

/**
 * Contract of the registry's lists and searches (issue 14): the exact JSON — key order, types, order of items,
 * totals — that the console and agencies rely on. Recorded while the lists still hydrated entities; the plain-row
 * reads must answer byte for byte the same. Ids differ per run, so each distinct one is replaced by a numbered
 * placeholder in order of appearance (equal ids stay equal, the order of items stays visible); creation times are
 * set apart in id order after loading, so the default order (-createdAt, then id) is the same on every run.
 */
function normalised(text: string): string {
  const seen = new Map<string, string>();
  const token = (kind: string) => (value: string) => {
    if (!seen.has(value)) seen.set(value, `<${kind}:${seen.size + 1}>`);
    return seen.get(value) as string;
  };
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, token('id'));
}

describe('registry: list and search responses keep their contract', () => {
  let registry: RegistryUnderTest;
  let konan: string;
  let council: string;
  let organization: string;

  const get = async (path: string) => {
    const reply = await registry.call('GET', path);
    expect(reply.status).toBe(200);
    return normalised(reply.text);
  };

  beforeAll(async () => {
    registry = await startRegistry();
    await registry.loadDemo();
    // Demo rows are created within the same few milliseconds; one second apart in id order makes them reproducible.
    for (const table of ['community_resource', 'organization', 'district', 'area_mapping', 'coordinator', 'council', 'council_meeting']) {
      // System work: under row-level security a statement without the tenant setting updates nothing (ADR 0012).
      await asSystem(registry.orm, `update "registry"."${table}" t set created_at = timestamptz '2026-04-01T00:00:00Z' + n.n * interval '1 second', updated_at = timestamptz '2026-04-01T00:00:00Z' + n.n * interval '1 second' + interval '1 day'
         from (select id, row_number() over (order by id) as n from "registry"."${table}") n where n.id = t.id`);
    }
    konan = (await registry.call('GET', `/districts?q=${encodeURIComponent('香南')}`)).body.items[0].id;
    council = (await registry.call('GET', '/councils?perPage=1')).body.items[0].id;
    organization = (await registry.call('GET', `/organizations?q=${encodeURIComponent('香南地区社会福祉協議会')}`)).body.items[0].id;
  });
  afterAll(() => registry.close());

  it.each([
    '/community-resources',
    '/community-resources?category=visit-type-b&perPage=25',
    '/community-resources?perPage=5&page=2&sort=-name',
    '/community-resources?perPage=7&page=3&sort=kana',
    '/community-resources?sort=-lastVerifiedOn&perPage=4',
    '/community-resources?sort=status&perPage=4&page=2',
    '/community-resources?q=%E3%81%BF%E3%81%BE%E3%82%82%E3%82%8A',
    '/community-resources?public=false',
    '/community-resources?status=preparing',
    '/community-resources?activity=weeding&weekday=fr&perPage=100',
    '/community-resources?page=999',
    '/organizations',
    '/organizations?sort=-name&perPage=3&page=2',
    '/organizations?type=district-swc&perPage=100',
    '/districts',
    '/districts?perPage=100&sort=-kana',
    '/area-mappings?perPage=10&page=2',
    '/coordinators',
    '/councils',
    '/councils?sort=-establishedOn&perPage=2',
  ])('GET %s', async (path) => {
    expect(await get(path)).toMatchSnapshot();
  });

  it('GET with the district, council and organisation of the demo data', async () => {
    expect(await get(`/community-resources?district=${konan}`)).toMatchSnapshot();
    expect(await get(`/community-resources?organization=${organization}&sort=name`)).toMatchSnapshot();
    expect(await get(`/organizations?district=${konan}`)).toMatchSnapshot();
    expect(await get(`/area-mappings?district=${konan}`)).toMatchSnapshot();
    expect(await get(`/councils/${council}/meetings`)).toMatchSnapshot();
  });

  it('the matching search (NATS) answers the same items and total', async () => {
    const search = registry.app.get(SearchResourcesUseCase);
    const asDesk = <T>(work: () => Promise<T>) => TenantContext.run({ requestId: 'contract', municipality: DEMO_MUNICIPALITY.lgCode }, work);
    expect(normalised(JSON.stringify(await asDesk(() => search.execute({ municipality: DEMO_MUNICIPALITY.lgCode, limit: 100 }))))).toMatchSnapshot();
    expect(normalised(JSON.stringify(await asDesk(() => search.execute({ municipality: DEMO_MUNICIPALITY.lgCode, districtIds: [konan], weekdays: ['fr'] }))))).toMatchSnapshot();
    expect(normalised(JSON.stringify(await asDesk(() => search.execute({ municipality: DEMO_MUNICIPALITY.lgCode, q: 'ﾐﾏﾓﾘ', limit: 3 }))))).toMatchSnapshot();
  });
});

describe('registry: keyset paging for API clients (after)', () => {
  let registry: RegistryUnderTest;
  beforeAll(async () => {
    registry = await startRegistry();
    await registry.loadDemo();
  });
  afterAll(() => registry.close());

  const walk = async (collection: string, query: string) => {
    const seen: { id: string; name: string }[] = [];
    let after = '';
    for (let pages = 0; pages < 100; pages++) {
      const reply = await registry.call('GET', `/${collection}?${query}&after=${after}`);
      expect(reply.status).toBe(200);
      expect(reply.body).not.toHaveProperty('page');
      expect(reply.body).not.toHaveProperty('total');
      seen.push(...reply.body.items);
      if (!reply.body.hasNext) {
        expect(reply.body).not.toHaveProperty('next');
        return seen;
      }
      after = reply.body.next;
    }
    throw new Error('keyset paging did not end');
  };

  it.each([
    ['community-resources', 'sort=name'],
    ['community-resources', 'sort=-category'],
    ['community-resources', 'sort=-id&category=visit-type-b'],
    ['organizations', 'sort=kana'],
  ])('walks every %s (%s) exactly once, in the page-numbered order', async (collection, query) => {
    const all = (await registry.call('GET', `/${collection}?${query}&perPage=100`)).body;
    expect(all.total).toBeGreaterThan(7);
    const walked = await walk(collection, `${query}&perPage=7`);
    expect(walked).toEqual(all.items);
  });

  it.each(['/community-resources?perPage=7&sort=kana', '/community-resources?category=visit-type-b&perPage=3&sort=-name', '/organizations?perPage=5'])(
    'answers %s with count=false page by page: the same items, hasNext instead of total, the total only on the last page',
    async (path) => {
      const counted = (await registry.call('GET', path)).body;
      const pages = Math.ceil(counted.total / counted.perPage);
      expect(pages).toBeGreaterThan(1);
      for (let page = 1; page <= pages + 1; page += 1) {
        const expected = (await registry.call('GET', `${path}&page=${page}`)).body;
        const uncounted = (await registry.call('GET', `${path}&page=${page}&count=false`)).body;
        expect(uncounted.items).toEqual(expected.items);
        expect(uncounted).toMatchObject({ page, perPage: counted.perPage, hasNext: page < pages });
        // The last page shows how many there are; a page beyond the end (no rows) cannot tell.
        if (page === pages) expect(uncounted.total).toBe(counted.total);
        else expect(uncounted).not.toHaveProperty('total');
      }
    },
  );

  it('counts only when asked, and refuses what it cannot continue (400 naming the field)', async () => {
    const first = await registry.call('GET', '/community-resources?after=&perPage=2&count=true');
    expect(first.body).toMatchObject({ total: 53, perPage: 2, hasNext: true });
    expect(first.body.items).toHaveLength(2);
    const expectField = async (path: string, field: string) => {
      const reply = await registry.call('GET', path);
      expect(reply.status).toBe(400);
      expect(String(reply.headers['content-type'])).toContain('application/problem+json');
      expect(Object.keys(reply.body.errors)).toEqual([field]);
    };
    await expectField('/community-resources?after=&sort=-createdAt', 'sort');
    await expectField('/community-resources?after=bm90LWpzb24', 'after');
    await expectField('/community-resources?after=not%20base64!', 'after');
    await expectField(`/community-resources?sort=kana&after=${first.body.next}`, 'after');
    await expectField('/community-resources?after=&count=maybe', 'count');
  });
});
