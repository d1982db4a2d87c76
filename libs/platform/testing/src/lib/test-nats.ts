import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The same launcher `npm start` uses, so tests run the broker exactly as the local stack does.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries -- plain-JS launcher outside the project graph
const infrastructure = require('../../../../../deploy/local/infrastructure.cjs') as {
  startNats(options: { storeDir: string; port?: number }): Promise<{ url: string; stop(): Promise<void> }>;
};

export interface TestNats {
  url: string;
  /** Stops the server (simulating an outage when the test restarts it on the same port). */
  stop(): Promise<void>;
  /** Starts the server again on the same port and store. */
  restart(): Promise<void>;
  /** Stops the server and removes its store. */
  destroy(): Promise<void>;
}

/** A private `nats-server -js` for one test file: its own port and JetStream store, no shared streams. */
export async function startTestNats(): Promise<TestNats> {
  const storeDir = mkdtempSync(join(tmpdir(), 'tsunagu-nats-'));
  let server = await infrastructure.startNats({ storeDir });
  const port = Number(new URL(server.url).port);
  return {
    url: server.url,
    stop: () => server.stop(),
    restart: async () => {
      server = await infrastructure.startNats({ storeDir, port });
    },
    destroy: async () => {
      await server.stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
