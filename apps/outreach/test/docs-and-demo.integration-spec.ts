import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { buildOpenApiDocument } from '@tsunagu/platform-service';
import { v5 as uuidv5 } from 'uuid';
import { OUTREACH_APP_OPTIONS } from '../src/openapi';
import { startOutreach, type OutreachUnderTest } from './outreach-app';

// The committed document is what console and agency developers read; it must never drift from the code.
const target = join(__dirname, '..', '..', '..', 'docs', 'api', 'outreach.openapi.json');
// The registry's demo district ids (apps/registry/src/demo/demo-data.ts).
const district = (shortName: string) => uuidv5(`${DEMO_MUNICIPALITY.lgCode}:district:${shortName}`, '3d9b7f0c-2a1e-5c4d-8b6a-9f8e7d6c5b4a');

describe('outreach: OpenAPI document and demo data', () => {
  let outreach: OutreachUnderTest;

  beforeAll(async () => {
    outreach = await startOutreach();
  });
  afterAll(() => outreach.close());

  it('docs/api/outreach.openapi.json matches the API (run with UPDATE_DOCS=1 to rewrite it)', () => {
    const generated = `${JSON.stringify(buildOpenApiDocument(outreach.app, OUTREACH_APP_OPTIONS), null, 2)}\n`;
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(target, generated);
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(generated);
    const document = JSON.parse(generated) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/outreach/targets',
        '/api/outreach/targets/{id}/stage',
        '/api/outreach/targets/{targetId}/contacts',
        '/api/outreach/targets/{targetId}/watch-plan',
        '/api/outreach/targets/{targetId}/hand-over',
        '/api/outreach/overdue-visits',
        '/api/outreach/inactivity-alerts',
        '/api/outreach/settings',
      ]),
    );
  });

  it('loads the demo targets once: several stages, two island districts, contacts and watch plans', async () => {
    expect(await outreach.loadDemo()).toBe(true);
    expect(await outreach.loadDemo()).toBe(false);
    // The demo targets are assigned to four desks; a supervisor of the city reads them all (CITY_WIDE_READ_ROLES).
    const supervisor = await outreach.token({ roles: ['supervisor'] });
    const targets = (await outreach.call('GET', '/targets?perPage=100', { token: supervisor })).body.items as { id: string; stage: string; districtId: string; identity: string }[];
    expect(targets).toHaveLength(5);
    expect(new Set(targets.map((t) => t.stage))).toEqual(new Set(['attempting', 'contacted', 'building-relationship', 'connected', 'not-contacted']));
    expect(targets.map((t) => t.districtId)).toEqual(expect.arrayContaining([district('女木'), district('男木')]));
    expect(new Set(targets.map((t) => t.identity))).toEqual(new Set(['person', 'location-only']));
    const megi = targets.find((t) => t.districtId === district('女木')) as { id: string };
    expect((await outreach.call('GET', `/targets/${megi.id}/contacts`, { token: supervisor })).body.total).toBe(2);
    expect((await outreach.call('GET', `/targets/${megi.id}/watch-plan`, { token: supervisor })).body.cadenceDays).toBe(14);
    // The demo outreach worker has overdue visits; the high-risk apartment in 鶴尾 raises an alert within days.
    const worker = await outreach.token({ subject: 'outreach', roles: ['outreach-worker'] });
    expect((await outreach.call('GET', '/overdue-visits?mine=true', { token: worker })).body.total).toBeGreaterThan(0);
    const inTwoDays = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    await outreach.runChecks(inTwoDays);
    const alerts = (await outreach.call('GET', '/inactivity-alerts?status=open', { token: worker })).body.items as { districtId: string }[];
    expect(alerts.map((a) => a.districtId)).toContain(district('鶴尾'));
  });
});
