#!/usr/bin/env node
// Entry point of every `npm` command of the repository (package.json scripts):
//   start    the whole stack behind http://localhost:8080, data in .local/
//   test     every test and check, against throwaway PostgreSQL + NATS JetStream
//   reset    wipes .local/
//   token    prints an access token of a demo user:  npm run token -- caseworker
//   migrate  runs every service's migrations against DATABASE_URL (or the local embedded PostgreSQL)
//   bench    the load benchmark (deploy/bench), not a test
//   chaos    fault injection with two replicas (deploy/chaos), not part of `test`
//   docs     regenerates docs/configuration.md and .env.example (`docs --check` fails when they are stale)
// Plain Node with no dependencies until `npm ci` has run: everything else is required after install.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const NX = path.join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
const LOCAL_DIR = path.join(ROOT, '.local');

/**
 * Checks `npm test` runs after `nx run-many -t lint typecheck test build`. One list: register new
 * checks here (each is `node <args>` from the repository root; a non-zero exit fails `npm test`).
 */
const EXTRA_CHECKS = [
  { name: 'configuration docs and .env.example are current', args: ['deploy/local/docs.cjs', '--check'] },
  { name: 'local stack runner tests (edge, service table, docs)', args: ['--test', '--test-reporter=spec', 'deploy/local/test/'] },
  // The chart checks (helm lint, template, schema validation) run as `nx test chart-tsunagu` in the step above.
  // End-to-end tests in Chromium against the real local stack (each e2e target starts its own stack).
  { name: 'end-to-end tests (nx run-many -t e2e)', args: [NX, 'run-many', '-t', 'e2e', '--parallel=1', '--outputStyle=static'] },
];

const NX_ENV = { NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };

const out = (message) => process.stdout.write(`${message}\n`);
const err = (message) => process.stderr.write(`${message}\n`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------------
// Install

function installReason() {
  if (process.env.TSUNAGU_SKIP_INSTALL === '1') return undefined;
  const modules = path.join(ROOT, 'node_modules');
  const hidden = path.join(modules, '.package-lock.json');
  if (!fs.existsSync(modules)) return 'node_modules is missing';
  if (!fs.existsSync(hidden)) return 'node_modules was not installed by npm from the lockfile';
  // npm writes both files in one install; allow a second of difference between them.
  if (fs.statSync(path.join(ROOT, 'package-lock.json')).mtimeMs > fs.statSync(hidden).mtimeMs + 1000) {
    return 'package-lock.json is newer than the installed node_modules';
  }
  return undefined;
}

function npmCommand() {
  // Under `npm run`, npm_execpath is npm's own CLI script: use the same npm that started us.
  const execPath = process.env.npm_execpath;
  if (execPath && /npm-cli\.js$/.test(execPath)) return [process.execPath, [execPath]];
  return ['npm', []];
}

function ensureInstalled() {
  const reason = installReason();
  if (!reason) return;
  out(`${reason} → npm ci`);
  const started = Date.now();
  const [command, prefix] = npmCommand();
  const result = spawnSync(command, [...prefix, 'ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    err(`npm ci failed${result.error ? `: ${result.error.message}` : ''}`);
    process.exit(result.status ?? 1);
  }
  out(`npm ci finished in ${seconds(started)}`);
}

// ---------------------------------------------------------------------------------------------------
// Helpers

function runNode(args, { env = process.env, stdio = 'inherit' } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio });
    child.on('error', (error) => {
      err(error.message);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  });
}

