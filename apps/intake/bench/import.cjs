// `node apps/intake/bench/import.cjs` (after `npx nx build intake idp`): the record import's benchmark (issue 19).
//
// BENCH_IMPORT_ROWS (100,000) fictional persons as one UTF-8 CSV in the persons template (管理番号, 氏名, フリガナ, 和暦の
// 生年月日, 性別, 携帯電話), sent to the built intake service as a supervisor: first a dry run, then the real run
// (one transaction: every person, its person.registered event in the outbox, its source id), then the same file
// again (every row already imported: nothing written). BENCH_IMPORT_DRY_RUN=0 leaves the dry run out. Prints wall time, rows/s and the load average before and
// after; docs/performance.md records the figures. Not a test: nothing fails on slow figures.
// BENCH_IMPORT_CONSENTS (0) then imports that many consents of those persons (one 関係機関との情報共有 each): the
// row-by-row path of consents, referrals, cases and plans (each row through its use case, in a savepoint).
'use strict';
const { randomBytes } = require('node:crypto');
const os = require('node:os');
const { serviceBench, sendImport, logImportTable } = require('../../../deploy/bench/service-bench.cjs');

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const CONSENTS = Math.min(Number(process.env.BENCH_IMPORT_CONSENTS ?? 0), ROWS);
const FAMILY = [['山田', 'ヤマダ'], ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'], ['中村', 'ナカムラ']];
const GIVEN = [['太郎', 'タロウ'], ['花子', 'ハナコ'], ['一郎', 'イチロウ'], ['健一', 'ケンイチ'], ['美咲', 'ミサキ'], ['大輔', 'ダイスケ'], ['陽子', 'ヨウコ']];

/** The i-th row: a unique phone and (name, birth date) pairs that repeat rarely, as in a real city's file. */
function row(i) {
  const [family, familyKana] = FAMILY[i % FAMILY.length];
  const [given, givenKana] = GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length];
  // 昭和10–39年 and 平成2–29年: whole years inside their era.
  const era = i % 2 ? 'S' : 'H';
  const year = era === 'S' ? 10 + (i % 30) : 2 + (i % 28);
  const month = 1 + (Math.floor(i / 30) % 12);
  const day = 1 + (Math.floor(i / 360) % 28);
  const mobile = `090${String(10_000_000 + i).slice(-8)}`;
  return `OLD-${i},${family},${given},${familyKana},${givenKana},${era}${year}.${month}.${day},${i % 2 ? '女' : '男'},${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`;
}

function csv() {
  const lines = ['管理番号,氏名（姓）,氏名（名）,フリガナ（セイ）,フリガナ（メイ）,生年月日,性別,電話番号（携帯）'];
  for (let i = 0; i < ROWS; i += 1) lines.push(row(i));
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

function consentsCsv() {
  const lines = ['同意管理番号,対象者の管理番号,同意の範囲,取得方法,取得日,状態'];
  for (let i = 0; i < CONSENTS; i += 1) lines.push(`OLD-D-${i},OLD-${i},関係機関との情報共有,署名,R5.4.1,取得`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

// Production mode needs the pseudonym key (a throwaway one); the city's supervisor works at the demo city desk.
const env = { REPORTING_PSEUDONYM_KEY: randomBytes(32).toString('hex'), CITY_DESK_ORGANIZATION_ID: '01900000-0000-7000-8000-000000000001' };

serviceBench({ name: 'intake', tokenUser: 'supervisor', env }, async (bench) => {
  const { log } = bench;
  const file = csv();
  log(`${ROWS.toLocaleString('en')} rows, ${(file.length / 1024 / 1024).toFixed(1)} MiB`);
  const baseUrl = await bench.start();
  const send = (title, query, body = file, rows = ROWS) => sendImport(bench, title, `${baseUrl}/api/intake/imports?${query.startsWith('type=') ? '' : 'type=persons'}${query}`, body, rows);
  const results = [];
  // BENCH_IMPORT_DRY_RUN=0 skips the dry run (it costs as much as the real run: it writes, then rolls back).
  if (process.env.BENCH_IMPORT_DRY_RUN !== '0') results.push(await send('dry run', '&dryRun=true'));
  results.push(await send('real run', ''), await send('re-run (all imported)', ''));
  if (CONSENTS > 0) {
    const consents = consentsCsv();
    results.push(await send('consents, real run', 'type=consents', consents, CONSENTS), await send('consents, re-run', 'type=consents', consents, CONSENTS));
  }
  log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`);
  logImportTable(log, results);
});
