// `node apps/intake/bench/person-search.cjs` (after `npx nx build intake idp`): intake's benchmark (issue 3).
//
// 1. A throwaway database on DATABASE_URL's server (CREATE DATABASE tsunagu_intake_bench_<time>); without
//    DATABASE_URL / NATS_URL an embedded PostgreSQL and a nats-server are started under a temp directory.
// 2. `node dist/apps/intake/main.js migrate`, then BENCH_PERSONS (100,000) persons inserted with one SQL
//    statement that fills the columns the Person entity derives (kana_key, phone_digits, search_text) the way
//    apps/intake/src/people/person.entity.ts does, then VACUUM ANALYZE (BENCH_EXPLAIN=1 prints the query plans).
// 3. A caseworker token from the built idp (`dist/apps/idp/main.js token caseworker`, IDP_DATA_DIR in the temp
//    directory) and a tiny local JWKS endpoint serving its public key; the built intake service verifies it.
// 4. autocannon (BENCH_CONNECTIONS = 20, BENCH_DURATION = 20 s after a 3 s warm-up) on
//    - person search by kana:   GET /api/intake/persons?q=<セイ メイ>&perPage=25 (rotating names)
//    - person search by phone:  GET /api/intake/persons/duplicate-candidates?phone=<number> (rotating numbers)
//    - create a consultation:   POST /api/intake/consultations for a random loaded person
//    p50/p99 and req/s; the goal is person search p99 < 100 ms.
// Figures are printed and written to tmp/bench/intake-<time>.{json,md} (docs/performance.md records them).
// Not a test: nothing fails on slow figures. Everything it started is stopped and the database dropped.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { createServer } = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const autocannon = require('autocannon');
const { Client } = require('pg');
const { ensureInfrastructure, freePort } = require('../../../deploy/local/infrastructure.cjs');

const ROOT = path.resolve(__dirname, '../../..');
const INTAKE = path.join(ROOT, 'dist/apps/intake/main.js');
const IDP = path.join(ROOT, 'dist/apps/idp/main.js');
const MUNICIPALITY = '372013';
const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const WARMUP = 3;
const GOAL_P99_MS = 100;
const ORGANIZATION_ID = '01900000-0000-7000-8000-000000000001';

