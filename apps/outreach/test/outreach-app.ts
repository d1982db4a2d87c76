import { HouseholdRegistered, PersonProtectionChanged, PersonRegistered, type EventContract, type PersonProtection } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { registerOrganizations, startServiceUnderTest, type ServiceUnderTest } from '@tsunagu/platform-service-testing';
import { asSystem, expectEventually, type Reply, type StreamEvent, type TestIssuer, type TestNats } from '@tsunagu/platform-testing';
import { RunOutreachChecksUseCase } from '../src/alerts/run-outreach-checks.usecase';
import { outreachAppModule } from '../src/app.module';
import { loadDemoData } from '../src/demo/demo-data';
import { OUTREACH_APP_OPTIONS } from '../src/openapi';
import { outreachPersistence } from '../src/persistence';

export const API = '/api/outreach';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
interface CallOptions {
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** Bearer token; defaults to an outreach worker of Takamatsu. */
  token?: string | null;
}

export interface OutreachUnderTest extends Pick<ServiceUnderTest, 'app' | 'database' | 'issuer' | 'orm' | 'token' | 'agencyToken' | 'close'> {
  nats: TestNats;
  call(method: Method, path: string, options?: CallOptions): Promise<Reply>;
  /** Every event on the JetStream stream so far. */
  events(): Promise<StreamEvent[]>;
  /** Publishes an event of another service (e.g. intake's ConsentRecorded) onto the stream, as its relay would. */
  publish<T>(contract: EventContract<T>, aggregateId: string, data: T, municipality?: string): Promise<string>;
  /**
   * Makes a person (and household) known as intake's events would — person.registered, household.registered and, with
   * `protections`, person.protection-changed — and waits until outreach has mirrored them.
   */
  knowPerson(personId: string, options?: { householdId?: string; municipality?: string; protections?: PersonProtection[] }): Promise<void>;
  /**
   * The registry registers these organisations: OrganizationRegistered on the stream, as its outbox publishes it,
   * and back once this service's copy holds them (organisation ids in requests are checked against it). The demo
   * organisations — the tests' fixtures — are registered before the app is handed out.
   */
  registerOrganizations(ids: readonly string[], municipality?: string): Promise<void>;
  /** Runs the inactivity / watch-overdue check with a fixed clock. */
  runChecks(now: Date): ReturnType<RunOutreachChecksUseCase['execute']>;
  loadDemo(): Promise<boolean>;
}

export interface StartOptions {
  /** Reuse a broker (cross-service tests run intake and outreach on one stream). */
  nats?: TestNats;
  issuer?: TestIssuer;
  env?: Record<string, string>;
}

/** Boots the real outreach app (Fastify, auth, audit, outbox relay, JetStream consumers) on a fresh database, its own NATS and issuer. */
export async function startOutreach(options: StartOptions = {}): Promise<OutreachUnderTest> {
  const base = await startServiceUnderTest({
    service: 'outreach',
    module: outreachAppModule,
    persistence: outreachPersistence,
    appOptions: OUTREACH_APP_OPTIONS,
    caller: { subject: 'outreach-1', roles: ['outreach-worker'] },
    env: { OUTREACH_CHECK_INTERVAL_MS: '0', CITY_DESK_ORGANIZATION_ID: DEMO_ORGANIZATIONS.cityCommunityWelfare.id, ...options.env },
    nats: options.nats,
    issuer: options.issuer,
    consumers: true,
    // Request-reply as in main.ts (intake's 開示請求 asks outreach for a person's records).
    rpc: true,
  });
  const { orm } = base;

  const under: OutreachUnderTest = {
    ...base,
    nats: base.nats as TestNats,
    events: () => base.events({ skipMissing: true }),
    publish: (contract, aggregateId, data, municipality) => base.publish(contract, aggregateId, data, { municipality }),
    async knowPerson(personId, { householdId, municipality = DEMO_MUNICIPALITY.lgCode, protections } = {}) {
      await under.publish(PersonRegistered, personId, { personId, identityLevel: 'confirmed' }, municipality);
      if (householdId) {
        await under.publish(HouseholdRegistered, householdId, { householdId, keyPersonId: personId, memberPersonIds: [personId], districtId: null, districtWithheld: protections !== undefined, careEdgeKinds: [] }, municipality);
      }
      if (protections) await under.publish(PersonProtectionChanged, personId, { personId, householdIds: householdId ? [householdId] : [], protections }, municipality);
      await expectEventually(async () => {
        const [person] = await asSystem(orm, 'select is_protected from outreach.person_mirror where person_id = ? and municipality = ?', [personId, municipality], municipality);
        expect(person).toEqual({ is_protected: (protections ?? []).length > 0 });
        if (householdId) expect(await asSystem(orm, 'select 1 from outreach.household_mirror where household_id = ?', [householdId], municipality)).toHaveLength(1);
      });
    },
    registerOrganizations: (ids, municipality) => registerOrganizations(base, ids, { municipality }),
    runChecks: (now) => base.app.get(RunOutreachChecksUseCase).execute(now),
    loadDemo: () => TenantContext.runAsSystem(DEMO_MUNICIPALITY.lgCode, () => loadDemoData(orm.em.fork())),
  };
  await under.registerOrganizations(Object.values(DEMO_ORGANIZATIONS).map((organization) => organization.id));
  return under;
}

/** Problem+json check shared by the tests. */
export function expectProblem(reply: Reply, status: number): void {
  expect(reply.status).toBe(status);
  expect(String(reply.headers['content-type'])).toContain('application/problem+json');
  expect(reply.body.status).toBe(status);
  expect(typeof reply.body.title).toBe('string');
}

export const DESK = '01900000-0000-7000-8000-000000000001';
export const SHAKYO = '01900000-0000-7000-8000-000000000002';
export const HOUKATSU = '01900000-0000-7000-8000-000000000003';
export const DISTRICT = '01900000-0000-7000-8000-0000000000d1';

export function targetBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    locationDescription: '○○町の角の家、50代男性',
    discoveryRoute: 'welfare-commissioner',
    riskLevel: 'high',
    districtId: DISTRICT,
    // The city desk, where the harness's default caller (a city outreach worker) works.
    assignedOrganizationId: DESK,
    reasonTags: ['isolation'],
    ...overrides,
  };
}

export function contactBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { method: 'visit', result: 'absent', observations: ['mail-piling-up'], legalBasis: 'support-meeting-106-6', ...overrides };
}
