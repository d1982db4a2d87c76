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
const { randomUUID } = require('node:crypto');
const { serviceBench, resultsTable, MUNICIPALITY, WARMUP } = require('../../../deploy/bench/service-bench.cjs');

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const GOAL_P99_MS = 100;
const ORGANIZATION_ID = '01900000-0000-7000-8000-000000000001';

const { insertPersons, kanaQueries, kanaSearchSql, mobileOf } = require('./persons.cjs');

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

  const baseUrl = await bench.start();
  const probe = await fetch(`${baseUrl}/api/intake/persons?q=${encodeURIComponent('ヤマダ タロウ')}&perPage=25`, { headers: { authorization: `Bearer ${token}` } });
  const probeBody = await probe.json();
  if (probe.status !== 200) throw new Error(`GET persons answered ${probe.status}: ${JSON.stringify(probeBody)}`);
  log(`probe: ヤマダ タロウ → ${probeBody.total} persons`);

  let n = 0;
  const results = [];
  results.push(
    await bench.measure('person search by kana (q=<セイ メイ>, 25 per page)', {
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: `/api/intake/persons?q=${encodeURIComponent(kanaQueries[n++ % kanaQueries.length])}&perPage=25` }),
    }),
  );
  results.push(
    await bench.measure('person search by phone (duplicate-candidates?phone=)', {
      method: 'GET',
      setupRequest: (req) => {
        const mobile = mobileOf((n++ * 7919) % PERSONS);
        return { ...req, path: `/api/intake/persons/duplicate-candidates?phone=${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}` };
      },
    }),
  );
  results.push(
    await bench.measure('create a consultation (POST /consultations)', {
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

  const info = await bench.machine();
  const markdown = [
    `Measured ${info.date} on ${info.cpu}, ${info.memory}, ${info.os}; Node ${info.node}, PostgreSQL ${info.postgres}; commit ${info.commit}.`,
    `Command: \`node apps/intake/bench/person-search.cjs\` (${PERSONS.toLocaleString('en')} persons, ${CONNECTIONS} connections, ${DURATION} s per measurement after a ${WARMUP} s warm-up).`,
    '',
    resultsTable(results),
  ].join('\n');
  bench.write(`intake-${info.date.replace(/[:.]/g, '-')}`, { machine: info, persons: PERSONS, connections: CONNECTIONS, durationSeconds: DURATION, results }, markdown);
  for (const r of results.slice(0, 2)) log(`${r.title}: p99 ${r.p99} ms — goal p99 < ${GOAL_P99_MS} ms: ${r.p99 < GOAL_P99_MS ? 'met' : 'NOT met'}`);
});
