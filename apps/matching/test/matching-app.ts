import { MikroORM } from '@mikro-orm/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import {
  ConsentRecorded,
  ConsentWithdrawn,
  MESSAGE_HEADERS,
  OrganizationRegistered,
  PersonProtectionChanged,
  PersonRegistered,
  ResourcePublished,
  ResourceRegistered,
  SearchResourcesRpc,
  type CloudEvent,
  type ConsentEventData,
  type EventContract,
  type PersonProtection,
  type ResourceCategory,
  type ResourceEventData,
  type ResourceSearchRequest,
  type ResourceSearchResponse,
  type ResourceStatus,
} from '@tsunagu/contracts';
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
import { MATCHING_APP_OPTIONS } from '../src/app-options';
import { matchingAppModule } from '../src/app.module';
import { loadDemoData } from '../src/demo/demo-data';
import { OrganizationCopy } from '@tsunagu/registry-organization-copy';
import { matchingPersistence } from '../src/persistence';

export const API = '/api/matching';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
interface CallOptions {
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** Bearer token; defaults to a participation worker of Takamatsu. */
  token?: string | null;
}

export interface MatchingUnderTest {
  app: NestFastifyApplication;
  database: TestDatabase;
  issuer: TestIssuer;
  nats: TestNats;
  orm: MikroORM;
  token(options?: TestTokenOptions): Promise<string>;
  /** Token of an agency client (client credentials) of an organisation. */
  agencyToken(organizationId: string, municipality?: string): Promise<string>;
  call(method: Method, path: string, options?: CallOptions): Promise<Reply>;
  /**
   * The registry registers these organisations: OrganizationRegistered on the stream, as its outbox publishes
   * it, and back once this service's copy holds them (organisation ids in requests are checked against it).
   */
  registerOrganizations(ids: readonly string[], municipality?: string): Promise<void>;
  /** Publishes a CloudEvent to the stream the way another service's outbox relay does. */
  publish<T>(contract: EventContract<T>, aggregateId: string, data: T, options?: { time?: string; municipality?: string }): Promise<string>;
  /** Every event on the JetStream stream so far. */
  events(): Promise<StreamEvent[]>;
  /**
   * A person registered in intake (person.registered and, with `protections`, person.protection-changed, as intake's
   * relay publishes them), once matching has copied it; returns the person id.
   */
  knownPerson(options?: { personId?: string; municipality?: string; protections?: PersonProtection[] }): Promise<string>;
  /**
   * Answers the registry's resource search (request-reply) like the registry would, until the returned stop() is called.
   * `answer` also gets the caller's municipality from the `tsunagu-municipality` header (ADR 0015).
   */
  serveRegistrySearch(answer: (request: ResourceSearchRequest, callerMunicipality: string | undefined) => ResourceSearchResponse): Promise<() => void>;
  loadDemo(): Promise<boolean>;
  close(): Promise<void>;
}

