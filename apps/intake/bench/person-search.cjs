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
//    - person search by kana:   GET /api/intake/persons?page=1&perPage=25&sort=familyNameKana&q=<セイ メイ>&count=false
//                               (rotating names; what the console sends), and `kana-counted`: ?q=<セイ メイ>&perPage=25
//    - … and birth date:        GET /api/intake/persons?q=<セイ メイ>&birthDate=<date> (one person: a page not full)
//    - person search by phone:  GET /api/intake/persons/duplicate-candidates?phone=<number> (rotating numbers)
//    - create a consultation:   POST /api/intake/consultations for a random loaded person
//    p50/p99 and req/s; the goal is person search p99 < 100 ms.
// Figures are printed and written to tmp/bench/intake-<time>.{json,md} (docs/performance.md records them).
// BENCH_PROFILE=1 runs intake under `--cpu-prof`, measures one scenario (the first of BENCH_SCENARIOS, else the kana search) and prints where its CPU goes (self
// time per package, top frames; BENCH_PROFILE_KEEP=<file> keeps the profile); BENCH_SCENARIOS (kana, kana-counted, kana-birth, phone, create; comma separated) picks scenarios.
// Not a test: nothing fails on slow figures. Everything it started is stopped and the database dropped.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { serviceBench, resultsTable, profileSummary, MUNICIPALITY, WARMUP } = require('../../../deploy/bench/service-bench.cjs');

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const GOAL_P99_MS = 100;
const ORGANIZATION_ID = '01900000-0000-7000-8000-000000000001';

const { insertPersons, kanaQueries, kanaSearchSql, mobileOf } = require('./persons.cjs');

/** A walk-in consultation about a loaded person (fictional). */
const consultationBody = (personId) => ({
  receivingOrganizationId: ORGANIZATION_ID,
  route: 'walk-in',
  personId,
  consultantRelation: 'self',
  categories: ['income', 'job-search'],
  primaryCategory: 'income',
  mainComplaint: '負荷試験（架空の相談）',
  urgency: 'medium',
  consentStatus: 'unconfirmed',
  jigyoAttribution: 'tsunagaru-desk',
});

// The caseworker works at the city desk, which registered every loaded person (the desk model of ADR 0012: without a
// relationship the caseworker would find nobody, and the bench would measure empty answers).
const env = { CITY_DESK_ORGANIZATION_ID: ORGANIZATION_ID };

