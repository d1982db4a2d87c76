// `node apps/outreach/bench/import.cjs` (after `npx nx run-many -t build -p outreach idp`): outreach's record import benchmark (issue 19).
//
// BENCH_IMPORT_TARGETS (1,000) place-only targets at 未接触 as one UTF-8 CSV in the targets template, then
// BENCH_IMPORT_CONTACTS (2,000) contacts on them in the contacts template — spread over the targets, in the file out of
// time order, one in three successful (面談できた: the target moves 未接触 → 接触試行中 → 接触できた), the others 不在 or
// 応答なし (未接触 → 接触試行中) — sent to the built outreach service as a supervisor: the targets' real run, then the
// contacts' real run (one transaction: every contact, its target's last contact and stage, the outbox events, the
// source ids), then the contacts again (every row already imported: nothing written). BENCH_IMPORT_DRY_RUN=1 adds a
// dry run of the contacts first. Prints wall time, rows/s and the load average before and after; docs/performance.md
// records the figures. Not a test: nothing fails on slow figures.
'use strict';
const os = require('node:os');
const { serviceBench, sendImport, logImportTable } = require('../../../deploy/bench/service-bench.cjs');

const TARGETS = Number(process.env.BENCH_IMPORT_TARGETS ?? 1_000);
const CONTACTS = Number(process.env.BENCH_IMPORT_CONTACTS ?? 2_000);
const PLACES = ['公園', '駅前', '河川敷', '公民館裏', '商店街'];
const RESULTS = ['不在', '応答なし', '面談できた'];
const METHODS = ['訪問', '電話', '手紙・メモ投函'];
const DAY_MS = 24 * 3600 * 1000;
const CITY_DESK = '01900000-0000-7000-8000-000000000001';

function targetsCsv() {
  const lines = ['管理番号,対象者ID,場所・様子,地区ID,把握日,把握経路,リスク,課題,段階,備考'];
  for (let i = 0; i < TARGETS; i += 1) lines.push(`OT-${i},,${PLACES[i % PLACES.length]}（${i}）,,2023-04-01,地域住民,${['高', '中', '低'][i % 3]},,,`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The i-th contact: its target by turns, a day between a target's contacts, written newest first (the import sorts them). */
function contactsCsv() {
  const lines = ['管理番号,対象の管理番号,接触日時,方法,結果,観察,記録,根拠'];
  const start = Date.parse('2023-05-01T00:00:00+09:00');
  for (let i = CONTACTS - 1; i >= 0; i -= 1) {
    const at = new Date(start + Math.floor(i / TARGETS) * DAY_MS + (i % TARGETS) * 60_000 + 9 * 3600 * 1000);
    const day = at.toISOString().slice(0, 10);
    const time = at.toISOString().slice(11, 16);
    lines.push(`OC-${i},OT-${i % TARGETS},${day} ${time},${METHODS[i % METHODS.length]},${RESULTS[i % RESULTS.length]},${i % 4 ? '' : '郵便物滞留'},,社福法106条の6支援会議`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

serviceBench({ name: 'outreach', tokenUser: 'supervisor', env: { OUTREACH_CHECK_INTERVAL_MS: '0', CITY_DESK_ORGANIZATION_ID: CITY_DESK } }, async (bench) => {
  const { db, log } = bench;
  // The city desk as the registry's OrganizationRegistered would have copied it (the targets are assigned to it).
  await db.query(`insert into "outreach"."organization_copy" (id, municipality, type, event_at, version) values ($1, '372013', 'municipal-division', now(), 1)`, [CITY_DESK]);
  const baseUrl = await bench.start();
  const send = (title, query, body, rows) => sendImport(bench, title, `${baseUrl}/api/outreach/imports?${query}`, body, rows);
  const targets = targetsCsv();
  const contacts = contactsCsv();
  log(`${TARGETS.toLocaleString('en')} targets, ${CONTACTS.toLocaleString('en')} contacts (${(contacts.length / 1024 / 1024).toFixed(1)} MiB)`);
  const results = [await send('targets, real run', 'type=targets', targets, TARGETS)];
  if (process.env.BENCH_IMPORT_DRY_RUN === '1') results.push(await send('contacts, dry run', 'type=contacts&dryRun=true', contacts, CONTACTS));
  results.push(await send('contacts, real run', 'type=contacts', contacts, CONTACTS), await send('contacts, re-run (all imported)', 'type=contacts', contacts, CONTACTS));
  const machine = await bench.machine();
  log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB, commit ${machine.commit}`);
  logImportTable(log, results);
});
