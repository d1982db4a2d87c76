import {
  ConsentRecorded,
  ConsentWithdrawn,
  MESSAGE_HEADERS,
  PersonProtectionChanged,
  PersonRegistered,
  ResourcePublished,
  ResourceRegistered,
  SearchResourcesRpc,
  type ConsentEventData,
  type EventContract,
  type PersonProtection,
  type ResourceCategory,
  type ResourceEventData,
  type ResourceSearchRequest,
  type ResourceSearchResponse,
  type ResourceStatus,
} from '@tsunagu/contracts';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { TenantContext } from '@tsunagu/platform-context';
import { registerOrganizations, startServiceUnderTest, type ServiceUnderTest } from '@tsunagu/platform-service-testing';
import { asSystem, expectEventually, type Reply, type StreamEvent, type TestNats } from '@tsunagu/platform-testing';
import { v7 as uuidv7 } from 'uuid';
import { MATCHING_APP_OPTIONS } from '../src/app-options';
import { matchingAppModule } from '../src/app.module';
import { loadDemoData } from '../src/demo/demo-data';
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

export interface MatchingUnderTest extends Pick<ServiceUnderTest, 'app' | 'database' | 'issuer' | 'orm' | 'token' | 'agencyToken' | 'close'> {
  nats: TestNats;
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
}

/** Boots the real matching app (Fastify, auth, audit, outbox relay, JetStream consumers) on a fresh database, its own NATS and issuer. */
export async function startMatching(extraEnv: Record<string, string> = {}): Promise<MatchingUnderTest> {
  const base = await startServiceUnderTest({
    service: 'matching',
    module: matchingAppModule,
    persistence: matchingPersistence,
    appOptions: MATCHING_APP_OPTIONS,
    caller: { subject: 'participation-1', roles: ['participation-worker'] },
    env: {
      NATS_REQUEST_TIMEOUT_MS: '1000',
      CITY_DESK_ORGANIZATION_ID: DEMO_ORGANIZATIONS.cityCommunityWelfare.id,
      // Tests run the periodic menu-gap check themselves (MenuGapCheckUseCase), never on a timer.
      MATCHING_GAP_CHECK_INTERVAL_MS: '0',
      ...extraEnv,
    },
    consumers: true,
    // Request-reply as in main.ts (intake's 開示請求 asks matching for a person's records).
    rpc: true,
  });
  const { orm } = base;

  const under: MatchingUnderTest = {
    ...base,
    nats: base.nats as TestNats,
    events: () => base.events(),
    registerOrganizations: (ids, municipality) => registerOrganizations(base, ids, { municipality, typeOf: () => 'npo' }),
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
      const connection = await base.natsConnection();
      const subscription = connection.subscribe(SearchResourcesRpc.subject, {
        callback: (_error, message) => {
          const packet = JSON.parse(new TextDecoder().decode(message.data)) as { id: string; data: ResourceSearchRequest };
          const response = answer(packet.data, message.headers?.get(MESSAGE_HEADERS.municipality) || undefined);
          message.respond(new TextEncoder().encode(JSON.stringify({ id: packet.id, response, isDisposed: true })));
        },
      });
      await connection.flush();
      return () => subscription.unsubscribe();
    },
    loadDemo: () => TenantContext.runAsSystem(DEMO_MUNICIPALITY.lgCode, () => loadDemoData(orm.em.fork())),
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