serviceBench({ name: 'intake', tokenUser: 'caseworker', connections: CONNECTIONS, duration: DURATION, env }, async (bench) => {
  const { db, token, log } = bench;
  log(`inserting ${PERSONS.toLocaleString('en')} persons …`);
  const started = Date.now();
  await insertPersons(db, PERSONS, MUNICIPALITY, ORGANIZATION_ID);
  log(`inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (process.env.BENCH_EXPLAIN === '1') {
    // The statements MikroORM sends for the two searches (list-persons.usecase.ts, find-duplicates.ts), by hand.
    const plans = {
      'kana search page': [kanaSearchSql.page, [MUNICIPALITY, '%ヤマダ%', '%タロウ%']],
      'kana search count (capped)': [kanaSearchSql.count, [MUNICIPALITY, '%ヤマダ%', '%タロウ%']],
      'kana search as the console sends it (kana order, no count)': [kanaSearchSql.consolePage, [MUNICIPALITY, '%ヤマダ%', '%タロウ%']],
      'two-letter word (モリ) as the console sends it': [kanaSearchSql.consolePage, [MUNICIPALITY, '%モリ%', '%']],
      // A two-letter word has no trigram to look up: the exact count read every person, the capped one stops at 10,001.
      'two-letter word (モリ) exact count, before issue 14': [kanaSearchSql.exactCount, [MUNICIPALITY, '%モリ%', '%']],
      'two-letter word (モリ) count (capped)': [kanaSearchSql.count, [MUNICIPALITY, '%モリ%', '%']],
      'phone search': [
        `select p0.* from "intake"."person" as p0 where p0."municipality" = $1 and p0."phone_digits" && $2 order by p0."created_at" asc limit 20`,
        [MUNICIPALITY, [mobileOf(4242)]],
      ],
    };
    const encoding = (await db.query(`select pg_encoding_to_char(encoding) as encoding, datcollate, datctype from pg_database where datname = current_database()`)).rows[0];
    log(`database encoding ${JSON.stringify(encoding)}`);
    for (const [name, [sql, params]] of Object.entries(plans)) {
      const plan = (await db.query(`explain (analyze, buffers) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
      log(`EXPLAIN ANALYZE ${name}:\n${plan}`);
    }
  }
  const personIds = (await db.query('select id from "intake"."person" order by random() limit 1000')).rows.map((r) => r.id);
  // The receiving desk must be one intake knows (its copy of the registry's organisations, filled by events there).
  await db.query(`insert into "intake"."organization_copy" (id, municipality, type, event_at) values ($1, $2, 'municipal-division', now())`, [ORGANIZATION_ID, MUNICIPALITY]);

  const profileDir = process.env.BENCH_PROFILE === '1' ? fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-intake-profile-')) : undefined;
  const baseUrl = await bench.start({}, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  const probe = await fetch(`${baseUrl}/api/intake/persons?q=${encodeURIComponent('ヤマダ タロウ')}&perPage=25`, { headers: { authorization: `Bearer ${token}` } });
  const probeBody = await probe.json();
  if (probe.status !== 200) throw new Error(`GET persons answered ${probe.status}: ${JSON.stringify(probeBody)}`);
  log(`probe: ヤマダ タロウ → ${probeBody.total} persons`);
  const created = await fetch(`${baseUrl}/api/intake/consultations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(consultationBody(personIds[0])),
  });
  if (created.status !== 201) throw new Error(`POST consultations answered ${created.status}: ${await created.text()}`);

  // A desk that knows the birth date finds one person: the page is not full and its count is the page's own.
  const known = (await db.query(`select family_name_kana || ' ' || given_name_kana as q, birth_date::text as birth_date from "intake"."person" order by random() limit 500`)).rows;
  let n = 0;
  const scenarios = {
    // As the console's person list asks (dataProvider: kana order, no count); `kana-counted` as an API client that counts.
    kana: [
      'person search by kana as the console sends it (q=<セイ メイ>, 25 per page, no count)',
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: `/api/intake/persons?page=1&perPage=25&sort=familyNameKana&q=${encodeURIComponent(kanaQueries[n++ % kanaQueries.length])}&count=false` }),
      },
    ],
    'kana-counted': [
      'person search by kana, newest first and counted (q=<セイ メイ>, 25 per page)',
      { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/intake/persons?q=${encodeURIComponent(kanaQueries[n++ % kanaQueries.length])}&perPage=25` }) },
    ],
    'kana-birth': [
      'person search by kana and birth date (one person)',
      {
        method: 'GET',
        setupRequest: (req) => {
          const person = known[n++ % known.length];
          return { ...req, path: `/api/intake/persons?q=${encodeURIComponent(person.q)}&birthDate=${person.birth_date}&perPage=25` };
        },
      },
    ],
    phone: [
      'person search by phone (duplicate-candidates?phone=)',
      {
        method: 'GET',
        setupRequest: (req) => {
          const mobile = mobileOf((n++ * 7919) % PERSONS);
          return { ...req, path: `/api/intake/persons/duplicate-candidates?phone=${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}` };
        },
      },
    ],
    create: [
      'create a consultation (POST /consultations)',
      {
        method: 'POST',
        path: '/api/intake/consultations',
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, 'idempotency-key': randomUUID() },
          body: JSON.stringify(consultationBody(personIds[n++ % personIds.length])),
        }),
      },
    ],
  };
  // BENCH_SCENARIOS=kana,phone,… picks by name. Profiled, one scenario runs (the profile is of it alone): the first
  // named, else the kana search.
  const named = process.env.BENCH_SCENARIOS ? process.env.BENCH_SCENARIOS.split(',').map((name) => name.trim()) : undefined;
  const chosen = profileDir ? [named?.[0] ?? 'kana'] : (named ?? Object.keys(scenarios));
  const results = [];
  for (const name of chosen) {
    if (!scenarios[name]) throw new Error(`BENCH_SCENARIOS: no scenario ${name} (${Object.keys(scenarios).join(', ')})`);
    results.push(await bench.measure(...scenarios[name]));
  }
  if (profileDir) {
    // The profile is written when the process exits.
    await bench.stopService();
    const file = fs.readdirSync(profileDir).find((entry) => entry.endsWith('.cpuprofile'));
    const profile = file ? profileSummary(path.join(profileDir, file)) : undefined;
    // BENCH_PROFILE_KEEP=<file>: the .cpuprofile is copied there (for a call tree in Chrome DevTools or speedscope).
    if (file && process.env.BENCH_PROFILE_KEEP) fs.copyFileSync(path.join(profileDir, file), process.env.BENCH_PROFILE_KEEP);
    fs.rmSync(profileDir, { recursive: true, force: true });
    if (profile) {
      log(`profile (whole process, boot included): busy ${profile.busyMs.toFixed(0)} ms of ${profile.totalMs.toFixed(0)} ms; garbage collector ${profile.gcPercentOfBusy.toFixed(1)} % of busy`);
      for (const p of profile.byPackage) log(`  ${p.selfPercentOfBusy.toFixed(1).padStart(5)} %  ${p.group}`);
      for (const t of profile.top) log(`  ${t.selfPercentOfBusy.toFixed(1).padStart(5)} %  ${t.frame}`);
      for (const { frame, via } of profile.callers) for (const c of via) log(`  ${c.selfPercentOfBusy.toFixed(1).padStart(5)} %  ${frame} ← ${c.chain}`);
    }
  }
  const info = await bench.machine();
  const markdown = [
    `Measured ${info.date} on ${info.cpu}, ${info.memory}, ${info.os}; Node ${info.node}, PostgreSQL ${info.postgres}; commit ${info.commit}.`,
    `Command: \`node apps/intake/bench/person-search.cjs\` (${PERSONS.toLocaleString('en')} persons, ${CONNECTIONS} connections, ${DURATION} s per measurement after a ${WARMUP} s warm-up).`,
    '',
    resultsTable(results),
  ].join('\n');
  bench.write(`intake-${info.date.replace(/[:.]/g, '-')}`, { machine: info, persons: PERSONS, connections: CONNECTIONS, durationSeconds: DURATION, results }, markdown);
  for (const r of results.filter((r) => r.title.startsWith('person search'))) log(`${r.title}: p99 ${r.p99} ms — goal p99 < ${GOAL_P99_MS} ms: ${r.p99 < GOAL_P99_MS ? 'met' : 'NOT met'}`);
});
