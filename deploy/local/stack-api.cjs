// A programmatic entry to the local stack for tests (the console's end-to-end tests): starts the real
// stack — embedded PostgreSQL, nats-server, migrations + demo data, idp, services, edge and the built
// console — on a throwaway data directory and a free port, and stops it. Wraps stack.cjs without changing it.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createStack, pickPort } = require('./stack.cjs');

/**
 * startStack({ dataDir, port, apps, logLevel }) → { url, users, stop() }
 *   dataDir  directory for PostgreSQL, NATS and idp keys (default: a new temporary directory, removed on stop)
 *   port     edge port (default: a free port)
 *   apps     subset of the stack table, e.g. ['idp', 'registry', 'console'] (default: everything present)
 * The stack always starts its own PostgreSQL and NATS: DATABASE_URL and NATS_URL are ignored (and removed
 * from this process's environment), so tests never share a database with anything else.
 */
async function startStack({ dataDir, port, apps, logLevel = 'warn' } = {}) {
  const ownDir = !dataDir;
  const baseDir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-stack-'));
  delete process.env.DATABASE_URL;
  delete process.env.NATS_URL;
  if (apps) process.env.TSUNAGU_APPS = apps.join(',');
  const edgePort = port ?? (await pickPort());
  let crashed;
  const stack = createStack({
    baseDir,
    persistent: false,
    preferredPorts: false,
    edgePort,
    edgeHost: '127.0.0.1',
    logLevel,
    onCrash: (message) => {
      crashed = message;
      process.stderr.write(`stack: ${message}\n`);
    },
  });
  const stop = async () => {
    await stack.stop();
    if (ownDir) fs.rmSync(baseDir, { recursive: true, force: true });
  };
  let ready;
  try {
    ready = await stack.start();
  } catch (error) {
    if (ownDir) fs.rmSync(baseDir, { recursive: true, force: true });
    throw error;
  }
  if (!ready) throw new Error(crashed ?? 'the stack stopped while starting');
  return { url: ready.publicUrl, users: ready.users, services: ready.services.map((entry) => entry.name), consoleBuilt: ready.consoleBuilt, crashed: () => crashed, stop };
}

module.exports = { startStack };
