import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { asSystem } from '@tsunagu/platform-testing';
import { startRegistry, type RegistryUnderTest } from './registry-app';

interface Resource {
  category: string;
  insuranceScheme: string;
  districtIds: string[];
  public: boolean;
  status: string;
}

describe('registry: demo data reproduces the Takamatsu presentation', () => {
  let registry: RegistryUnderTest;

  beforeAll(async () => {
    registry = await startRegistry();
    expect(await registry.loadDemo()).toBe(true);
  });
  afterAll(() => registry.close());

  it('loads only once', async () => {
    expect(await registry.loadDemo()).toBe(false);
    expect((await registry.call('GET', '/districts?perPage=1')).body.total).toBe(44);
  });

  it('has the municipality, the 44 districts and the fixed demo organisations', async () => {
    const municipality = (await registry.call('GET', '/municipalities/current')).body;
    expect(municipality).toMatchObject({ lgCode: '372013', name: '高松市', fiscalYearStart: '04-01' });
    const districts = (await registry.call('GET', '/districts?perPage=100')).body.items;
    expect(districts).toHaveLength(44);
    expect(districts[0]).toMatchObject({ shortName: '二番丁', sortOrder: 1, kana: 'ニバンチョウ' });
    expect(districts.filter((d: { isIsland: boolean }) => d.isIsland).map((d: { shortName: string }) => d.shortName)).toEqual(['女木', '男木']);
    expect(districts.find((d: { shortName: string }) => d.shortName === '国分寺南').officialName).toBe('国分寺南部校区コミュニティ協議会');
    for (const organization of Object.values(DEMO_ORGANIZATIONS)) {
      const stored = (await registry.call('GET', `/organizations/${organization.id}`)).body;
      expect(stored).toMatchObject({ id: organization.id, name: organization.name, type: organization.type });
    }
  });

  it('counting published resources per district gives 26 / 6 / 20 over 38 districts', async () => {
    const resources: Resource[] = [];
    for (let page = 1; ; page++) {
      const reply = (await registry.call('GET', `/community-resources?perPage=100&page=${page}&public=true&status=active`)).body;
      resources.push(...reply.items);
      if (resources.length >= reply.total) break;
    }
    const districtsWith = (predicate: (resource: Resource) => boolean) => new Set(resources.filter(predicate).flatMap((resource) => resource.districtIds));
    const visitB = districtsWith((resource) => resource.category === 'visit-type-b');
    const dayB = districtsWith((resource) => resource.category === 'day-type-b');
    const other = districtsWith((resource) => resource.insuranceScheme === 'non-insurance');
    expect([visitB.size, dayB.size, other.size]).toEqual([26, 6, 20]);
    expect(new Set([...visitB, ...dayB, ...other]).size).toBe(38);
    // The 準備中 salon exists but is not counted (「公開分のみ」).
    expect((await registry.call('GET', '/community-resources?perPage=1')).body.total).toBe(resources.length + 1);
  });

  it('records the events staff entry would have produced, so projections built from events see the demo', async () => {
    // The outbox as the relay reads it: system work under row-level security.
    const published: { data: { category: string; districtIds: string[]; insuranceScheme: string } }[] = await asSystem(registry.orm, `select data from registry.outbox_event where type = 'jp.tsunagu.registry.resource.published.v1'`);
    const districtsWith = (predicate: (data: (typeof published)[number]['data']) => boolean) =>
      new Set(published.map((row) => row.data).filter(predicate).flatMap((data) => data.districtIds)).size;
    expect([
      districtsWith((data) => data.category === 'visit-type-b'),
      districtsWith((data) => data.category === 'day-type-b'),
      districtsWith((data) => data.insuranceScheme === 'non-insurance'),
    ]).toEqual([26, 6, 20]);
    const [{ districts }] = await asSystem(registry.orm, `select count(*)::int as districts from registry.outbox_event where type = 'jp.tsunagu.registry.district.registered.v1'`);
    expect(districts).toBe(44);
  });

  it('has coordinators and 地域福祉ネットワーク会議 with meetings', async () => {
    expect((await registry.call('GET', '/coordinators?layer=1')).body.total).toBe(1);
    expect((await registry.call('GET', '/coordinators?layer=2')).body.total).toBe(5);
    const councils = (await registry.call('GET', '/councils?layer=2')).body.items;
    expect(councils.length).toBeGreaterThanOrEqual(3);
    const konan = councils.find((council: { name: string }) => council.name.startsWith('香南'));
    const meetings = (await registry.call('GET', `/councils/${konan.id}/meetings`)).body;
    expect(meetings.total).toBe(1);
    expect(meetings.items[0].issuesRaised.length).toBeGreaterThan(0);
  });
});