/** Boots the real matching app (Fastify, auth, audit, outbox relay, JetStream consumers) on a fresh database, its own NATS and issuer. */
export async function startMatching(extraEnv: Record<string, string> = {}): Promise<MatchingUnderTest> {
  const [database, nats, issuer] = await Promise.all([createTestDatabase('matching'), startTestNats(), startTestIssuer()]);
  await migrateService(matchingPersistence, { databaseUrl: database.url }, { applicationRole: database.applicationRole });
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    // The service runs as the application role that row-level security holds; migrations ran as the owner.
    DATABASE_URL: database.applicationUrl,
    DATABASE_MIGRATION_URL: database.url,
    DATABASE_POOL_MAX: '10',
    ...nats.serviceEnv('matching'),
    OIDC_ISSUER: issuer.issuer,
    OUTBOX_POLL_INTERVAL_MS: '200',
    NATS_REQUEST_TIMEOUT_MS: '1000',
    MUNICIPALITY: DEMO_MUNICIPALITY.lgCode,
    CITY_DESK_ORGANIZATION_ID: DEMO_ORGANIZATIONS.cityCommunityWelfare.id,
    // Tests run the periodic menu-gap check themselves (MenuGapCheckUseCase), never on a timer.
    MATCHING_GAP_CHECK_INTERVAL_MS: '0',
    LOG_LEVEL: 'silent',
    ...extraEnv,
  };
  const app = await createServiceApp(matchingAppModule(env), MATCHING_APP_OPTIONS);
  app.connectMicroservice({ strategy: JetStreamServer.forApp(app, { retryDelaysMs: [200] }) }, { inheritAppConfig: true });
  // Request-reply as in main.ts (intake's 開示請求 asks matching for a person's records).
  // As its own NATS user, as main.ts does: it may subscribe to its own request subjects only (deploy/local/nats-permissions.cjs).
  const rpcUser = nats.serviceEnv('matching');
  app.connectMicroservice(rpcServerOptions({ service: 'matching', natsUrl: nats.url, natsUser: rpcUser.NATS_USER, natsPassword: rpcUser.NATS_PASSWORD, gracePeriodMs: 0 }), { inheritAppConfig: true });
  await app.init();
  await app.startAllMicroservices();
  await app.getHttpAdapter().getInstance().ready();
  const orm = app.get(MikroORM);
  const staffToken = await issuer.token({ subject: 'participation-1', roles: ['participation-worker'] });
  let connection: NatsConnection | undefined;
  const natsConnection = async () => (connection ??= await connect({ servers: nats.url }));

  const under: MatchingUnderTest = {
    app,
    database,
    issuer,
    nats,
    orm,
    token: (options) => issuer.token(options),
    agencyToken: (organizationId, municipality) =>
      issuer.token({ client: true, clientId: `agency-${organizationId.slice(-4)}`, roles: ['agency'], agency: organizationId, municipality: municipality ?? DEMO_MUNICIPALITY.lgCode }),
    call: (method, path, { token, ...options } = {}) => injectJson(app, method, `${API}${path}`, { ...options, bearer: token === undefined ? staffToken : token }),
    async publish(contract, aggregateId, data, options = {}) {
      const event: CloudEvent = {
        specversion: '1.0',
        id: uuidv7(),
        source: contract.source,
        type: contract.type,
        subject: aggregateId,
        time: options.time ?? new Date().toISOString(),
        datacontenttype: 'application/json',
        municipality: options.municipality ?? DEMO_MUNICIPALITY.lgCode,
        data,
      };
      const h = natsHeaders();
      h.set('tsunagu-municipality', event.municipality);
      await jetstream(await natsConnection()).publish(contract.subject, JSON.stringify(event), { msgID: event.id, headers: h });
      return event.id;
    },
    async registerOrganizations(ids, municipality = DEMO_MUNICIPALITY.lgCode) {
      for (const organizationId of ids) await under.publish(OrganizationRegistered, organizationId, { organizationId, type: 'npo', districtIds: [] }, { municipality });
      await expectEventually(async () => {
        const known = await TenantContext.runAsSystem(municipality, () => orm.em.fork().count(OrganizationCopy, { id: { $in: [...ids] } }));
        expect(known).toBe(new Set(ids).size);
      });
    },
    events: async () => streamEvents(await natsConnection()),
    async knownPerson({ personId = uuidv7(), municipality = DEMO_MUNICIPALITY.lgCode, protections } = {}) {
      await under.publish(PersonRegistered, personId, { personId, identityLevel: 'confirmed' }, { municipality });
      if (protections) await under.publish(PersonProtectionChanged, personId, { personId, householdIds: [], protections }, { municipality });
      await expectEventually(async () => {
        const rows = await asSystem(orm, 'select is_protected from matching.person_copy where person_id = ? and municipality = ?', [personId, municipality], municipality);
        expect(rows).toEqual([{ is_protected: (protections ?? []).length > 0 }]);
      });
      return personId;
    },
    async serveRegistrySearch(answer) {
      // Nest's NATS transport: the request is {pattern, data, id}; the reply {id, response, isDisposed}.
      const subscription = (await natsConnection()).subscribe(SearchResourcesRpc.subject, {
        callback: (_error, message) => {
          const packet = JSON.parse(new TextDecoder().decode(message.data)) as { id: string; data: ResourceSearchRequest };
          const response = answer(packet.data, message.headers?.get(MESSAGE_HEADERS.municipality) || undefined);
          message.respond(new TextEncoder().encode(JSON.stringify({ id: packet.id, response, isDisposed: true })));
        },
      });
      await (await natsConnection()).flush();
      return () => subscription.unsubscribe();
    },
    loadDemo: () => TenantContext.runAsSystem(DEMO_MUNICIPALITY.lgCode, () => loadDemoData(orm.em.fork())),
    async close() {
      await connection?.close();
      await app.close();
      await Promise.all([database.drop(), nats.destroy(), issuer.stop()]);
    },
  };
  // The organisations the tests refer to exist in the registry before anything names them.
  await under.registerOrganizations(FIXTURE_ORGANIZATIONS);
  return under;
}

