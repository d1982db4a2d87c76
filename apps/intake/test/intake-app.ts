import { Client } from 'pg';
import { TenantContext } from '@tsunagu/platform-context';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { SYSTEM_SESSION_OPTIONS } from '@tsunagu/platform-persistence';
import { registerOrganizations, startServiceUnderTest, type ServiceUnderTest } from '@tsunagu/platform-service-testing';
import type { Reply, StreamEvent, TestNats } from '@tsunagu/platform-testing';
import { intakeAppModule } from '../src/app.module';
import { loadDemoData } from '../src/demo/demo-data';
import { INTAKE_APP_OPTIONS } from '../src/openapi';
import { intakePersistence } from '../src/persistence';

export type { Download } from '@tsunagu/platform-service-testing';

export const API = '/api/intake';

type Method = 'GET' | 'POST' | 'PATCH';
interface CallOptions {
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** Bearer token; defaults to a caseworker of Takamatsu. */
  token?: string | null;
}

export interface IntakeUnderTest extends Pick<ServiceUnderTest, 'app' | 'database' | 'issuer' | 'orm' | 'token' | 'agencyToken' | 'download' | 'close'> {
  nats: TestNats;
  call(method: Method, path: string, options?: CallOptions): Promise<Reply>;
  /** Every event on the JetStream stream so far. */
  events(): Promise<StreamEvent[]>;
  /**
   * The registry registers these organisations: OrganizationRegistered on the stream, as its outbox publishes it,
   * and back once intake's copy holds them (organisation ids in requests are checked against it). The demo
   * organisations — ORG_A, ORG_B, DESK … — are registered before the app is handed out.
   */
  registerOrganizations(ids: readonly string[], municipality?: string): Promise<void>;
  loadDemo(): Promise<boolean>;
}

/** Boots the real intake app (Fastify, auth, audit, outbox relay) on a fresh database, its own NATS and issuer. */
export async function startIntake(overrides: Record<string, string> = {}): Promise<IntakeUnderTest> {
  const base = await startServiceUnderTest({
    service: 'intake',
    module: intakeAppModule,
    persistence: intakePersistence,
    appOptions: INTAKE_APP_OPTIONS,
    caller: { subject: 'caseworker-1', roles: ['caseworker'] },
    // City staff (no agency claim) work at the municipality's own desk, as in the demo (docs/security/access-model.md).
    env: { CITY_DESK_ORGANIZATION_ID: DESK, ...overrides },
    consumers: true,
  });
  const under: IntakeUnderTest = {
    ...base,
    nats: base.nats as TestNats,
    events: () => base.events(),
    registerOrganizations: (ids, municipality) => registerOrganizations(base, ids, { municipality }),
    loadDemo: () => TenantContext.runAsSystem(DEMO_MUNICIPALITY.lgCode, () => loadDemoData(base.orm.em.fork())),
  };
  await under.registerOrganizations(Object.values(DEMO_ORGANIZATIONS).map((organization) => organization.id));
  return under;
}

/**
 * The desks kept per person by triggers (`intake.person_desk`, ADR 0020) are exactly those a refresh of every person
 * from scratch gives: no change a suite made was missed. Returns the rows, for suites that check they are not empty.
 */
export async function expectPersonDesksFromScratch(intake: IntakeUnderTest): Promise<unknown[]> {
  const system = new Client({ connectionString: intake.database.url, options: SYSTEM_SESSION_OPTIONS });
  await system.connect();
  try {
    const rows = 'select person_id, organization_id, municipality from "intake"."person_desk" order by person_id, organization_id';
    const kept = (await system.query(rows)).rows;
    await system.query('begin');
    await system.query(`select "intake".refresh_person_desks(array(select id from "intake"."person"))`);
    const fromScratch = (await system.query(rows)).rows;
    await system.query('rollback');
    expect(kept).toEqual(fromScratch);
    return kept;
  } finally {
    await system.end();
  }
}

/** Problem+json check shared by the tests. */
export function expectProblem(reply: Reply, status: number): void {
  expect(reply.status).toBe(status);
  expect(String(reply.headers['content-type'])).toContain('application/problem+json');
  expect(reply.body.status).toBe(status);
  expect(typeof reply.body.title).toBe('string');
}

export const ORG_A = '01900000-0000-7000-8000-000000000003';
export const ORG_B = '01900000-0000-7000-8000-000000000004';
export const DESK = '01900000-0000-7000-8000-000000000001';

export function consultationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    receivingOrganizationId: DESK,
    route: 'phone',
    consultantRelation: 'self',
    categories: ['income', 'housing'],
    primaryCategory: 'income',
    urgency: 'medium',
    consentStatus: 'given',
    jigyoAttribution: 'tsunagaru-desk',
    ...overrides,
  };
}
