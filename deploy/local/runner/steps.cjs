// The steps of starting the local stack, in the order createStack (../stack.cjs) runs them: build, environment,
// migrations, then the edge in front of whatever is running. Each step is a function of what the ones before gave.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, DEMO_CITY_DESK_ORGANIZATION_ID } = require('../services.cjs');
const { createEdge } = require('../edge.cjs');
const { say } = require('../log.cjs');
const { StackError, run } = require('./processes.cjs');

const NX = path.join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
const MIGRATE_TIMEOUT_MS = Number(process.env.TSUNAGU_MIGRATE_TIMEOUT_MS ?? 180_000);

/** 1. Builds every app of the stack (Nx caches what did not change). */
async function buildApps(present, { track }) {
  const projects = present.map((entry) => entry.project);
  say(`building ${projects.join(', ')} …`);
  const nxEnv = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };
  // A test runner's NODE_ENV=test (vitest, jest) would make Vite build the console in development mode, whose
  // emotion writes inline <style> text the console's CSP refuses: each build decides its own mode.
  delete nxEnv.NODE_ENV;
  await run(process.execPath, [NX, 'run-many', '-t', 'build', '-p', projects.join(','), '--parallel=2', '--outputStyle=static'], { env: nxEnv, track }).catch((error) => {
    throw new StackError(`the build failed (see the output above): ${error.message}\nTo run a subset meanwhile: TSUNAGU_APPS=idp,registry npm start`);
  });
}

/** Each app the stack runs produced its entry point. */
function assertBuilt(runnable) {
  for (const entry of runnable) {
    if (!fs.existsSync(path.join(ROOT, entry.main))) throw new StackError(`${entry.name}: the build did not produce ${entry.main}`);
  }
}

/**
 * 3. The environment every process shares (database, NATS, issuer, the city desk, local development keys), each
 * service's NATS user, and the idp's own settings.
 */
function stackEnvironment({ infrastructure, databaseEnv, publicUrl, logLevel, baseDir, idpPort }) {
  const baseEnv = {
    ...process.env,
    ...infrastructure.env,
    ...databaseEnv,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    LOG_LEVEL: logLevel,
    HOST: '127.0.0.1',
    SHUTDOWN_DRAIN_MS: '0',
    OIDC_ISSUER: `${publicUrl}/idp`,
    TSUNAGU_PUBLIC_URL: publicUrl,
    // The city's own desk (つながる福祉相談窓口) is the effective organisation of city staff, whose tokens carry no agency.
    CITY_DESK_ORGANIZATION_ID: process.env.CITY_DESK_ORGANIZATION_ID ?? DEMO_CITY_DESK_ORGANIZATION_ID,
    // A development key, so the local sealers sign audit checkpoints as production does; never use it elsewhere.
    AUDIT_CHECKPOINT_KEY: process.env.AUDIT_CHECKPOINT_KEY ?? 'local-development-audit-checkpoint-key-not-for-production',
    // Local demo keys (docs/operations/reporting-keys.md): fixed so 実人数 stays comparable across restarts; a deployment sets its own from a Secret.
    REPORTING_PSEUDONYM_KEY: process.env.REPORTING_PSEUDONYM_KEY ?? 'tsunagu-local-demo-pseudonym-key-not-for-production',
    REPORTING_SNAPSHOT_KEY: process.env.REPORTING_SNAPSHOT_KEY ?? 'tsunagu-local-demo-snapshot-key-not-for-production',
  };
  // Each service gets its own NATS user (libs/platform/local-infrastructure/src/nats-permissions.cjs); a NATS_URL from
  // the environment is used as given (with NATS_USER/NATS_PASSWORD when set).
  const natsEnv = (service) => {
    const credentials = infrastructure.natsAuth?.users[service];
    return credentials ? { NATS_USER: credentials.user, NATS_PASSWORD: credentials.password } : {};
  };
  const idpEnv =
    idpPort === undefined
      ? undefined
      : {
          ...baseEnv,
          PORT: String(idpPort),
          IDP_PORT: String(idpPort),
          IDP_ISSUER: `${publicUrl}/idp`,
          IDP_DATA_DIR: path.join(baseDir, 'idp'),
          IDP_CONSOLE_REDIRECT_URIS: process.env.IDP_CONSOLE_REDIRECT_URIS ?? `${publicUrl}/callback,http://localhost:5173/callback`,
        };
  return { baseEnv, natsEnv, idpEnv };
}

/** 4. Migrations (+ demo data) of each service, one after the other, before anything serves. */
async function migrateServices(services, { envOf, track, isStopping }) {
  for (const entry of services) {
    say(`${entry.name}: migrations and demo data …`);
    await run(process.execPath, [entry.main, 'migrate'], { env: { ...envOf(entry), DEMO_DATA: 'true' }, name: entry.name, timeoutMs: MIGRATE_TIMEOUT_MS, track });
    if (isStopping()) return;
  }
}

/**
 * 7. The edge on the public port, balancing over the replicas of each service (and on ::1 too when `localhost` may
 * resolve there). Returns the edges to close.
 */
async function startEdges({ replicaUpstreams, staticDir, landing, consoleConfig, edgePort, edgeHost, edgeLog }) {
  const edgeUpstreams = Object.fromEntries(Object.entries(replicaUpstreams).map(([name, list]) => [name, list.map(({ host, port }) => ({ host, port }))]));
  const edgeOptions = { upstreams: edgeUpstreams, staticDir, landing, publicPort: edgePort, consoleConfig, log: edgeLog };
  const edges = [createEdge(edgeOptions)];
  await edges[0].listen({ port: edgePort, host: edgeHost });
  if (edgeHost === '127.0.0.1') {
    const v6 = createEdge(edgeOptions);
    try {
      await v6.listen({ port: edgePort, host: '::1' });
      edges.push(v6);
    } catch {
      await v6.close().catch(() => undefined);
    }
  }
  return edges;
}

module.exports = { buildApps, assertBuilt, stackEnvironment, migrateServices, startEdges };
