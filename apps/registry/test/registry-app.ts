import { MikroORM } from '@mikro-orm/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TenantContext } from '@tsunagu/platform-context';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { createServiceApp } from '@tsunagu/platform-service';
import { rpcServerOptions } from '@tsunagu/platform-messaging';
import { migrateService } from '@tsunagu/platform-persistence';
import { createTestDatabase, startTestIssuer, injectJson, type TestDatabase, type TestIssuer, type Reply } from '@tsunagu/platform-testing';
import { REGISTRY_APP_OPTIONS } from '../src/app-options';
import { registryAppModule } from '../src/app.module';
import { loadDemoData } from '../src/demo/demo-data';
import { registryPersistence } from '../src/persistence';

export const API = '/api/registry';

export interface RegistryUnderTest {
  app: NestFastifyApplication;
  database: TestDatabase;
  orm: MikroORM;
  issuer: TestIssuer;
  /** Calls the API as an admin of the registry's municipality unless `token` (or `token: null` for none) is given. */
  call(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    options?: { body?: unknown; raw?: string | Buffer; headers?: Record<string, string>; token?: string | null },
  ): Promise<Reply>;
  /** Loads the Takamatsu demo data (as `main.js migrate` with DEMO_DATA=true does). */
  loadDemo(): Promise<boolean>;
  close(): Promise<void>;
}

export { REGISTRY_APP_OPTIONS as APP_OPTIONS } from '../src/app-options';

/** Boots the real registry app (Fastify, validation, problem+json) on a fresh, migrated database. */
export async function startRegistry(options: { municipality?: string; database?: TestDatabase; rpc?: boolean } = {}): Promise<RegistryUnderTest> {
  const database = options.database ?? (await createTestDatabase('registry'));
  const issuer = await startTestIssuer();
  const municipality = options.municipality ?? DEMO_MUNICIPALITY.lgCode;
  await migrateService(registryPersistence, { databaseUrl: database.url }, { applicationRole: database.applicationRole });
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    // The service runs as the application role that row-level security holds; migrations ran as the owner.
    DATABASE_URL: database.applicationUrl,
    DATABASE_MIGRATION_URL: database.url,
    DATABASE_POOL_MAX: '5',
    NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    OIDC_ISSUER: issuer.issuer,
    OIDC_AUDIENCE: issuer.audience,
    MUNICIPALITY: municipality,
    LOG_LEVEL: 'silent',
  };
  const app = await createServiceApp(registryAppModule(env), REGISTRY_APP_OPTIONS);
  if (options.rpc) {
    // As main.ts does: the NATS request-reply side, with the app's pipes and filters.
    app.connectMicroservice(rpcServerOptions({ service: 'registry', natsUrl: env.NATS_URL }), { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const orm = app.get(MikroORM);
  const adminToken = await issuer.token({ roles: ['admin'], municipality, expiresIn: 3600 });

  return {
    app,
    database,
    orm,
    issuer,
    call: (method, path, { token = adminToken, ...options } = {}) => injectJson(app, method, `${API}${path}`, { ...options, bearer: token }),
    loadDemo: () => TenantContext.runAsSystem(DEMO_MUNICIPALITY.lgCode, () => loadDemoData(orm.em.fork())),
    async close() {
      await app.close();
      await issuer.stop();
      if (!options.database) await database.drop();
    },
  };
}

/** Problem+json check shared by the bad-input tests. */
export function expectProblem(reply: Reply, status: number): void {
  expect(reply.status).toBe(status);
  expect(String(reply.headers['content-type'])).toContain('application/problem+json');
  expect(reply.body.status).toBe(status);
  expect(typeof reply.body.title).toBe('string');
}
