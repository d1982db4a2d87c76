import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GAP_CONSTRAINTS, SCORE_FACTORS } from '@tsunagu/contracts';
import { HARD_CONSTRAINTS, SCORE_FACTORS as ENGINE_FACTORS } from '@tsunagu/matching-engine';
import { buildOpenApiDocument } from '@tsunagu/platform-service';
import { MATCHING_APP_OPTIONS } from '../src/app-options';
import { DEMO_IDS, ISOLATED_ELDER, WITHDRAWN_YOUNG_ADULT } from '../src/demo/demo-data';
import { startMatching, type MatchingUnderTest, eventually } from './matching-app';

// The committed document is what console and agency developers read; it must never drift from the code.
const target = join(__dirname, '..', '..', '..', 'docs', 'api', 'matching.openapi.json');

describe('matching: OpenAPI document and demo data', () => {
  let matching: MatchingUnderTest;

  beforeAll(async () => {
    matching = await startMatching();
  });
  afterAll(() => matching.close());

  it('docs/api/matching.openapi.json matches the API (run with UPDATE_DOCS=1 to rewrite it)', () => {
    const generated = `${JSON.stringify(buildOpenApiDocument(matching.app, MATCHING_APP_OPTIONS), null, 2)}\n`;
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(target, generated);
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(generated);
    const document = JSON.parse(generated) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/matching/needs/{id}/suggestions', '/api/matching/matches/{id}/transition', '/api/matching/follow-ups/overdue', '/api/matching/gaps', '/api/matching/settings/weights']),
    );
  });

  it('the engine’s constraint and factor codes are the ones the contracts publish', () => {
    expect([...HARD_CONSTRAINTS]).toEqual([...GAP_CONSTRAINTS]);
    expect([...ENGINE_FACTORS]).toEqual([...SCORE_FACTORS]);
  });

  it('loads the demo once: hosts and menus in several districts, a young adult at the community café, an elder at the 通所型サービスB', async () => {
    expect(await matching.loadDemo()).toBe(true);
    expect(await matching.loadDemo()).toBe(false);
    const hosts = await matching.call('GET', '/hosts');
    expect(hosts.body.total).toBe(4);
    const opportunities = await matching.call('GET', '/opportunities?status=published&perPage=100');
    expect(new Set(opportunities.body.items.map((item: { districtId: string | null }) => item.districtId)).size).toBeGreaterThanOrEqual(3);
    // The demo 参加支援員 registered the needs and proposed the matches: they are theirs to see (docs/security/access-model.md).
    const worker = await matching.token({ subject: 'participation', roles: ['participation-worker'] });
    const matches = (await matching.call('GET', '/matches?status=participating', { token: worker })).body.items;
    expect(matches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: DEMO_IDS.cafeMatch, personId: WITHDRAWN_YOUNG_ADULT, opportunityId: DEMO_IDS.cafeMenu, purpose: 'role-volunteer' }),
        expect.objectContaining({ id: DEMO_IDS.dayServiceMatch, personId: ISOLATED_ELDER, opportunityId: DEMO_IDS.yashimaDayService, source: 'registry-resource' }),
      ]),
    );
    // The café ranks first for the young adult, for the reasons the engine gives.
    const suggestions = (await matching.call('GET', `/needs/${DEMO_IDS.youngAdultNeed}/suggestions`, { token: worker })).body;
    expect(suggestions.items[0].opportunityId).toBe(DEMO_IDS.cafeMenu);
    expect(suggestions.items[0].reasons.map((reason: { text: string }) => reason.text)).toEqual(expect.arrayContaining(['火曜午後・木曜午後に参加可能', '関心: カフェ・料理']));
    // The host of the 通所型サービスB sees its match; the café's host sees only its own.
    const yashima = await matching.agencyToken((await matching.call('GET', `/hosts/${DEMO_IDS.yashimaHost}`)).body.organizationId);
    expect((await matching.call('GET', '/matches', { token: yashima })).body.items.map((item: { id: string }) => item.id)).toEqual([DEMO_IDS.dayServiceMatch]);
    await eventually(async () => {
      const subjects = (await matching.events()).map((entry) => entry.subject);
      expect(subjects.filter((subject) => subject === 'tsunagu.evt.matching.match.started')).toHaveLength(2);
      expect(subjects.filter((subject) => subject === 'tsunagu.evt.matching.host.registered')).toHaveLength(4);
    });
  });
});
