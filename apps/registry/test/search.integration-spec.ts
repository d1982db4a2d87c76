import { startRegistry, type RegistryUnderTest } from './registry-app';

describe('registry: Japanese text search and list filters', () => {
  let registry: RegistryUnderTest;
  let konan: string;
  let matsushima: string;

  const names = async (query: string) =>
    ((await registry.call('GET', `/community-resources?perPage=100&${query}`)).body.items as { name: string }[]).map((item) => item.name).sort();

  beforeAll(async () => {
    registry = await startRegistry();
    await registry.loadDemo();
    konan = (await registry.call('GET', `/districts?q=${encodeURIComponent('香南')}`)).body.items[0].id;
    matsushima = (await registry.call('GET', `/districts?q=${encodeURIComponent('松島')}`)).body.items[0].id;
  });
  afterAll(() => registry.close());

  it('finds the same resource by half-width kana, hiragana and katakana', async () => {
    const queries = ['ﾐﾏﾓﾘｺｳﾅﾝ', 'みまもりこうなん', 'ミマモリコウナン', 'みまもり　ｺｳﾅﾝ'];
    for (const q of queries) {
      expect(await names(`q=${encodeURIComponent(q)}`)).toEqual(['見守り香南']);
    }
    expect(await names(`q=${encodeURIComponent('見守り香南')}`)).toEqual(['見守り香南']);
    expect(await names(`q=${encodeURIComponent('あんしん')}`)).toEqual(['あんしん香南']);
  });

  it('searches districts and organisations with the same normaliser', async () => {
    for (const q of ['ｺｳﾅﾝ', 'こうなん', 'コウナン']) {
      const districts = (await registry.call('GET', `/districts?q=${encodeURIComponent(q)}`)).body.items.map((d: { shortName: string }) => d.shortName);
      expect(districts).toEqual(['香南']);
    }
    const organizations = (await registry.call('GET', `/organizations?q=${encodeURIComponent('ｼｬｶｲﾌｸｼｷｮｳｷﾞｶｲ たかまつし')}`)).body.items;
    expect(organizations.map((o: { id: string }) => o.id)).toContain('01900000-0000-7000-8000-000000000002');
  });

  it('treats LIKE wildcards in the query as plain text', async () => {
    expect(await names(`q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await names(`q=${encodeURIComponent('_')}`)).toEqual([]);
  });

  it('filters by district, category and day of week', async () => {
    expect(await names(`district=${konan}`)).toEqual(['あんしん香南', '見守り香南']);
    expect(await names(`district=${konan}&category=day-type-b`)).toEqual(['あんしん香南']);
    expect(await names(`district=${konan}&weekday=fr`)).toContain('あんしん香南');
    expect(await names(`district=${konan}&weekday=sa&category=day-type-b`)).toEqual([]);
    expect(await names(`district=${matsushima}`)).toHaveLength(3);

    const fridays = (await registry.call('GET', '/community-resources?weekday=fr&perPage=100')).body;
    expect(fridays.total).toBeGreaterThan(0);
    for (const item of fridays.items) expect(item.schedule.weekdays).toContain('fr');

    const dayB = (await registry.call('GET', '/community-resources?category=day-type-b&perPage=100')).body;
    expect(dayB.total).toBe(6);
  });

  it('filters by activity, status, public flag and organisation, with paging and sorting', async () => {
    const preparing = (await registry.call('GET', '/community-resources?status=preparing')).body;
    expect(preparing.items.map((item: { name: string }) => item.name)).toEqual(['四番丁ふれあいサロン（準備中）']);
    expect((await registry.call('GET', '/community-resources?public=false')).body.total).toBe(1);
    const weeding = (await registry.call('GET', '/community-resources?activity=weeding&perPage=100')).body;
    for (const item of weeding.items) expect(item.activities).toContain('weeding');

    const byOrg = (await registry.call('GET', `/community-resources?organization=${(await registry.call('GET', '/organizations?q=' + encodeURIComponent('香南地区社会福祉協議会'))).body.items[0].id}`)).body;
    expect(byOrg.total).toBe(2);

    const page = (await registry.call('GET', '/community-resources?perPage=5&page=2&sort=-name')).body;
    expect(page).toMatchObject({ page: 2, perPage: 5 });
    expect(page.items).toHaveLength(5);
    const all = (await registry.call('GET', '/community-resources?perPage=100&sort=-name')).body.items.map((item: { name: string }) => item.name);
    expect(page.items.map((item: { name: string }) => item.name)).toEqual(all.slice(5, 10));
  });
});
