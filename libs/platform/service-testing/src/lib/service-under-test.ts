import { MikroORM } from '@mikro-orm/core';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import { MESSAGE_HEADERS, OrganizationRegistered, type CloudEvent, type EventContract, type OrganizationType } from '@tsunagu/contracts';
import { TenantContext } from '@tsunagu/platform-context';
import { DEMO_MUNICIPALITY, DEMO_ORGANIZATIONS } from '@tsunagu/demo-data';
import { JetStreamServer, rpcServerOptions } from '@tsunagu/platform-messaging';
import { migrateService, type ServicePersistence } from '@tsunagu/platform-persistence';
import { createServiceApp, type ServiceAppOptions } from '@tsunagu/platform-service';
import { OrganizationCopy } from '@tsunagu/registry-organization-copy';
import {
  createTestDatabase,
  expectEventually,
  injectJson,
  startTestIssuer,
  startTestNats,
  streamEvents,
  type InjectOptions,
  type Reply,
  type StreamEvent,
  type TestDatabase,
  type TestIssuer,
  type TestNats,
  type TestTokenOptions,
} from '@tsunagu/platform-testing';

export type ServiceEnv = Record<string, string | undefined>;

export interface ServiceUnderTestOptions {
  /** The service's name: its database prefix, NATS user and API path (`/api/<service>`). */
  service: string;
  /** The service's root module for an environment (`intakeAppModule`). */
  module: (env: ServiceEnv) => Type<unknown>;
  persistence: ServicePersistence;
  appOptions: ServiceAppOptions;
  /** The caller `call` and `download` use unless given a token. */
  caller: TestTokenOptions;
  /** The service's own settings (intervals, desks …), over the common ones. */
  env?: Record<string, string | undefined>;
  /** `DATABASE_POOL_MAX`; 10 unless the service needs fewer. */
  poolMax?: number;
  /**
   * A private broker for the test file (`true`, the default when JetStream consumers run), one to share with another
   * service under test, or `false`: the shared NATS_URL of the test run (a service that only answers requests).
   */
  nats?: TestNats | boolean;
  issuer?: TestIssuer;
  database?: TestDatabase;
  /** Runs the JetStream consumers, as main.ts does. */
  consumers?: boolean;
  /** Answers NATS requests, as main.ts does (as the service's own NATS user on a private broker). */
  rpc?: boolean;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface CallOptions extends Omit<InjectOptions, 'bearer'> {
  /** Bearer token; defaults to the service's caller, `null` for none. */
  token?: string | null;
}

/** A GET whose answer is bytes (a PDF, a pack): status, headers and the raw body, which `call` would read as text. */
export interface Download {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
}

export interface ServiceUnderTest {
  app: NestFastifyApplication;
  database: TestDatabase;
  issuer: TestIssuer;
  /** The private broker; undefined with `nats: false`. */
  nats: TestNats | undefined;
  orm: MikroORM;
  token(options?: TestTokenOptions): Promise<string>;
  /** Token of an agency client (client credentials) of an organisation. */
  agencyToken(organizationId: string, municipality?: string): Promise<string>;
  call(method: Method, path: string, options?: CallOptions): Promise<Reply>;
  download(path: string, token?: string): Promise<Download>;
  /** A client of the broker (the superuser), opened on first use and closed with the app. */
  natsConnection(): Promise<NatsConnection>;
  /** Every event on the JetStream stream so far. */
  events(options?: { skipMissing?: boolean }): Promise<StreamEvent[]>;
  /** Publishes a CloudEvent to the stream the way another service's outbox relay does; returns its id. */
  publish<T>(contract: EventContract<T>, aggregateId: string, data: T, options?: { time?: string; municipality?: string }): Promise<string>;
  close(): Promise<void>;
}

/**
 * Boots a real service app (Fastify, validation, auth, problem+json; with `consumers` its JetStream consumers and
 * outbox relay) on a fresh, migrated database, a broker and a test issuer: the common part of `apps/*\/test/*-app.ts`.
 */
export async function startServiceUnderTest(options: ServiceUnderTestOptions): Promise<ServiceUnderTest> {
  const { service } = options;
  const privateNats = options.nats ?? true;
  const [database, nats, issuer] = await Promise.all([
    options.database ?? createTestDatabase(service),
    privateNats === true ? startTestNats() : privateNats === false ? undefined : privateNats,
    options.issuer ?? startTestIssuer(),
  ]);
  await migrateService(options.persistence, { databaseUrl: database.url }, { applicationRole: database.applicationRole });
  const natsEnv = nats ? nats.serviceEnv(service) : { NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222' };
  const env: ServiceEnv = {
    ...process.env,
    NODE_ENV: 'test',
    // The service runs as the application role that row-level security holds; migrations ran as the owner.
    DATABASE_URL: database.applicationUrl,
    DATABASE_MIGRATION_URL: database.url,
    DATABASE_POOL_MAX: String(options.poolMax ?? 10),
    ...natsEnv,
    OIDC_ISSUER: issuer.issuer,
    OIDC_AUDIENCE: issuer.audience,
    OUTBOX_POLL_INTERVAL_MS: '200',
    MUNICIPALITY: DEMO_MUNICIPALITY.lgCode,
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  const app = await createServiceApp(options.module(env), options.appOptions);
  if (options.consumers) JetStreamServer.connect(app, { retryDelaysMs: [200] });
  if (options.rpc) {
    // Request-reply as in main.ts, with the app's pipes and filters; on a private broker as the service's own NATS user,
    // which may subscribe to its own request subjects only (libs/platform/local-infrastructure/src/nats-permissions.cjs).
    const user = nats?.serviceEnv(service);
    app.connectMicroservice(rpcServerOptions({ service, natsUrl: natsEnv.NATS_URL, natsUser: user?.NATS_USER, natsPassword: user?.NATS_PASSWORD, gracePeriodMs: 0 }), {
      inheritAppConfig: true,
    });
  }
  await app.init();
  if (options.consumers || options.rpc) await app.startAllMicroservices();
  await app.getHttpAdapter().getInstance().ready();
  const orm = app.get(MikroORM);
  const callerToken = await issuer.token(options.caller);
  const api = `/api/${service}`;
  let connection: NatsConnection | undefined;
  const natsConnection = async () => (connection ??= await connect({ servers: nats?.url ?? natsEnv.NATS_URL }));

  return {
    app,
    database,
    issuer,
    nats,
    orm,
    token: (tokenOptions) => issuer.token(tokenOptions),
    agencyToken: (organizationId, municipality = DEMO_MUNICIPALITY.lgCode) =>
      issuer.token({ client: true, clientId: `agency-${organizationId.slice(-4)}`, roles: ['agency'], agency: organizationId, municipality }),
    call: (method, path, { token, ...callOptions } = {}) => injectJson(app, method, `${api}${path}`, { ...callOptions, bearer: token === undefined ? callerToken : token }),
    async download(path, token) {
      const response = await app.inject({ method: 'GET', url: `${api}${path}`, headers: { authorization: `Bearer ${token ?? callerToken}` } });
      return { status: response.statusCode, headers: response.headers, body: response.rawPayload };
    },
    natsConnection,
    events: async (eventOptions) => streamEvents(await natsConnection(), eventOptions),
    async publish(contract, aggregateId, data, { time, municipality = DEMO_MUNICIPALITY.lgCode } = {}) {
      const event: CloudEvent = {
        specversion: '1.0',
        id: uuidv7(),
        source: contract.source,
        type: contract.type,
        subject: aggregateId,
        time: time ?? new Date().toISOString(),
        datacontenttype: 'application/json',
        municipality,
        data,
      };
      const h = natsHeaders();
      h.set(MESSAGE_HEADERS.municipality, municipality);
      await jetstream(await natsConnection()).publish(contract.subject, JSON.stringify(event), { msgID: event.id, headers: h });
      return event.id;
    },
    async close() {
      await connection?.close();
      await app.close();
      await Promise.all([
        options.database ? undefined : database.drop(),
        nats && privateNats === true ? nats.destroy() : undefined,
        options.issuer ? undefined : issuer.stop(),
      ]);
    },
  };
}

/**
 * The registry registers these organisations: OrganizationRegistered on the stream, as its outbox publishes it, and
 * back once the service's copy holds them (organisation ids in requests are checked against it). A demo
 * organisation keeps its type unless `typeOf` says otherwise; any other is an NPO.
 */
export async function registerOrganizations(
  under: Pick<ServiceUnderTest, 'orm' | 'publish'>,
  ids: readonly string[],
  { municipality = DEMO_MUNICIPALITY.lgCode, typeOf = demoOrganizationType }: { municipality?: string; typeOf?: (organizationId: string) => OrganizationType } = {},
): Promise<void> {
  for (const organizationId of ids) await under.publish(OrganizationRegistered, organizationId, { organizationId, type: typeOf(organizationId), districtIds: [] }, { municipality });
  await expectEventually(async () => {
    const known = await TenantContext.runAsSystem(municipality, () => under.orm.em.fork().count(OrganizationCopy, { id: { $in: [...ids] } }));
    expect(known).toBe(new Set(ids).size);
  });
}

function demoOrganizationType(organizationId: string): OrganizationType {
  return (Object.values(DEMO_ORGANIZATIONS).find((organization) => organization.id === organizationId)?.type ?? 'npo') as OrganizationType;
}