/** Runs deploy/local/stack.cjs as a detached supervisor: terminal signals reach only us; we forward them. */
function superviseDetached(command) {
  const child = spawn(process.execPath, [path.join(__dirname, 'stack.cjs'), command], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let lastForward = 0;
  const forward = () => {
    // Ctrl-C under `npm start` arrives twice (from the terminal and from npm): forward one per half second.
    if (Date.now() - lastForward < 500) return;
    lastForward = Date.now();
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// ---------------------------------------------------------------------------------------------------
// Commands

async function test() {
  ensureInstalled();
  const started = Date.now();
  const { ensureInfrastructure } = require('../../libs/platform/local-infrastructure/src/infrastructure.cjs');
  let infrastructure;
  let baseDir;
  const env = { ...process.env, ...NX_ENV };
  if (!process.env.DATABASE_URL || !process.env.NATS_URL) {
    baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-test-'));
    try {
      infrastructure = await ensureInfrastructure({
        baseDir,
        persistent: false,
        log: (line) => /\b(ERROR|FATAL|PANIC|\[ERR\]|\[FTL\])/.test(line) && err(`infra │ ${line}`),
      });
    } catch (error) {
      err(error.code === 'NATS_SERVER_MISSING' ? error.message : `could not start the test infrastructure: ${error?.stack ?? error}`);
      fs.rmSync(baseDir, { recursive: true, force: true });
      process.exit(2);
    }
    Object.assign(env, infrastructure.env);
    out(`test infrastructure: PostgreSQL ${redact(env.DATABASE_URL)}, NATS ${env.NATS_URL} (${seconds(started)})`);
  }

  const steps = [
    {
      name: 'nx run-many -t lint typecheck test build (all projects)',
      args: [NX, 'run-many', '-t', 'lint', 'typecheck', 'test', 'build', '--parallel=2', '--outputStyle=static'],
    },
    ...EXTRA_CHECKS,
  ];
  const results = [];
  for (const step of steps) {
    out(`\n▶ ${step.name}`);
    const stepStarted = Date.now();
    const code = await runNode(step.args, { env });
    results.push({ name: step.name, code, time: seconds(stepStarted) });
  }

  if (infrastructure) await infrastructure.stop();
  if (baseDir) fs.rmSync(baseDir, { recursive: true, force: true });

  out('\nSummary');
  for (const result of results) out(`  ${result.code === 0 ? '✔' : '✖'} ${result.name} (${result.time})`);
  const failed = results.filter((result) => result.code !== 0);
  out(failed.length ? `\n${failed.length} of ${results.length} steps failed (${seconds(started)})` : `\nall green (${seconds(started)})`);
  process.exit(failed.length ? 1 : 0);
}

function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(set)';
  }
}

function reset() {
  if (!fs.existsSync(LOCAL_DIR)) {
    out('.local/ does not exist — nothing to remove.');
    return;
  }
  const { runningPostgres } = require('./stack.cjs');
  const running = runningPostgres(path.join(LOCAL_DIR, 'postgres'));
  if (running) {
    err(`The local stack is running (PostgreSQL pid ${running.pid}): stop \`npm start\` with Ctrl-C first.`);
    process.exit(1);
  }
  const entries = fs.readdirSync(LOCAL_DIR);
  for (const entry of entries) {
    const size = spawnSync('du', ['-sh', path.join(LOCAL_DIR, entry)], { encoding: 'utf8' }).stdout?.split('\t')[0];
    out(`removing .local/${entry}${size ? ` (${size})` : ''}`);
  }
  fs.rmSync(LOCAL_DIR, { recursive: true, force: true });
  out(`removed .local/ — the next \`npm start\` begins with fresh data and demo data.`);
}

function buildQuietly(projects) {
  const result = spawnSync(process.execPath, [NX, 'run-many', '-t', 'build', '-p', projects.join(','), '--outputStyle=static'], {
    cwd: ROOT,
    env: { ...process.env, ...NX_ENV },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    err(result.stdout);
    err(result.stderr);
    err(`building ${projects.join(', ')} failed`);
    process.exit(result.status ?? 1);
  }
}

async function token(user) {
  if (!user) {
    err('usage: npm run token -- <user>   (e.g. caseworker; the demo users are printed by `npm start`)');
    process.exit(2);
  }
  ensureInstalled();
  const { STACK, isPresent } = require('./services.cjs');
  const idp = STACK.find((entry) => entry.kind === 'idp');
  if (!isPresent(idp)) {
    err('apps/idp is not in this checkout yet: no token can be issued.');
    process.exit(1);
  }
  buildQuietly([idp.project]);
  const port = process.env.TSUNAGU_PORT ?? '8080';
  const code = await runNode([idp.main, 'token', user], {
    env: {
      ...process.env,
      IDP_ISSUER: process.env.IDP_ISSUER ?? `http://localhost:${port}/idp`,
      // The same keys as the idp of `npm start`, so the token verifies against the running stack.
      IDP_DATA_DIR: process.env.IDP_DATA_DIR ?? path.join(LOCAL_DIR, 'idp'),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
  });
  process.exit(code);
}

async function migrate() {
  ensureInstalled();
  const { resolveStack } = require('./services.cjs');
  const { runningPostgres } = require('./stack.cjs');
  const { startPostgres } = require('../../libs/platform/local-infrastructure/src/infrastructure.cjs');
  const services = resolveStack().present.filter((entry) => entry.kind === 'service');
  if (!services.length) {
    out('no services in this checkout — nothing to migrate.');
    return;
  }
  buildQuietly(services.map((entry) => entry.project));
  let databaseEnv = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_MIGRATION_URL: process.env.DATABASE_MIGRATION_URL };
  let postgres;
  if (!databaseEnv.DATABASE_URL) {
    const running = runningPostgres(path.join(LOCAL_DIR, 'postgres'));
    let adminUrl;
    if (running) adminUrl = `postgres://tsunagu:tsunagu@127.0.0.1:${running.port}/tsunagu`;
    else {
      postgres = await startPostgres({ dataDir: path.join(LOCAL_DIR, 'postgres'), persistent: true });
      adminUrl = postgres.url;
    }
    // The owner role migrates, the application role is granted (libs/platform/local-infrastructure/src/database-roles.cjs).
    databaseEnv = await require('../../libs/platform/local-infrastructure/src/database-roles.cjs').prepareLocalDatabase(adminUrl);
    out(`DATABASE_URL is not set: using the local embedded PostgreSQL (.local/postgres)`);
  }
  let failed = 0;
  for (const entry of services) {
    out(`▶ ${entry.name}: migrate`);
    const code = await runNode([entry.main, 'migrate'], {
      env: {
        ...process.env,
        ...Object.fromEntries(Object.entries(databaseEnv).filter(([, value]) => value)),
        // Migrations touch only PostgreSQL, but the services validate their whole configuration at boot.
        NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
        OIDC_ISSUER: process.env.OIDC_ISSUER ?? `http://localhost:${process.env.TSUNAGU_PORT ?? 8080}/idp`,
      },
    });
    if (code !== 0) {
      err(`${entry.name}: migrations failed (exit code ${code})`);
      failed += 1;
    }
  }
  if (postgres) await postgres.stop();
  process.exit(failed ? 1 : 0);
}

function usage() {
  out(`usage: node deploy/local/bootstrap.cjs <command>

  start             run the stack behind http://localhost:8080 (npm start)
  test              run every test and check (npm test)
  reset             wipe .local/ (npm run reset)
  token <user>      print an access token for a demo user (npm run token -- caseworker)
  migrate           run every service's migrations (npm run migrate)
  bench             load benchmark, see docs/performance.md (npm run bench)
  chaos             fault injection with two replicas, see docs/reliability.md (npm run chaos)
  docs [--check]    regenerate docs/configuration.md and .env.example`);
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'bench': {
      ensureInstalled();
      // Figures are for the Node the images run (a major version apart they differed by a third): rerun on it.
      const imageNode = require('../bench/runtime.cjs').imageNodeExecutable({ warn: err });
      if (imageNode) {
        out(`▶ bench: on the images' Node (${imageNode}); BENCH_NODE=current measures on ${process.version}`);
        const rerun = require('node:child_process').spawnSync(imageNode, [__filename, command, ...args], { stdio: 'inherit', env: { ...process.env, BENCH_NODE: 'current' } });
        return process.exit(rerun.status ?? 1);
      }
      return superviseDetached(command);
    }
    case 'start':
    case 'chaos':
      ensureInstalled();
      return superviseDetached(command);
    case 'test':
      return test();
    case 'reset':
      return reset();
    case 'token':
      return token(args[0]);
    case 'migrate':
      return migrate();
    case 'docs':
      ensureInstalled();
      return process.exit(await runNode([path.join(__dirname, 'docs.cjs'), ...args]));
    case undefined:
    case 'help':
    case '--help':
      return usage();
    default:
      err(`unknown command: ${command}`);
      usage();
      process.exit(2);
  }
}

if (require.main === module) {
  main().catch((error) => {
    err(error?.stack ?? String(error));
    process.exit(1);
  });
}

module.exports = { EXTRA_CHECKS, installReason };