/** Problem+json check shared by the tests. */
export function expectProblem(reply: Reply, status: number): void {
  expect(reply.status).toBe(status);
  expect(String(reply.headers['content-type'])).toContain('application/problem+json');
  expect(reply.body.status).toBe(status);
  expect(typeof reply.body.title).toBe('string');
}

export const DISTRICT_HOME = '01900000-0000-7000-8000-000000000101';
export const DISTRICT_NEAR = '01900000-0000-7000-8000-000000000102';
export const DISTRICT_FAR = '01900000-0000-7000-8000-000000000103';
export const HOST_ORG = '01900000-0000-7000-8000-000000000003';
export const OTHER_ORG = '01900000-0000-7000-8000-000000000004';
/** Organisations every test app starts with (as the registry publishes them). */
const FIXTURE_ORGANIZATIONS = [HOST_ORG, OTHER_ORG];

/** A registry resource event as the registry's outbox publishes it. */
export function resourceData(resourceId: string, overrides: Partial<ResourceEventData> & { status?: ResourceStatus; category?: ResourceCategory } = {}): ResourceEventData {
  return {
    resourceId,
    status: 'active',
    category: 'day-type-b',
    insuranceScheme: 'comprehensive-programme',
    districtIds: [DISTRICT_HOME],
    organizationId: HOST_ORG,
    public: true,
    lastVerifiedOn: null,
    ...overrides,
  };
}

export async function registerResource(matching: MatchingUnderTest, resourceId: string, overrides: Partial<ResourceEventData> = {}): Promise<void> {
  await matching.publish(ResourceRegistered, resourceId, resourceData(resourceId, { ...overrides, status: 'preparing' }));
  await matching.publish(ResourcePublished, resourceId, resourceData(resourceId, overrides));
}

/** intake's ConsentRecorded / ConsentWithdrawn for scope 参加支援受入先への提供. */
export function hostConsent(consentId: string, personId: string, status: ConsentEventData['status'], targetOrganizationIds: string[] = []): ConsentEventData {
  return { consentId, personId, scope: 'participation-hosts', targetOrganizationIds, method: 'signature', status };
}
export { ConsentRecorded, ConsentWithdrawn };

/** A need body: a person in DISTRICT_HOME who can come on Tuesday mornings and wants a place to be. */
export function needBody(personId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    personId,
    purposes: ['ibasho', 'role-volunteer'],
    interests: ['体操・運動', '園芸'],
    homeDistrictId: DISTRICT_HOME,
    preferredDistrictIds: [DISTRICT_NEAR],
    travelRange: 'nearby-districts',
    availability: [{ weekday: 'tu', slot: 'morning' }],
    maxPhysicalLoad: 'moderate',
    accommodations: [],
    maxFee: 500,
    notes: '人の多い場所が苦手（テスト用メモ）',
    ...overrides,
  };
}

/** Waits for effects that travel through NATS (consumers, the outbox relay); generous, as the test machine is shared. */
export function eventually<T>(assertion: () => Promise<T> | T): Promise<T> {
  return expectEventually(assertion, { timeoutMs: 20000, intervalMs: 100 });
}
