import { MikroORM } from '@mikro-orm/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { HouseholdRegistered, OrganizationRegistered, PersonProtectionChanged, PersonRegistered, type EventContract, type OrganizationType, type PersonProtection } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { createServiceApp } from '@tsunagu/platform-service';
import { JetStreamServer, rpcServerOptions } from '@tsunagu/platform-messaging';
import { migrateService } from '@tsunagu/platform-persistence';
import {
  asSystem,
  createTestDatabase,
  expectEventually,
  startTestIssuer,
  startTestNats,
  injectJson,
  streamEvents,
  type TestDatabase,
  type TestIssuer,
  type TestNats,
  type TestTokenOptions,
  type Reply,
  type StreamEvent,
} from '@tsunagu/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import { RunOutreachChecksUseCase } from '../src/alerts/run-outreach-checks.usecase';
import { outreachAppModule } from '../src/app.module';
import { loadDemoData } from '../src/demo/demo-data';
import { OUTREACH_APP_OPTIONS } from '../src/openapi';
import { OrganizationCopy } from '@tsunagu/registry-organization-copy';
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

export interface OutreachUnderTest {
  app: NestFastifyApplication;
  database: TestDatabase;
  issuer: TestIssuer;
  nats: TestNats;
  orm: MikroORM;
  token(options?: TestTokenOptions): Promise<string>;
  /** Token of an agency client (client credentials) of an organisation. */
  agencyToken(organizationId: string, municipality?: string): Promise<string>;
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
  close(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a broker (cross-service tests run intake and outreach on one stream). */
  nats?: TestNats;
  issuer?: TestIssuer;
  env?: Record<string, string>;
}

/** Boots the real outreach app (Fastify, auth, audit, outbox relay, JetStream consumers) on a fresh database, its own NATS and issuer. */
export async function startOutreach(options: StartOptions = {}): Promise<OutreachUnderTest> {
  const [database, nats, issuer] = await Promise.all([createTestDatabase('outreach'), options.nats ?? startTestNats(), options.issuer ?? startTestIssuer()]);
  await migrateService(outreachPersistence, { databaseUrl: database.url }, { applicationRole: database.applicationRole });
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    // The service runs as the application role that row-level security holds; migrations ran as the owner.
    DATABASE_URL: database.applicationUrl,
    DATABASE_MIGRATION_URL: database.url,
    DATABASE_POOL_MAX: '10',
    ...nats.serviceEnv('outreach'),
    OIDC_ISSUER: issuer.issuer,
    OUTBOX_POLL_INTERVAL_MS: '200',
    OUTREACH_CHECK_INTERVAL_MS: '0',
    MUNICIPALITY: DEMO_MUNICIPALITY.lgCode,
    CITY_DESK_ORGANIZATION_ID: DEMO_ORGANIZATIONS.cityCommunityWelfare.id,
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  const app = await createServiceApp(outreachAppModule(env), OUTREACH_APP_OPTIONS);
  app.connectMicroservice({ strategy: JetStreamServer.forApp(app, { retryDelaysMs: [200] }) }, { inheritAppConfig: true });
  // Request-reply as in main.ts (intake's 開示請求 asks outreach for a person's records).
  // As its own NATS user, as main.ts does: it may subscribe to its own request subjects only (deploy/local/nats-permissions.cjs).
  const rpcUser = nats.serviceEnv('outreach');
  app.connectMicroservice(rpcServerOptions({ service: 'outreach', natsUrl: nats.url, natsUser: rpcUser.NATS_USER, natsPassword: rpcUser.NATS_PASSWORD, gracePeriodMs: 0 }), { inheritAppConfig: true });
  await app.init();
  await app.startAllMicroservices();
  await app.getHttpAdapter().getInstance().ready();
  const orm = app.get(MikroORM);
  const staffToken = await issuer.token({ subject: 'outreach-1', roles: ['outreach-worker'] });
  let reader: NatsConnection | undefined;
  const connection = async () => (reader ??= await connect({ servers: nats.url }));

  const under: OutreachUnderTest = {
    app,
    database,
    issuer,
    nats,
    orm,
    token: (tokenOptions) => issuer.token(tokenOptions),
    agencyToken: (organizationId, municipality) =>
      issuer.token({ client: true, clientId: `agency-${organizationId.slice(-4)}`, roles: ['agency'], agency: organizationId, municipality: municipality ?? DEMO_MUNICIPALITY.lgCode }),
    call: (method, path, { token, ...options } = {}) => injectJson(app, method, `${API}${path}`, { ...options, bearer: token === undefined ? staffToken : token }),
    events: async () => streamEvents(await connection(), { skipMissing: true }),
    async publish(contract, aggregateId, data, municipality = DEMO_MUNICIPALITY.lgCode) {
      const id = uuidv7();
      const event = { specversion: '1.0', id, source: contract.source, type: contract.type, subject: aggregateId, time: new Date().toISOString(), datacontenttype: 'application/json', municipality, data };
      const h = natsHeaders();
      h.set('tsunagu-municipality', municipality);
      await jetstream(await connection()).publish(contract.subject, JSON.stringify(event), { msgID: id, headers: h });
      return id;
    },
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
    async registerOrganizations(ids, municipality = DEMO_MUNICIPALITY.lgCode) {
      const demo = Object.values(DEMO_ORGANIZATIONS);
      for (const organizationId of ids) {
        await under.publish(OrganizationRegistered, organizationId, { organizationId, type: (demo.find((organization) => organization.id === organizationId)?.type ?? 'npo') as OrganizationType, districtIds: [] }, municipality);
      }
      await expectEventually(async () => {
        const known = await TenantContext.runAsSystem(municipality, () => orm.em.fork().count(OrganizationCopy, { id: { $in: [...ids] } }));
        expect(known).toBe(new Set(ids).size);
      });
    },
    runChecks: (now) => app.get(RunOutreachChecksUseCase).execute(now),
    loadDemo: () => TenantContext.runAsSystem(DEMO_MUNICIPALITY.lgCode, () => loadDemoData(orm.em.fork())),
    async close() {
      await reader?.close();
      await app.close();
      await Promise.all([database.drop(), options.nats ? Promise.resolve() : nats.destroy(), options.issuer ? Promise.resolve() : issuer.stop()]);
    },
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
