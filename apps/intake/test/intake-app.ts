import { MikroORM } from '@mikro-orm/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TenantContext } from '@tsunagu/platform-context';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { createServiceApp } from '@tsunagu/platform-http';
import { JetStreamServer } from '@tsunagu/platform-messaging';
import { migrateService } from '@tsunagu/platform-persistence';
import {
  createTestDatabase,
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
import { connect, type NatsConnection } from 'nats';
import { intakeAppModule } from '../src/app.module';
import { loadDemoData } from '../src/demo/demo-data';
import { INTAKE_APP_OPTIONS } from '../src/openapi';
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
  /** Every event on the JetStream stream so far. */
  events(): Promise<StreamEvent[]>;
  loadDemo(): Promise<boolean>;
  close(): Promise<void>;
}

/** Boots the real intake app (Fastify, auth, audit, outbox relay) on a fresh database, its own NATS and issuer. */
export async function startIntake(): Promise<IntakeUnderTest> {
  const [database, nats, issuer] = await Promise.all([createTestDatabase('intake'), startTestNats(), startTestIssuer()]);
  await migrateService(intakePersistence, { databaseUrl: database.url });
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '10',
    NATS_URL: nats.url,
    OIDC_ISSUER: issuer.issuer,
    OUTBOX_POLL_INTERVAL_MS: '200',
    MUNICIPALITY: DEMO_MUNICIPALITY.lgCode,
    LOG_LEVEL: 'silent',
  };
  const app = await createServiceApp(intakeAppModule(env), INTAKE_APP_OPTIONS);
  app.connectMicroservice({ strategy: JetStreamServer.forApp(app, { retryDelaysMs: [200] }) }, { inheritAppConfig: true });
  await app.init();
  await app.startAllMicroservices();
  await app.getHttpAdapter().getInstance().ready();
  const orm = app.get(MikroORM);
  const staffToken = await issuer.token({ subject: 'caseworker-1', roles: ['caseworker'] });
  let reader: NatsConnection | undefined;

  return {
    app,
    database,
    issuer,
    nats,
    orm,
    token: (options) => issuer.token(options),
    agencyToken: (organizationId, municipality) =>
      issuer.token({ client: true, clientId: `agency-${organizationId.slice(-4)}`, roles: ['agency'], agency: organizationId, municipality: municipality ?? DEMO_MUNICIPALITY.lgCode }),
    call: (method, path, { token, ...options } = {}) => injectJson(app, method, `${API}${path}`, { ...options, bearer: token === undefined ? staffToken : token }),
    async events() {
      reader ??= await connect({ servers: nats.url });
      return streamEvents(reader);
    },
    loadDemo: () => TenantContext.runAsSystem(DEMO_MUNICIPALITY.lgCode, () => loadDemoData(orm.em.fork())),
    async close() {
      await reader?.close();
      await app.close();
      await Promise.all([database.drop(), nats.destroy(), issuer.stop()]);
    },
  };
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
