// Starts the whole local stack — infrastructure, build, migrations (+ demo data), idp, services and the
// edge — and stops it in order. Used by `npm start`, `npm run bench` and `npm run chaos`. bootstrap.cjs runs this file
// as a detached supervisor process so that Ctrl-C in the terminal reaches only the supervisor, which then
// stops services first, then NATS and PostgreSQL (instead of every process dying at once). The steps are in
// runner/steps.cjs, the processes (restarts, readiness, ports) in runner/processes.cjs.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ensureInfrastructure, findOnPath, NATS_INSTALL_HINT } = require('../../libs/platform/local-infrastructure/src/infrastructure.cjs');
const { prepareLocalDatabase } = require('../../libs/platform/local-infrastructure/src/database-roles.cjs');
const { resolveStack, ROOT } = require('./services.cjs');
const { renderLanding } = require('./landing.cjs');
const { prefixer, say, warn, fail } = require('./log.cjs');
const { StackError, nextRestart, portIsFree, pickPort, httpGet, run, capture, createProcessGroup } = require('./runner/processes.cjs');
const { parseReplicas, replicasOf } = require('./runner/replicas.cjs');
const { demoUsersFrom, parseUsers, formatUsers } = require('./runner/demo-users.cjs');
const { supervise } = require('./runner/supervise.cjs');
const { buildApps, assertBuilt, stackEnvironment, migrateServices, startEdges } = require('./runner/steps.cjs');

const READY_TIMEOUT_MS = Number(process.env.TSUNAGU_READY_TIMEOUT_MS ?? 90_000);

/**
 * The embedded PostgreSQL already running on `dataDir` (another `npm start`), read from postmaster.pid:
 * returns { pid, port } or undefined.
 */
function runningPostgres(dataDir) {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return undefined;
  }
}

/**
 * Prepares the stack: `start()` resolves when everything is ready (or undefined when stopped meanwhile);
 * `stop()` may be called at any time, also while starting. `onCrash(message)` is called if a child dies.
 */
