import { TenantContext } from '@tsunagu/platform-context';
import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { startServiceUnderTest, type ServiceUnderTest } from '@tsunagu/platform-service-testing';
import type { TestDatabase, Reply } from '@tsunagu/platform-testing';
import { REGISTRY_APP_OPTIONS } from '../src/app-options';
import { registryAppModule } from '../src/app.module';
import { loadDemoData } from '../src/demo/demo-data';
import { registryPersistence } from '../src/persistence';

export const API = '/api/registry';

export interface RegistryUnderTest extends Pick<ServiceUnderTest, 'app' | 'database' | 'orm' | 'issuer' | 'close'> {
  /** Calls the API as an admin of the registry's municipality unless `token` (or `token: null` for none) is given. */
  call(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    options?: { body?: unknown; raw?: string | Buffer; headers?: Record<string, string>; token?: string | null },
  ): Promise<Reply>;
  /** Loads the Takamatsu demo data (as `main.js migrate` with DEMO_DATA=true does). */
  loadDemo(): Promise<boolean>;
}

export { REGISTRY_APP_OPTIONS as APP_OPTIONS } from '../src/app-options';

/** Boots the real registry app (Fastify, validation, problem+json) on a fresh, migrated database. */
export async function startRegistry(options: { municipality?: string; database?: TestDatabase; rpc?: boolean } = {}): Promise<RegistryUnderTest> {
  const municipality = options.municipality ?? DEMO_MUNICIPALITY.lgCode;
  const under = await startServiceUnderTest({
    service: 'registry',
    module: registryAppModule,
    persistence: registryPersistence,
    appOptions: REGISTRY_APP_OPTIONS,
    caller: { roles: ['admin'], municipality, expiresIn: 3600 },
    env: { MUNICIPALITY: municipality },
    poolMax: 5,
    // No consumers: the registry only publishes; its request-reply side on the test run's shared NATS.
    nats: false,
    database: options.database,
    rpc: options.rpc,
  });
  return {
    ...under,
    loadDemo: () => TenantContext.runAsSystem(DEMO_MUNICIPALITY.lgCode, () => loadDemoData(under.orm.em.fork())),
  };
}

/** Problem+json check shared by the bad-input tests. */
export function expectProblem(reply: Reply, status: number): void {
  expect(reply.status).toBe(status);
  expect(String(reply.headers['content-type'])).toContain('application/problem+json');
  expect(reply.body.status).toBe(status);
  expect(typeof reply.body.title).toBe('string');
}
