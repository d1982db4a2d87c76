// The harness of the single-service benchmarks (apps/<service>/bench/*.cjs): a throwaway database, a token from the
// built idp verified through a local JWKS endpoint, the built service migrated and started in production mode,
// autocannon measurements, the machine's description, and the figures written to tmp/bench/. Not a test runner.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const http = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const { Client } = require('pg');
const { connect } = require('nats');
const { ensureInfrastructure, freePort } = require('../../libs/platform/local-infrastructure/src/infrastructure.cjs');
const { ensureLocalRoles, withRole } = require('../../libs/platform/local-infrastructure/src/database-roles.cjs');
const { nodeDescription, runtimeWarning } = require('./runtime.cjs');

const ROOT = path.resolve(__dirname, '../..');
const MUNICIPALITY = '372013';
const WARMUP = 3;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The machine, the database server and the commit the figures were measured on. */
async function machine(client) {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    /* not a git checkout */
  }
  const r = await client.query('show server_version');
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: nodeDescription(),
    postgres: r.rows[0].server_version,
    commit,
    date: new Date().toISOString(),
  };
}

function runNode(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`node ${args.join(' ')} exited ${code}: ${err || out}`))));
  });
}

/** The scenario table of the printed figures. */
function resultsTable(results) {
  return [
    '| scenario | req/s | p50 ms | p99 ms | non-2xx | errors |',
    '|---|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.title} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`),
  ].join('\n');
}

/** Deletes a JetStream stream if it exists. */
async function deleteStream(natsUrl, stream) {
  const nc = await connect({ servers: natsUrl });
  try {
    await (await nc.jetstreamManager()).streams.delete(stream).catch((e) => {
      if (!/stream not found/i.test(String(e.message))) throw e;
    });
  } finally {
    await nc.close();
  }
}

/**
 * Runs `body` against the built service `name` (dist/apps/<name>/main.js) and stops everything afterwards:
 *   serviceBench({ name, tokenUser, env }, async (bench) => { … })
 * bench: { env, databaseUrl, db (a pg Client), token, log, runService(args) (main.js <command>), start(envOverrides?, nodeArgs?) → baseUrl,
 *          stopService() (to start it again with other settings), measure(title, request, connections?), machine(), write(stamp, json, markdown) }.
 * Exits the process with 0, or 1 when something failed.
 */