function createStack({
  baseDir,
  persistent = true,
  edgePort = Number(process.env.TSUNAGU_PORT ?? 8080),
  edgeHost = process.env.TSUNAGU_HOST ?? '127.0.0.1',
  logLevel = process.env.LOG_LEVEL ?? 'info',
  showInfrastructureLogs = process.env.TSUNAGU_VERBOSE === '1',
  // `npm start` keeps the table's ports (stable URLs for developers); throwaway stacks take any free port, so two of
  // them starting at once (a test run beside a developer's stack) cannot both pick the same preferred port.
  preferredPorts = true,
  // Processes per service ({ intake: 2 }); TSUNAGU_REPLICAS when not given. The edge balances between them.
  replicas = process.env.TSUNAGU_REPLICAS,
  // Starts PostgreSQL and NATS: ensureInfrastructure's shape ({ env, natsAuth, stop }); `npm run chaos` passes its own
  // so that it can kill and restart them.
  startInfrastructure = ensureInfrastructure,
  // Ten processes starting at once on a shared laptop take longer than one of each.
  readyTimeoutMs = READY_TIMEOUT_MS,
  // The edge's upstream errors (`edge: POST /api/intake/… → intake: ECONNRESET`): shown with TSUNAGU_VERBOSE=1.
  edgeLog = (line) => process.env.TSUNAGU_VERBOSE === '1' && warn(line),
  onCrash = () => undefined,
} = {}) {
  let stopping = false;
  const isStopping = () => stopping;
  const group = createProcessGroup({ onCrash, isStopping, readyTimeoutMs });
  let foreground; // the build or migration currently running
  const track = (child) => (foreground = child);
  let infrastructure;
  let infrastructurePending;
  let edges = [];

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    foreground?.kill('SIGTERM');
    await Promise.all(edges.map((edge) => edge.close().catch(() => undefined)));
    await group.stop();
    await infrastructurePending?.catch(() => undefined);
    if (infrastructure) {
      say('stopping NATS and PostgreSQL …');
      await infrastructure.stop();
    }
  };

  const start = async () => {
    try {
      const { present, missing } = resolveStack();
      const runnable = present.filter((entry) => entry.kind !== 'static');
      const staticApps = present.filter((entry) => entry.kind === 'static');
      if (missing.length) say(`not in this checkout yet (skipped): ${missing.map((entry) => entry.name).join(', ')}`);
      if (!runnable.length) throw new StackError('no apps found under apps/ — nothing to start');
      const serviceNames = runnable.filter((entry) => entry.kind === 'service').map((entry) => entry.name);
      const replicaCounts = typeof replicas === 'object' ? replicas : parseReplicas(replicas, serviceNames);

      if (!process.env.NATS_URL && !findOnPath('nats-server')) throw new StackError(NATS_INSTALL_HINT, 2);
      const running = persistent ? runningPostgres(path.join(baseDir, 'postgres')) : undefined;
      if (running && !process.env.DATABASE_URL) {
        throw new StackError(`the PostgreSQL of ${baseDir} is already running (pid ${running.pid}, port ${running.port}) — is another \`npm start\` running?`);
      }
      if (!(await portIsFree(edgePort, edgeHost))) {
        throw new StackError(`port ${edgePort} is in use — is another \`npm start\` running? Choose another with TSUNAGU_PORT=8081 npm start`);
      }
      const publicUrl = `http://localhost:${edgePort}`;

      // 1. Build.
      await buildApps(present, { track });
      if (stopping) return;
      assertBuilt(runnable);

      // 2. Infrastructure under baseDir (PostgreSQL data and the NATS store persist there for `npm start`).
      say(`starting PostgreSQL and NATS JetStream (data in ${path.relative(ROOT, baseDir) || baseDir}) …`);
      const infraOut = prefixer('infra', { filter: (line) => showInfrastructureLogs || /\b(ERROR|FATAL|PANIC|\[ERR\]|\[FTL\])/.test(line) });
      // Each service gets its own NATS user; nobody connects without credentials.
      infrastructurePending = startInfrastructure({ baseDir, persistent, log: infraOut, anonymousNats: false });
      infrastructure = await infrastructurePending;
      if (stopping) return;
      // Migrations as the owner role, services as the application role that row-level security holds (ADR 0012). A
      // DATABASE_URL from the environment is used as given (with DATABASE_MIGRATION_URL when set).
      const databaseEnv = process.env.DATABASE_URL
        ? { DATABASE_URL: process.env.DATABASE_URL, ...(process.env.DATABASE_MIGRATION_URL ? { DATABASE_MIGRATION_URL: process.env.DATABASE_MIGRATION_URL } : {}) }
        : await prepareLocalDatabase(infrastructure.env.DATABASE_URL);
      if (stopping) return;

      // 3. Ports and environment: one port per process (a service's first replica keeps the table's port).
      const idpEntry = runnable.find((entry) => entry.kind === 'idp');
      const services = runnable.filter((entry) => entry.kind === 'service');
      const processes = services.flatMap((entry) => replicasOf(entry, replicaCounts[entry.name]));
      const ports = {};
      for (const entry of [...(idpEntry ? [idpEntry] : []), ...processes]) ports[entry.name] = await pickPort(preferredPorts && (entry.replica ?? 1) === 1 ? entry.port : undefined);
      const firstPort = (service) => ports[processes.find((entry) => entry.service === service).name];
      if (processes.length > services.length) say(`replicas: ${processes.map((entry) => entry.name).join(', ')}`);
      const { baseEnv, natsEnv, idpEnv } = stackEnvironment({ infrastructure, databaseEnv, publicUrl, logLevel, baseDir, idpPort: idpEntry ? ports.idp : undefined });

      // 4. Migrations (+ demo data) before anything serves.
      await migrateServices(services, { envOf: (entry) => ({ ...baseEnv, ...natsEnv(entry.name), PORT: String(firstPort(entry.name)) }), track, isStopping });
      if (stopping) return;
      const waitReady = (entry) => group.waitReady(entry, `http://127.0.0.1:${ports[entry.name]}${entry.ready}`);

      // 5. The idp first: services verify tokens against its JWKS.
      let jwksUri;
      let users = [];
      let usersText = '';
      if (idpEntry) {
        group.launch(idpEntry, idpEnv);
        await waitReady(idpEntry);
        if (stopping) return;
        const discovery = JSON.parse((await httpGet(`http://127.0.0.1:${ports.idp}${idpEntry.ready}`)).body);
        // The discovery document names the public JWKS URL; services fetch it directly from the idp's port.
        jwksUri = `http://127.0.0.1:${ports.idp}${new URL(discovery.jwks_uri).pathname}`;
        // The idp prints its demo users table when it starts ("Demo users …" to the end of that output).
        await new Promise((resolve) => setTimeout(resolve, 200));
        ({ users, text: usersText } = demoUsersFrom(group.get('idp').stdout));
      } else {
        warn('apps/idp is not in this checkout: services start without a token issuer');
      }

      // 6. Services (every replica), all at once, then wait until each is ready (DB + NATS).
      for (const entry of processes) {
        group.launch(entry, { ...baseEnv, ...natsEnv(entry.service), PORT: String(ports[entry.name]), ...(jwksUri ? { OIDC_JWKS_URI: jwksUri } : {}) });
      }
      await Promise.all(processes.map(waitReady));
      if (stopping) return;
      group.markReady([...processes, ...(idpEntry ? [idpEntry] : [])]);

      // 7. The edge, balancing over the replicas of each service.
      const replicaUpstreams = Object.fromEntries([
        ...(idpEntry ? [[idpEntry.name, [{ host: '127.0.0.1', port: ports[idpEntry.name] }]]] : []),
        ...services.map((entry) => [entry.name, processes.filter((p) => p.service === entry.name).map((p) => ({ name: p.name, host: '127.0.0.1', port: ports[p.name] }))]),
      ]);
      // The first replica of each: what callers that talk to one process directly (the bench, Swagger UI links) use.
      const upstreams = Object.fromEntries(Object.entries(replicaUpstreams).map(([name, list]) => [name, { host: list[0].host, port: list[0].port }]));
      const staticDir = staticApps[0] ? path.join(ROOT, staticApps[0].dist) : undefined;
      const landing = () =>
        renderLanding({ services: services.map(({ name }) => ({ name, port: firstPort(name) })), idp: Boolean(idpEntry), missing: missing.map(({ name }) => name), users, usersText });
      // The console's runtime settings as a deployment's ConfigMap gives them (so no 404 on every login): the local idp.
      const consoleConfig = idpEntry
        ? ({ origin }) => ({ oidcAuthority: `${origin}/idp`, oidcClientId: 'tsunagu-console', cityDeskOrganizationId: baseEnv.CITY_DESK_ORGANIZATION_ID })
        : undefined;
      edges = await startEdges({ replicaUpstreams, staticDir, landing, consoleConfig, edgePort, edgeHost, edgeLog });

      return {
        publicUrl,
        env: { ...baseEnv, ...(jwksUri ? { OIDC_JWKS_URI: jwksUri } : {}) },
        idpEnv,
        upstreams,
        replicas: replicaUpstreams,
        // The process behind each name now (a restarted replica has a new pid): what `npm run chaos` kills.
        processes: () =>
          group.all().map(({ child, entry }) => ({ name: entry.name, service: entry.service ?? entry.name, port: ports[entry.name], pid: child.pid, running: child.exitCode === null && child.signalCode === null })),
        services,
        idp: idpEntry,
        consoleBuilt: Boolean(staticDir && fs.existsSync(path.join(staticDir, 'index.html'))),
        missing,
        users,
        usersText,
        stop,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  };
  return { start, stop };
}

function printReady(stack, { dataDir }) {
  const lines = [
    '',
    `Tsunagu is running → ${stack.publicUrl}/`,
    '',
    `  ${stack.consoleBuilt ? 'console   ' : 'landing   '} ${stack.publicUrl}/`,
    ...stack.services.map(
      (entry) =>
        `  ${entry.name.padEnd(10)} ${stack.publicUrl}/api/${entry.name}/   (health /api/${entry.name}/healthz; Swagger UI http://127.0.0.1:${stack.upstreams[entry.name].port}/docs)`,
    ),
    ...(stack.idp ? [`  ${'idp'.padEnd(10)} ${stack.publicUrl}/idp/.well-known/openid-configuration   (internal :${stack.upstreams.idp.port})`] : []),
    '',
  ];
  if (stack.users.length) lines.push('Demo logins (user  password  roles):', formatUsers(stack.users), '');
  else if (stack.usersText) lines.push(stack.usersText.trimEnd(), '');
  if (stack.idp) lines.push('An access token for curl or Swagger UI:  npm run token -- caseworker');
  lines.push("Swagger UI, openapi.json and metrics are on each service's own port (127.0.0.1 only), never through the edge.");
  lines.push(`Data: ${dataDir} (npm run reset wipes it).  Ctrl-C stops everything.`, '');
  for (const line of lines) say(line);
}

async function startCommand(context) {
  const dataDir = path.join(ROOT, '.local');
  const stack = createStack({ baseDir: dataDir, persistent: true, onCrash: context.crash });
  context.setStop(stack.stop);
  const ready = await stack.start();
  if (!ready) return undefined; // stopped while starting
  printReady(ready, { dataDir: path.relative(ROOT, dataDir) + '/' });
  return new Promise(() => undefined); // runs until a signal or a crash
}

if (require.main === module) {
  const command = process.argv[2] ?? 'start';
  if (command === 'start') supervise(startCommand);
  else if (command === 'bench') supervise((context) => require('../bench/run.cjs').benchCommand(context));
  else if (command === 'chaos') supervise((context) => require('../chaos/run.cjs').chaosCommand(context));
  else {
    fail(`unknown stack command ${command}`);
    process.exit(2);
  }
}

module.exports = { createStack, runningPostgres, demoUsersFrom, supervise, printReady, parseUsers, nextRestart, parseReplicas, replicasOf, StackError, httpGet, capture, run, pickPort };
