import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v5 as uuidv5 } from 'uuid';
import { DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { expectEventually } from '@tsunagu/platform-testing';
import { dateInJapan, fiscalYearOf } from '@tsunagu/util-japanese-calendar';
import { buildOpenApiDocument } from '@tsunagu/platform-service';
import { INTAKE_DEMO_NAMESPACE } from '../src/demo/demo-data';
import { INTAKE_APP_OPTIONS } from '../src/openapi';
import { startIntake, type IntakeUnderTest } from './intake-app';

// The committed document is what console and agency developers read; it must never drift from the code.
const target = join(__dirname, '..', '..', '..', 'docs', 'api', 'intake.openapi.json');

describe('intake: OpenAPI document and demo data', () => {
  let intake: IntakeUnderTest;

  beforeAll(async () => {
    intake = await startIntake();
  });
  afterAll(() => intake.close());

  it('docs/api/intake.openapi.json matches the API (run with UPDATE_DOCS=1 to rewrite it)', () => {
    const generated = `${JSON.stringify(buildOpenApiDocument(intake.app, INTAKE_APP_OPTIONS), null, 2)}\n`;
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(target, generated);
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe(generated);
    const document = JSON.parse(generated) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/intake/persons', '/api/intake/consultations/{id}/triage', '/api/intake/referrals/{id}/accept']));
  });

  it('loads the demo households once, with an 8050 and a double-care household and referrals to the 地域包括支援センター', async () => {
    expect(await intake.loadDemo()).toBe(true);
    expect(await intake.loadDemo()).toBe(false);
    // The whole demo set, as a city supervisor reads it (city-wide); desks see their own part (access-model tests).
    const token = await intake.token({ subject: 'city-supervisor', roles: ['supervisor'] });
    const households = await intake.call('GET', '/households?perPage=100', { token });
    expect(households.body.total).toBe(4);
    const edges = households.body.items.flatMap((h: { members: { careEdges: { kind: string }[] }[] }) => h.members.flatMap((m) => m.careEdges.map((e) => e.kind)));
    expect(edges).toEqual(expect.arrayContaining(['care', 'childcare', 'financial-dependency']));
    const consultations = (await intake.call('GET', '/consultations?perPage=100', { token })).body.items as { issueTags: string[]; receptionNo: string; receivingOrganizationId: string; fiscalYear: number }[];
    const tags = consultations.flatMap((c) => c.issueTags);
    // Four desks' first receptions of 令和7年度: four distinct numbers, each the first of its desk.
    expect(consultations).toHaveLength(4);
    expect(new Set(consultations.map((c) => c.receivingOrganizationId)).size).toBe(4);
    expect(consultations.map((c) => c.receptionNo).sort()).toEqual(['R7-001-000001', 'R7-002-000001', 'R7-003-000001', 'R7-004-000001']);
    expect(consultations.map((c) => c.fiscalYear)).toEqual([2025, 2025, 2025, 2025]);
    expect(tags).toEqual(expect.arrayContaining(['8050', 'double-care', 'young-carer', 'isolation']));
    const centre = await intake.agencyToken(DEMO_ORGANIZATIONS.communityCareCentre.id);
    const referrals = await intake.call('GET', '/referrals', { token: centre });
    expect(referrals.body.total).toBe(2);
    expect(referrals.body.items.map((r: { status: string }) => r.status).sort()).toEqual(['accepted', 'requested']);
    const kana = await intake.call('GET', `/persons?q=${encodeURIComponent('ｻﾇｷ')}`, { token });
    expect(kana.body.total).toBe(3);
    const cases = await intake.call('GET', '/cases', { token });
    expect(cases.body.items).toEqual([expect.objectContaining({ caseNo: 'C-R7-0001', track: 'consented', status: 'planning' })]);
    const plans = await intake.call('GET', `/plans?caseId=${cases.body.items[0].id}`, { token });
    expect(plans.body.items).toEqual([expect.objectContaining({ planVersion: 1, status: 'draft' })]);
    expect(plans.body.items[0].actions).toHaveLength(2);
    // The 職員名簿 knows the demo users (the plan's author `caseworker` shows by name before that user ever signs in).
    expect(plans.body.items[0].authorStaff).toBe('caseworker');
    const staff = await intake.call('GET', '/staff?subjects=caseworker,houkatsu', { token });
    expect(staff.body.items).toEqual([
      expect.objectContaining({ subject: 'houkatsu', displayName: '一宮 さくら', organizationId: DEMO_ORGANIZATIONS.communityCareCentre.id, lastSignedInAt: null }),
      expect.objectContaining({ subject: 'caseworker', displayName: '屋島 健一', organizationId: DEMO_ORGANIZATIONS.cityCommunityWelfare.id, lastSignedInAt: null }),
    ]);
    // The consents 参加支援受入先への提供 the matching service's demo participations rely on (same ids as its copies).
    const participation = await intake.call('GET', '/consents?scope=participation-hosts&perPage=100', { token });
    expect(participation.status).toBe(200);
    expect(participation.body.items.map((consent: { id: string; status: string }) => [consent.id, consent.status]).sort()).toEqual(
      [
        [uuidv5('consent:8050:participation-hosts', INTAKE_DEMO_NAMESPACE), 'obtained'],
        [uuidv5('consent:isolated:participation-hosts', INTAKE_DEMO_NAMESPACE), 'obtained'],
      ].sort(),
    );
    // Loaded today, dated in 令和7年度: every event carries the day reports count it on (receivedAt, 依頼日, opening, 作成日).
    const demoDates = await expectEventually(async () => {
      const events = (await intake.events()).filter((e) => /\.(consultation|referral|case|plan)\./.test(e.subject));
      expect(events.filter((e) => e.subject.endsWith('.consultation.received'))).toHaveLength(4);
      expect(events.filter((e) => e.subject.endsWith('.plan.drafted'))).toHaveLength(1);
      return events.map((e) => {
        const data = e.event.data as Record<string, string>;
        const date = data['receivedAt'] ?? data['referredOn'] ?? data['openedOn'] ?? data['createdOn'];
        return fiscalYearOf(date.length > 10 ? dateInJapan(new Date(date)) : date);
      });
    });
    expect(new Set(demoDates)).toEqual(new Set([2025]));
    // The next case of 令和7年度 continues the numbering after the demo case.
    expect((await intake.call('GET', `/cases?q=C-R7`, { token: centre })).body.total).toBe(1);
  });
});
