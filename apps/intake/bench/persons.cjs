// The 100,000 fictional persons of intake's benchmarks, in one place: `node apps/intake/bench/person-search.cjs`
// and `npm run bench` (deploy/bench/run.cjs) seed them with the same INSERT … SELECT FROM generate_series and search
// them with the same kana queries. Pure data and SQL: no dependencies.
'use strict';

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
   "kana_key", "phone_digits", "search_text", "registered_by_organization")
select gen_random_uuid(), $6, now() - make_interval(secs => $1::int - i), now() - make_interval(secs => $1::int - i), 1,
       family_name, given_name, family_kana, given_kana,
       date '1935-01-01' + (i * 7 % 25000), 'day', case when i % 2 = 0 then 'male' else 'female' end,
       '香川県高松市番町' || (1 + i % 5) || '丁目' || (1 + i % 30) || '番',
       jsonb_build_array(jsonb_build_object('type', 'mobile', 'number', substr(mobile, 1, 3) || '-' || substr(mobile, 4, 4) || '-' || substr(mobile, 8, 4))),
       i % 500 = 0, 'confirmed',
       family_kana || given_kana,
       array[mobile],
       lower(family_name || ' ' || given_name || ' ' || family_kana || ' ' || given_kana || ' ' || family_kana || given_kana),
       $7::uuid
from names`;

/**
 * Inserts `count` persons (through an owner connection: a bulk load, not the API) and VACUUM ANALYZEs the table.
 * `registeredBy`: the desk that registered them (ADR 0012: a desk's staff see the people it has a relationship with).
 * VACUUM as well as ANALYZE: a bulk load leaves the GIN indexes' pending lists full (every search would scan
 * them); autovacuum empties them in a running system, so the figures are for that steady state.
 */
async function insertPersons(db, count, municipality, registeredBy = null) {
  // The table has row-level security forced on its owner too (ADR 0012): a bulk load is system work.
  await db.query(`select set_config('app.system', 'on', false)`);
  await db.query(INSERT_PERSONS, [count, FAMILY.map((f) => f[0]), FAMILY.map((f) => f[1]), GIVEN.map((g) => g[0]), GIVEN.map((g) => g[1]), municipality, registeredBy]);
  await db.query('vacuum analyze "intake"."person"');
}

/** 120 full names in kana (「ヤマダ タロウ」 …), each matching about count ÷ 900 persons. */
const kanaQueries = FAMILY.flatMap(([, f], a) => GIVEN.filter((_, b) => (a + b) % 7 === 0).map(([, g]) => `${f} ${g}`));

/**
 * The statements ListPersonsUseCase sends for `?q=<セイ メイ>&perPage=25` (one LIKE per word on search_text, newest
 * first), for EXPLAIN and for the Fastify + pg baseline. Since issue 14 the count is capped (listPlainRows: exact up to
 * 10,000, and not sent at all when the page is not full); `exactCount` is the count findAndCount sent before.
 */
const kanaSearchSql = {
  page: `select p0.* from "intake"."person" as p0 where p0."municipality" = $1 and p0."search_text" like $2 and p0."search_text" like $3 order by p0."created_at" desc, p0."id" asc limit 25`,
  /** The console's search (`sort=familyNameKana&count=false`): kana order, one row beyond the page says whether another follows. */
  consolePage: `select p0.* from "intake"."person" as p0 where p0."municipality" = $1 and p0."search_text" like $2 and p0."search_text" like $3 order by p0."family_name_kana" asc, p0."id" asc limit 26`,
  count: `select count(*)::int as "count" from (select p0."id" from "intake"."person" as p0 where p0."municipality" = $1 and p0."search_text" like $2 and p0."search_text" like $3 limit 10001) as "capped"`,
  exactCount: `select count(*)::int as "count" from "intake"."person" as p0 where p0."municipality" = $1 and p0."search_text" like $2 and p0."search_text" like $3`,
};

module.exports = { FAMILY, GIVEN, mobileOf, INSERT_PERSONS, insertPersons, kanaQueries, kanaSearchSql };