// Fictional names: 30 family × 30 given names, so a full-name search matches about PERSONS / 900 rows.
const FAMILY = [
  ['山田', 'ヤマダ'], ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山本', 'ヤマモト'],
  ['松本', 'マツモト'], ['井上', 'イノウエ'], ['木村', 'キムラ'], ['林', 'ハヤシ'], ['清水', 'シミズ'], ['山口', 'ヤマグチ'],
  ['森', 'モリ'], ['池田', 'イケダ'], ['橋本', 'ハシモト'], ['阿部', 'アベ'], ['石川', 'イシカワ'], ['前田', 'マエダ'],
  ['藤田', 'フジタ'], ['岡田', 'オカダ'], ['後藤', 'ゴトウ'], ['長谷川', 'ハセガワ'], ['村上', 'ムラカミ'], ['近藤', 'コンドウ'],
];
const GIVEN = [
  ['太郎', 'タロウ'], ['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['健一', 'ケンイチ'], ['美咲', 'ミサキ'], ['大輔', 'ダイスケ'],
  ['陽子', 'ヨウコ'], ['直樹', 'ナオキ'], ['恵子', 'ケイコ'], ['誠', 'マコト'], ['裕子', 'ユウコ'], ['翔', 'ショウ'],
  ['由美', 'ユミ'], ['学', 'マナブ'], ['幸子', 'サチコ'], ['浩', 'ヒロシ'], ['明美', 'アケミ'], ['清', 'キヨシ'],
  ['久美子', 'クミコ'], ['勇', 'イサム'], ['真由美', 'マユミ'], ['実', 'ミノル'], ['千代', 'チヨ'], ['茂', 'シゲル'],
  ['和子', 'カズコ'], ['修', 'オサム'], ['節子', 'セツコ'], ['豊', 'ユタカ'], ['文子', 'フミコ'], ['進', 'ススム'],
];
/** The i-th person's mobile number (unique): 090-NNNN-NNNN. */
const mobileOf = (i) => `090${String(10_000_000 + i).slice(-8)}`;

const log = (line) => process.stdout.write(`[intake-bench] ${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One INSERT … SELECT FROM generate_series: the columns person.entity.ts derives, computed the same way. */
const INSERT_PERSONS = `
with names as (
  select i,
         ($2::text[])[1 + (i % array_length($2::text[], 1))] as family_name,
         ($3::text[])[1 + (i % array_length($3::text[], 1))] as family_kana,
         ($4::text[])[1 + ((i / array_length($2::text[], 1)) % array_length($4::text[], 1))] as given_name,
         ($5::text[])[1 + ((i / array_length($2::text[], 1)) % array_length($5::text[], 1))] as given_kana,
         '090' || right((10000000 + i)::text, 8) as mobile
  from generate_series(0, $1::int - 1) as i
)
insert into "intake"."person"
  ("id", "municipality", "created_at", "updated_at", "version", "family_name", "given_name", "family_name_kana", "given_name_kana",
   "birth_date", "birth_date_precision", "sex", "address_raw", "phones", "dv_address_protection", "identity_level",
   "kana_key", "phone_digits", "search_text")
select gen_random_uuid(), $6, now() - make_interval(secs => $1::int - i), now() - make_interval(secs => $1::int - i), 1,
       family_name, given_name, family_kana, given_kana,
       date '1935-01-01' + (i * 7 % 25000), 'day', case when i % 2 = 0 then 'male' else 'female' end,
       '香川県高松市番町' || (1 + i % 5) || '丁目' || (1 + i % 30) || '番',
       jsonb_build_array(jsonb_build_object('type', 'mobile', 'number', substr(mobile, 1, 3) || '-' || substr(mobile, 4, 4) || '-' || substr(mobile, 8, 4))),
       i % 500 = 0, 'confirmed',
       family_kana || given_kana,
       array[mobile],
       lower(family_name || ' ' || given_name || ' ' || family_kana || ' ' || given_kana || ' ' || family_kana || given_kana)
from names`;

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function machine(client) {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    /* not a git checkout */
  }
  return client.query('show server_version').then((r) => ({
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: r.rows[0].server_version,
    commit,
    date: new Date().toISOString(),
  }));
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

async function measure(title, baseUrl, token, request) {
  const run = (duration) =>
    autocannon({ url: baseUrl, connections: CONNECTIONS, duration, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, requests: [request] });
  log(`${title}: warm-up ${WARMUP} s …`);
  await run(WARMUP);
  log(`${title}: measuring ${DURATION} s at ${CONNECTIONS} connections …`);
  const r = await run(DURATION);
  return { title, requestsPerSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

async function main() {
  for (const file of [INTAKE, IDP]) if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npx nx build intake idp\` first`);
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-intake-bench-'));
  const stops = [];
  let exitCode = 0;
  try {
    const infra = await ensureInfrastructure({ baseDir, persistent: false });
    stops.push(infra.stop);
    const database = `tsunagu_intake_bench_${Date.now()}`;
    const admin = new Client({ connectionString: infra.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database "${database}"`);
    stops.push(async () => {
      await admin.query(`drop database if exists "${database}" with (force)`).catch((e) => log(`could not drop ${database}: ${e.message}`));
      await admin.end();
    });
    const databaseUrl = withDatabase(infra.env.DATABASE_URL, database);
    log(`throwaway database ${database}`);

    // Token and a local JWKS endpoint with the idp's public key only.
    const jwksPort = await freePort();
    const issuer = `http://127.0.0.1:${jwksPort}/idp`;
    const idpEnv = { ...process.env, NODE_ENV: 'development', IDP_DATA_DIR: path.join(baseDir, 'idp'), IDP_ISSUER: issuer, IDP_AUDIENCE: 'tsunagu-api', IDP_ACCESS_TOKEN_TTL: '7200' };
    const token = (await runNode([IDP, 'token', 'caseworker'], idpEnv)).trim().split('\n').pop();
    const { keys } = JSON.parse(fs.readFileSync(path.join(baseDir, 'idp', 'jwks.json'), 'utf8'));
    const publicKeys = keys.map(({ kty, n, e, kid, alg, use, crv, x, y }) => ({ kty, n, e, kid, alg, use, crv, x, y }));
    const jwksServer = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: publicKeys }));
    });
    await new Promise((resolve) => jwksServer.listen(jwksPort, '127.0.0.1', resolve));
    stops.push(() => new Promise((resolve) => jwksServer.close(() => resolve())));

    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      DEMO_DATA: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NATS_URL: infra.env.NATS_URL,
      NATS_STREAM: `TSUNAGU_BENCH_${Date.now()}`,
      OIDC_ISSUER: issuer,
      OIDC_AUDIENCE: 'tsunagu-api',
      OIDC_JWKS_URI: `http://127.0.0.1:${jwksPort}/jwks`,
      MUNICIPALITY,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: '',
    };
    log('migrating (node dist/apps/intake/main.js migrate) …');
    await runNode([INTAKE, 'migrate'], env);

    log(`inserting ${PERSONS.toLocaleString('en')} persons …`);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    stops.push(() => db.end());
    const started = Date.now();
    await db.query(INSERT_PERSONS, [PERSONS, FAMILY.map((f) => f[0]), FAMILY.map((f) => f[1]), GIVEN.map((g) => g[0]), GIVEN.map((g) => g[1]), MUNICIPALITY]);
    // VACUUM as well as ANALYZE: a bulk load leaves the GIN indexes' pending lists full (every search would scan
    // them); autovacuum empties them in a running system, so the figures are for that steady state.
    await db.query('vacuum analyze "intake"."person"');
    log(`inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (process.env.BENCH_EXPLAIN === '1') {
      // The statements MikroORM sends for the two searches (list-persons.usecase.ts, find-duplicates.ts), by hand.
      const plans = {
        'kana search page': [`select p0.* from "intake"."person" as p0 where p0."municipality" = $1 and p0."search_text" like $2 and p0."search_text" like $3 order by p0."created_at" desc limit 25`, [MUNICIPALITY, '%ヤマダ%', '%タロウ%']],
        'kana search count': [`select count(*) from "intake"."person" as p0 where p0."municipality" = $1 and p0."search_text" like $2 and p0."search_text" like $3`, [MUNICIPALITY, '%ヤマダ%', '%タロウ%']],
        'phone search': [`select p0.* from "intake"."person" as p0 where p0."municipality" = $1 and p0."phone_digits" && $2 order by p0."created_at" asc limit 20`, [MUNICIPALITY, [mobileOf(4242)]]],
      };
      const encoding = (await db.query(`select pg_encoding_to_char(encoding) as encoding, datcollate, datctype from pg_database where datname = current_database()`)).rows[0];
      log(`database encoding ${JSON.stringify(encoding)}`);
      for (const [name, [sql, params]] of Object.entries(plans)) {
        const plan = (await db.query(`explain (analyze, buffers) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
        log(`EXPLAIN ANALYZE ${name}:\n${plan}`);
      }
    }
    const personIds = (await db.query('select id from "intake"."person" order by random() limit 1000')).rows.map((r) => r.id);

    log('starting intake …');
    const service = spawn(process.execPath, [INTAKE], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    stops.push(
      () =>
        new Promise((resolve) => {
          if (service.exitCode !== null) return resolve();
          service.once('exit', () => resolve());
          service.kill('SIGTERM');
        }),
    );
    const baseUrl = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${baseUrl}/api/intake/readyz`).then((r) => r.status === 200, () => false);
      if (ok) break;
      if (service.exitCode !== null || i > 300) throw new Error('intake did not become ready');
      await sleep(200);
    }
    const probe = await fetch(`${baseUrl}/api/intake/persons?q=${encodeURIComponent('ヤマダ タロウ')}&perPage=25`, { headers: { authorization: `Bearer ${token}` } });
    const probeBody = await probe.json();
    if (probe.status !== 200) throw new Error(`GET persons answered ${probe.status}: ${JSON.stringify(probeBody)}`);
    log(`probe: ヤマダ タロウ → ${probeBody.total} persons`);

    let n = 0;
    const kanaQueries = FAMILY.flatMap(([, f], a) => GIVEN.filter((_, b) => (a + b) % 7 === 0).map(([, g]) => `${f} ${g}`));
    const results = [];
    results.push(
      await measure('person search by kana (q=<セイ メイ>, 25 per page)', baseUrl, token, {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: `/api/intake/persons?q=${encodeURIComponent(kanaQueries[n++ % kanaQueries.length])}&perPage=25` }),
      }),
    );
    results.push(
      await measure('person search by phone (duplicate-candidates?phone=)', baseUrl, token, {
        method: 'GET',
        setupRequest: (req) => {
          const mobile = mobileOf((n++ * 7919) % PERSONS);
          return { ...req, path: `/api/intake/persons/duplicate-candidates?phone=${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}` };
        },
      }),
    );
    results.push(
      await measure('create a consultation (POST /consultations)', baseUrl, token, {
        method: 'POST',
        path: '/api/intake/consultations',
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, 'idempotency-key': randomUUID() },
          body: JSON.stringify({
            receivingOrganizationId: ORGANIZATION_ID,
            route: 'walk-in',
            personId: personIds[n++ % personIds.length],
            consultantRelation: 'self',
            categories: ['income', 'job-search'],
            primaryCategory: 'income',
            mainComplaint: '負荷試験（架空の相談）',
            urgency: 'medium',
            consentStatus: 'unconfirmed',
            jigyoAttribution: 'tsunagaru-desk',
          }),
        }),
      }),
    );

    await sleep(2000); // let requests autocannon left in flight finish before the service stops
    const info = await machine(db);
    const rows = results.map((r) => `| ${r.title} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`);
    const markdown = [
      `Measured ${info.date} on ${info.cpu}, ${info.memory}, ${info.os}; Node ${info.node}, PostgreSQL ${info.postgres}; commit ${info.commit}.`,
      `Command: \`node apps/intake/bench/person-search.cjs\` (${PERSONS.toLocaleString('en')} persons, ${CONNECTIONS} connections, ${DURATION} s per measurement after a ${WARMUP} s warm-up).`,
      '',
      '| scenario | req/s | p50 ms | p99 ms | non-2xx | errors |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows,
    ].join('\n');
    log('');
    process.stdout.write(`${markdown}\n\n`);
    for (const r of results.slice(0, 2)) log(`${r.title}: p99 ${r.p99} ms — goal p99 < ${GOAL_P99_MS} ms: ${r.p99 < GOAL_P99_MS ? 'met' : 'NOT met'}`);
    const outDir = path.join(ROOT, 'tmp', 'bench');
    fs.mkdirSync(outDir, { recursive: true });
    const stamp = `intake-${info.date.replace(/[:.]/g, '-')}`;
    fs.writeFileSync(path.join(outDir, `${stamp}.json`), `${JSON.stringify({ machine: info, persons: PERSONS, connections: CONNECTIONS, durationSeconds: DURATION, results }, null, 2)}\n`);
    fs.writeFileSync(path.join(outDir, `${stamp}.md`), `${markdown}\n`);
    log(`figures written to tmp/bench/${stamp}.{json,md}`);
  } catch (error) {
    process.stderr.write(`[intake-bench] ${error.stack ?? error}\n`);
    exitCode = 1;
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(baseDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

main();
