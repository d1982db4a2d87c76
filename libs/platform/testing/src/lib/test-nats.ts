import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface NatsAuth {
  users: Record<string, { user: string; password: string }>;
  superuser: { user: string; password: string };
}

// The same launcher `npm start` uses, so tests run the broker exactly as the local stack does.
// eslint-disable-next-line @nx/enforce-module-boundaries -- plain JS, required by path: it runs unbuilt (libs/platform/local-infrastructure)
const infrastructure = require('../../../local-infrastructure/src/infrastructure.cjs') as {
  startNats(options: { storeDir: string; port?: number; auth?: NatsAuth; anonymous?: boolean }): Promise<{ url: string; stop(): Promise<void> }>;
  natsCredentials(): NatsAuth;
};

/** The environment a service under test connects to NATS with: its own user (libs/platform/local-infrastructure/src/nats-permissions.cjs). */
export interface TestNatsServiceEnv {
  NATS_URL: string;
  NATS_USER: string;
  NATS_PASSWORD: string;
}

export interface TestNats {
  /** Connecting here without credentials makes a client the superuser (tests written before the per-service users). */
  url: string;
  /**
   * NATS_URL, NATS_USER and NATS_PASSWORD of one service's own user — publishing only its own events, as in the local
   * stack and production. Throws for a name that has no user (libs/platform/local-infrastructure/src/nats-permissions.cjs lists them).
   */
  serviceEnv(service: string): TestNatsServiceEnv;
  /** User and password of the superuser (may publish anything: a hostile or broken producer). */
  superuser: { user: string; password: string };
  /** Stops the server (simulating an outage when the test restarts it on the same port). */
  stop(): Promise<void>;
  /** Starts the server again on the same port and store. */
  restart(): Promise<void>;
  /** Stops the server and removes its store. */
  destroy(): Promise<void>;
}

/**
 * A private `nats-server -js` for one test file: its own port and JetStream store, no shared streams, and the users
 * of the local stack — one per service with publish rights on its own subjects only, plus a superuser that clients
 * without credentials connect as.
 */
export async function startTestNats(): Promise<TestNats> {
  const storeDir = mkdtempSync(join(tmpdir(), 'tsunagu-nats-'));
  const auth = infrastructure.natsCredentials();
  let server = await infrastructure.startNats({ storeDir, auth, anonymous: true });
  const port = Number(new URL(server.url).port);
  return {
    url: server.url,
    serviceEnv: (service) => {
      const credentials = auth.users[service];
      if (!credentials) throw new Error(`no NATS user for '${service}' (libs/platform/local-infrastructure/src/nats-permissions.cjs)`);
      return { NATS_URL: server.url, NATS_USER: credentials.user, NATS_PASSWORD: credentials.password };
    },
    superuser: auth.superuser,
    stop: () => server.stop(),
    restart: async () => {
      server = await infrastructure.startNats({ storeDir, port, auth, anonymous: true });
    },
    destroy: async () => {
      await server.stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
