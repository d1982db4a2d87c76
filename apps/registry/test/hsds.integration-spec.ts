import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OTHER_MUNICIPALITY } from '@tsunagu/demo-data';
import { expectProblem, startRegistry, type RegistryUnderTest } from './registry-app';

const SCHEMA_DIR = join(__dirname, '../src/hsds/schema');

/** Compiled HSDS schemas for organizations, services and service_at_locations; table schemas for the rest. */
function hsdsValidators(): Record<string, ValidateFunction> {
  const read = (file: string) => JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'));
  const compiled = new Ajv({ allErrors: true, strict: false });
  addFormats(compiled);
  const tables = new Ajv({ allErrors: true, strict: false });
  addFormats(tables);
  for (const file of readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.json'))) tables.addSchema(read(file), file);
  return {
    organizations: compiled.compile(read('compiled/organization.json')),
    services: compiled.compile(read('compiled/service.json')),
    service_at_locations: compiled.compile(read('compiled/service_at_location.json')),
    locations: tables.getSchema('location.json') as ValidateFunction,
    schedules: tables.getSchema('schedule.json') as ValidateFunction,
  };
}

describe('registry: Open Referral HSDS 3.x export and import', () => {
  let source: RegistryUnderTest;
  let target: RegistryUnderTest;

  beforeAll(async () => {
    source = await startRegistry();
    await source.loadDemo();
    // An empty municipality in its own database: HSDS ids are kept, and one record belongs to one municipality.
    target = await startRegistry({ municipality: OTHER_MUNICIPALITY.lgCode });
  }, 60000);
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('exports a package that validates against the HSDS schemas', async () => {
    const reply = await source.call('GET', '/hsds/export');
    expect(reply.status).toBe(200);
    const pkg = reply.body;
    expect(pkg.locations).toHaveLength(44);
    expect(pkg.organizations.length).toBeGreaterThanOrEqual(6);
    expect(pkg.services.length).toBeGreaterThanOrEqual(52);
    const validators = hsdsValidators();
    for (const [collection, validate] of Object.entries(validators)) {
      expect(pkg[collection].length).toBeGreaterThan(0);
      for (const item of pkg[collection]) {
        if (!validate(item)) throw new Error(`${collection} ${item.id}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
      }
    }
    const konan = pkg.services.find((service: { name: string }) => service.name === 'あんしん香南');
    expect(konan).toMatchObject({ status: 'active', alternate_name: 'アンシンコウナン' });
    expect(pkg.schedules.find((schedule: { service_id: string }) => schedule.service_id === konan.id)).toMatchObject({
      freq: 'WEEKLY',
      byday: 'FR',
      opens_at: '09:30',
    });
  }, 60000);

  it('export → import into an empty municipality → export is identical', async () => {
    // Exercise every field first: a suspended, verified resource with contact details and a note.
    const district = (await source.call('GET', '/districts?q=めぎ')).body.items[0];
    const created = await source.call('POST', '/community-resources', {
      body: {
        name: '女木島こども食堂',
        kana: 'めぎじまこどもしょくどう',
        description: '月1回、島の子どもと高齢者が一緒に食事をします',
        districtIds: [district.id],
        category: 'kodomo-shokudo',
        insuranceScheme: 'kyojo-foundation',
        activities: ['meals', 'social', 'study-support'],
        eligibility: 'anyone',
        schedule: { frequency: 'monthly', weekdays: ['sa'], opensAt: '11:00', closesAt: '14:00', note: '第3土曜' },
        capacity: 20,
        fee: '子ども無料・大人300円',
        contact: { phone: '087-000-1234', email: 'megi@example.jp', website: 'https://example.jp/megi', address: '高松市女木町', note: '前日までに予約' },
        public: true,
      },
    });
    expect(created.status).toBe(201);
    await source.call('POST', `/community-resources/${created.body.id}/publish`, { body: {} });
    await source.call('POST', `/community-resources/${created.body.id}/suspend`, { body: {} });

    const first = await source.call('GET', '/hsds/export');
    const imported = await target.call('POST', '/hsds/import', { body: first.body });
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ organizations: first.body.organizations.length, services: first.body.services.length, locations: 44 });

    const second = await target.call('GET', '/hsds/export');
    expect(second.text).toBe(first.text);

    // The imported records are ordinary registry records of the target municipality.
    const resource = (await target.call('GET', `/community-resources/${created.body.id}`)).body;
    expect(resource).toMatchObject({ status: 'suspended', kana: 'メギジマコドモショクドウ', capacity: 20, schedule: { note: '第3土曜' } });
    expect((await source.call('GET', `/community-resources?q=${encodeURIComponent('こどもしょくどう')}`)).body.total).toBe(1);

    // Importing the same package again updates in place: still identical.
    expect((await target.call('POST', '/hsds/import', { body: first.body })).status).toBe(200);
    expect((await target.call('GET', '/hsds/export')).text).toBe(first.text);
  }, 60000);

  it('rejects a package that does not match HSDS, importing nothing', async () => {
    const before = (await target.call('GET', '/organizations?perPage=1')).body.total;
    const reply = await target.call('POST', '/hsds/import', {
      body: { organizations: [{ id: 'not-a-uuid', name: '壊れた団体' }], services: 'nope', unknown: [] },
    });
    expectProblem(reply, 400);
    expect(Object.keys(reply.body.errors)).toEqual(expect.arrayContaining(['unknown', 'services', 'organizations.0.id', 'organizations.0']));
    expect((await target.call('GET', '/organizations?perPage=1')).body.total).toBe(before);
  });
});
