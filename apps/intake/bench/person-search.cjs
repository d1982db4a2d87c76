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

serviceBench({ name: 'intake', tokenUser: 'caseworker', connections: CONNECTIONS, duration: DURATION }, async (bench) => {
  const { db, token, log } = bench;
  log(`inserting ${PERSONS.toLocaleString('en')} persons …`);
  const started = Date.now();
  await db.query(INSERT_PERSONS, [PERSONS, FAMILY.map((f) => f[0]), FAMILY.map((f) => f[1]), GIVEN.map((g) => g[0]), GIVEN.map((g) => g[1]), MUNICIPALITY]);
  // VACUUM as well as ANALYZE: a bulk load leaves the GIN indexes' pending lists full (every search would scan
  // them); autovacuum empties them in a running system, so the figures are for that steady state.
  await db.query('vacuum analyze "intake"."person"');
  log(`inserted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (process.env.BENCH_EXPLAIN === '1') {
    // The statements MikroORM sends for the two searches (list-persons.usecase.ts, find-duplicates.ts), by hand.
    const plans = {
      'kana search page': [
        `select p0.* from "intake"."person" as p0 where p0."municipality" = $1 and p0."search_text" like $2 and p0."search_text" like $3 order by p0."created_at" desc limit 25`,
        [MUNICIPALITY, '%ヤマダ%', '%タロウ%'],
      ],
      'kana search count': [
        `select count(*) from "intake"."person" as p0 where p0."municipality" = $1 and p0."search_text" like $2 and p0."search_text" like $3`,
        [MUNICIPALITY, '%ヤマダ%', '%タロウ%'],
      ],
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
  const kanaQueries = FAMILY.flatMap(([, f], a) => GIVEN.filter((_, b) => (a + b) % 7 === 0).map(([, g]) => `${f} ${g}`));
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