async function serviceBench({ name, tokenUser, env: serviceEnv = {}, connections = 20, duration = 20 }, body) {
  const main = path.join(ROOT, `dist/apps/${name}/main.js`);
  const idp = path.join(ROOT, 'dist/apps/idp/main.js');
  const log = (line) => process.stdout.write(`[${name}-bench] ${line}\n`);
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), `tsunagu-${name}-bench-`));
  const stops = [];
  let exitCode = 0;
  const runtime = runtimeWarning();
  if (runtime) log(runtime);
  try {
    for (const file of [main, idp]) if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npx nx build ${name} idp\` first`);
    const infra = await ensureInfrastructure({ baseDir, persistent: false });
    stops.push(infra.stop);
    const database = `tsunagu_${name}_bench_${Date.now()}`;
    const admin = new Client({ connectionString: infra.env.DATABASE_URL });
    await admin.connect();
    // The two roles of production (docs/operations/database-roles.md): the figures include row-level security.
    const roles = await ensureLocalRoles(infra.env.DATABASE_URL);
    await admin.query(`create database "${database}" owner "${roles.owner.name}"`);
    stops.push(async () => {
      await admin.query(`drop database if exists "${database}" with (force)`).catch((e) => log(`could not drop ${database}: ${e.message}`));
      await admin.end();
    });
    const databaseUrl = withRole(infra.env.DATABASE_URL, roles.application, database);
    const ownerUrl = withRole(infra.env.DATABASE_URL, roles.owner, database);
    log(`throwaway database ${database}`);

    // A token from the built idp, and a local JWKS endpoint with its public key only.
    const jwksPort = await freePort();
    const issuer = `http://127.0.0.1:${jwksPort}/idp`;
    const idpEnv = {
      ...process.env,
      NODE_ENV: 'development',
      IDP_DATA_DIR: path.join(baseDir, 'idp'),
      IDP_ISSUER: issuer,
      IDP_AUDIENCE: 'tsunagu-api',
      IDP_ACCESS_TOKEN_TTL: '7200',
    };
    const token = (await runNode([idp, 'token', tokenUser], idpEnv)).trim().split('\n').pop();
    const { keys } = JSON.parse(fs.readFileSync(path.join(baseDir, 'idp', 'jwks.json'), 'utf8'));
    const publicKeys = keys.map(({ kty, n, e, kid, alg, use, crv, x, y }) => ({ kty, n, e, kid, alg, use, crv, x, y }));
    const jwksServer = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: publicKeys }));
    });
    await new Promise((resolve) => jwksServer.listen(jwksPort, '127.0.0.1', resolve));
    stops.push(() => new Promise((resolve) => jwksServer.close(() => resolve())));

    const port = await freePort();
    const stream = `TSUNAGU_BENCH_${Date.now()}`;
    // The service creates its stream on first start; a stream left behind holds tsunagu.evt.> on a shared nats-server
    // and the next bench's service fails with JetStream's "subjects overlap" (10065).
    stops.push(() => deleteStream(infra.env.NATS_URL, stream).catch((e) => log(`could not delete stream ${stream}: ${e.message}`)));
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      DEMO_DATA: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATABASE_MIGRATION_URL: ownerUrl,
      NATS_URL: infra.env.NATS_URL,
      NATS_STREAM: stream,
      OIDC_ISSUER: issuer,
      OIDC_AUDIENCE: 'tsunagu-api',
      OIDC_JWKS_URI: `http://127.0.0.1:${jwksPort}/jwks`,
      MUNICIPALITY,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: '',
      // Services that stamp person pseudonyms on events refuse to start in production without a key (issue 17).
      REPORTING_PSEUDONYM_KEY: process.env.REPORTING_PSEUDONYM_KEY ?? 'tsunagu-bench-pseudonym-key-not-for-production',
      // The load comes from one address: measure the service, not the per-client limit (the baseline has none).
      HTTP_RATE_LIMIT_PER_MINUTE: '0',
      ...serviceEnv,
    };
    log(`migrating (node dist/apps/${name}/main.js migrate) …`);
    await runNode([main, 'migrate'], env);
    // Seeding, VACUUM and EXPLAIN as the owner, as system work (every municipality's rows).
    const db = new Client({ connectionString: ownerUrl, options: '-c app.system=on' });
    await db.connect();
    stops.push(() => db.end());
    const baseUrl = `http://127.0.0.1:${port}`;
    let running;
    const stopService = () =>
      new Promise((resolve) => {
        const service = running;
        running = undefined;
        if (!service || service.exitCode !== null) return resolve();
        service.once('exit', () => resolve());
        service.kill('SIGTERM');
      });
    stops.push(stopService);

    await body({
      env,
      databaseUrl,
      db,
      token,
      log,
      runService: (args) => runNode([main, ...args], env),
      stopService,
      async start(overrides = {}, nodeArgs = []) {
        log(`starting ${name} …`);
        await stopService();
        const service = spawn(process.execPath, [...nodeArgs, main], { cwd: ROOT, env: { ...env, ...overrides }, stdio: ['ignore', 'inherit', 'inherit'] });
        running = service;
        for (let i = 0; ; i++) {
          const ok = await fetch(`${baseUrl}/api/${name}/readyz`).then(
            (r) => r.status === 200,
            () => false,
          );
          if (ok) break;
          if (service.exitCode !== null || i > 300) throw new Error(`${name} did not become ready`);
          await sleep(200);
        }
        return baseUrl;
      },
      async measure(title, request, measuredConnections = connections) {
        const run = (seconds) =>
          autocannon({
            url: baseUrl,
            connections: measuredConnections,
            duration: seconds,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            requests: [request],
          });
        log(`${title}: warm-up ${WARMUP} s …`);
        await run(WARMUP);
        log(`${title}: measuring ${duration} s at ${measuredConnections} connection(s) …`);
        const r = await run(duration);
        // Answers by status: a scenario that fails its requests measures something else than it says.
        const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]));
        if (r.non2xx > 0) log(`${title}: ${r.non2xx} answers were not 2xx — by status ${JSON.stringify(statusCodes)}`);
        return {
          title,
          requestsPerSecond: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          max: r.latency.max,
          requests: r.requests.total,
          non2xx: r.non2xx,
          statusCodes,
          errors: r.errors + r.timeouts,
        };
      },
      async machine() {
        await sleep(2000); // let requests autocannon left in flight finish first
        return machine(db);
      },
      write(stamp, json, markdown) {
        log('');
        process.stdout.write(`${markdown}\n\n`);
        const outDir = path.join(ROOT, 'tmp', 'bench');
        fs.mkdirSync(outDir, { recursive: true });
        fs.writeFileSync(path.join(outDir, `${stamp}.json`), `${JSON.stringify(json, null, 2)}\n`);
        fs.writeFileSync(path.join(outDir, `${stamp}.md`), `${markdown}\n`);
        log(`figures written to tmp/bench/${stamp}.{json,md}`);
      },
    });
  } catch (error) {
    process.stderr.write(`[${name}-bench] ${error.stack ?? error}\n`);
    exitCode = 1;
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(baseDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

/** A profile frame's script as a package path (`pg/lib/query.js`) or our bundle (`dist/apps/…`). */
function shortUrl(url) {
  return url.replace(/^.*node_modules\//, '').replace(/^.*dist\/apps\//, 'dist/apps/');
}

/** Self time per function of a .cpuprofile, largest first, and the share of frames from @opentelemetry. */
function profileSummary(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  let total = 0;
  let otel = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = deltas[i] ?? 0;
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    if (/opentelemetry/.test(url)) otel += dt;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const idle = ['(idle)', '(program)'].reduce((sum, name) => sum + (self.get(name) ?? 0), 0);
  const busy = total - idle;
  const top = [...self.entries()]
    .filter(([name]) => !['(idle)', '(program)'].includes(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([name, us]) => ({ frame: name, selfPercentOfBusy: (100 * us) / busy }));
  // Self time per package (node_modules/<package>), our code (dist/apps) and the runtime, largest first.
  const packages = new Map();
  for (const [key, us] of self.entries()) {
    if (['(idle)', '(program)'].includes(key)) continue;
    const where = key.includes(' ') ? key.slice(key.indexOf(' ') + 1) : '';
    const group = key.startsWith('(garbage collector)') ? 'garbage collector' : where.startsWith('dist/apps/') ? 'our code (dist/apps)' : /^(@[^/]+\/[^/]+|[^/:]+)\//.exec(where)?.[1] ?? (where ? 'node internals' : 'native / runtime');
    packages.set(group, (packages.get(group) ?? 0) + us);
  }
  const byPackage = [...packages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([group, us]) => ({ group, selfPercentOfBusy: (100 * us) / busy }));
  // Who calls the top native frames (socket writes have no package of their own): the nearest caller in a package.
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const nativeTop = top.slice(0, 3).filter((t) => !t.frame.includes(' ') && !t.frame.startsWith('('));
  const callers = nativeTop.map(({ frame }) => {
    const counts = new Map();
    profile.samples.forEach((id, i) => {
      if (byId.get(id).callFrame.functionName !== frame) return;
      const chain = [];
      for (let at = parentOf.get(id); at !== undefined && chain.length < 4; at = parentOf.get(at)) {
        const { functionName, url } = byId.get(at).callFrame;
        if (!/node_modules|dist\/apps/.test(url)) continue;
        chain.push(`${functionName || '(anonymous)'} ${shortUrl(url)}`);
      }
      const key = chain.join(' ← ') || '(no package frame)';
      counts.set(key, (counts.get(key) ?? 0) + (deltas[i] ?? 0));
    });
    const via = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([chain, us]) => ({ chain, selfPercentOfBusy: (100 * us) / busy }));
    return { frame, via };
  });
  return { byPackage, busyMs: busy / 1000, totalMs: total / 1000, gcPercentOfBusy: (100 * (self.get('(garbage collector)') ?? 0)) / busy, otelPercentOfBusy: (100 * otel) / busy, top, callers };
}

/**
 * A record import's file POSTed to a built service as the bench's token (the import benches of intake and outreach):
 * wall time, rows/s and the load average before and after; a non-200 answer stops the bench.
 */
async function sendImport({ token, log }, title, url, body, rows) {
  const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');
  const before = load();
  const started = Date.now();
  // node:http, not fetch: fetch gives up waiting for the answer's headers after 300 s.
  const response = await new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': body.length } });
    request.on('response', (answer) => {
      const chunks = [];
      answer.on('data', (chunk) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(body);
  });
  const report = JSON.parse(response.text);
  const seconds = (Date.now() - started) / 1000;
  if (response.status !== 200) throw new Error(`${title}: ${response.status} ${JSON.stringify(report).slice(0, 500)}`);
  const figures = { title, rows, seconds, rowsPerSecond: Math.round(rows / seconds), created: report.created, unchanged: report.unchanged, problems: report.problems.length, duplicates: report.duplicates?.length, loadBefore: before, loadAfter: load() };
  log(JSON.stringify(figures));
  return figures;
}

/** The import benches' table, as docs/performance.md records it. */
function logImportTable(log, results) {
  log('| run | rows | s | rows/s | created | unchanged | load avg before → after |');
  for (const r of results) log(`| ${r.title} | ${r.rows} | ${r.seconds.toFixed(1)} | ${r.rowsPerSecond} | ${r.created} | ${r.unchanged} | ${r.loadBefore} → ${r.loadAfter} |`);
}

module.exports = { serviceBench, resultsTable, profileSummary, sendImport, logImportTable, MUNICIPALITY, WARMUP };
