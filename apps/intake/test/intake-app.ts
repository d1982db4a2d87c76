import { MikroORM } from '@mikro-orm/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OrganizationRegistered, type OrganizationType } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { createServiceApp } from '@tsunagu/platform-service';
import { JetStreamServer } from '@tsunagu/platform-messaging';
import { migrateService } from '@tsunagu/platform-persistence';
import {
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
import { intakeAppModule } from '../src/app.module';
import { loadDemoData } from '../src/demo/demo-data';
import { INTAKE_APP_OPTIONS } from '../src/openapi';
import { OrganizationCopy } from '@tsunagu/registry-organization-copy';
import { intakePersistence } from '../src/persistence';

export const API = '/api/intake';

type Method = 'GET' | 'POST' | 'PATCH';
interface CallOptions {
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  /** Bearer token; defaults to a caseworker of Takamatsu. */
  token?: string | null;
}

export interface Download {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
}

export interface IntakeUnderTest {
  app: NestFastifyApplication;
  database: TestDatabase;
  issuer: TestIssuer;
  nats: TestNats;
  orm: MikroORM;
  token(options?: TestTokenOptions): Promise<string>;
  /** Token of an agency client (client credentials) of an organisation. */
  agencyToken(organizationId: string, municipality?: string): Promise<string>;
  call(method: Method, path: string, options?: CallOptions): Promise<Reply>;
  /** A GET whose answer is bytes (a PDF, a pack): status, headers and the raw body, which `call` would read as text. */
  download(path: string, token?: string): Promise<Download>;
  /** Every event on the JetStream stream so far. */
  events(): Promise<StreamEvent[]>;
  /**
   * The registry registers these organisations: OrganizationRegistered on the stream, as its outbox publishes it,
   * and back once intake's copy holds them (organisation ids in requests are checked against it). The demo
   * organisations — ORG_A, ORG_B, DESK … — are registered before the app is handed out.
   */
  registerOrganizations(ids: readonly string[], municipality?: string): Promise<void>;
  loadDemo(): Promise<boolean>;
  close(): Promise<void>;
}

/** Boots the real intake app (Fastify, auth, audit, outbox relay) on a fresh database, its own NATS and issuer. */
export async function startIntake(overrides: Record<string, string> = {}): Promise<IntakeUnderTest> {
  const [database, nats, issuer] = await Promise.all([createTestDatabase('intake'), startTestNats(), startTestIssuer()]);
  await migrateService(intakePersistence, { databaseUrl: database.url }, { applicationRole: database.applicationRole });
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    // The service runs as the application role that row-level security holds; migrations ran as the owner.
    DATABASE_URL: database.applicationUrl,
    DATABASE_MIGRATION_URL: database.url,
    DATABASE_POOL_MAX: '10',
    ...nats.serviceEnv('intake'),
    OIDC_ISSUER: issuer.issuer,
    OUTBOX_POLL_INTERVAL_MS: '200',
    MUNICIPALITY: DEMO_MUNICIPALITY.lgCode,
    LOG_LEVEL: 'silent',
    // City staff (no agency claim) work at the municipality's own desk, as in the demo (docs/security/access-model.md).
    CITY_DESK_ORGANIZATION_ID: DESK,
    ...overrides,
  };
  const app = await createServiceApp(intakeAppModule(env), INTAKE_APP_OPTIONS);
  app.connectMicroservice({ strategy: JetStreamServer.forApp(app, { retryDelaysMs: [200] }) }, { inheritAppConfig: true });
  await app.init();
  await app.startAllMicroservices();
  await app.getHttpAdapter().getInstance().ready();
  const orm = app.get(MikroORM);
  const staffToken = await issuer.token({ subject: 'caseworker-1', roles: ['caseworker'] });
  let reader: NatsConnection | undefined;

  const under: IntakeUnderTest = {
    app,
    database,
    issuer,
    nats,
    orm,
    token: (options) => issuer.token(options),
    agencyToken: (organizationId, municipality) =>
      issuer.token({ client: true, clientId: `agency-${organizationId.slice(-4)}`, roles: ['agency'], agency: organizationId, municipality: municipality ?? DEMO_MUNICIPALITY.lgCode }),
    call: (method, path, { token, ...options } = {}) => injectJson(app, method, `${API}${path}`, { ...options, bearer: token === undefined ? staffToken : token }),
    download: async (path, token) => {
      const response = await app.inject({ method: 'GET', url: `${API}${path}`, headers: { authorization: `Bearer ${token ?? staffToken}` } });
      return { status: response.statusCode, headers: response.headers, body: response.rawPayload };
    },
    async events() {
      reader ??= await connect({ servers: nats.url });
      return streamEvents(reader);
    },
    async registerOrganizations(ids, municipality = DEMO_MUNICIPALITY.lgCode) {
      reader ??= await connect({ servers: nats.url });
      const demo = Object.values(DEMO_ORGANIZATIONS);
      for (const organizationId of ids) {
        const type = (demo.find((organization) => organization.id === organizationId)?.type ?? 'npo') as OrganizationType;
        const event = {
          specversion: '1.0',
          id: uuidv7(),
          source: OrganizationRegistered.source,
          type: OrganizationRegistered.type,
          subject: organizationId,
          time: new Date().toISOString(),
          datacontenttype: 'application/json',
          municipality,
          data: { organizationId, type, districtIds: [] },
        };
        const h = natsHeaders();
        h.set('tsunagu-municipality', municipality);
        await jetstream(reader).publish(OrganizationRegistered.subject, JSON.stringify(event), { msgID: event.id, headers: h });
      }
      await expectEventually(async () => {
        const known = await TenantContext.runAsSystem(municipality, () => orm.em.fork().count(OrganizationCopy, { id: { $in: [...ids] } }));
        expect(known).toBe(new Set(ids).size);
      });
    },
    loadDemo: () => TenantContext.runAsSystem(DEMO_MUNICIPALITY.lgCode, () => loadDemoData(orm.em.fork())),
    async close() {
      await reader?.close();
      await app.close();
      await Promise.all([database.drop(), nats.destroy(), issuer.stop()]);
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
