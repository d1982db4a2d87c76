// `node libs/util/pdf-forms/bench/first-form.cjs`: how long the first form of a process takes against the next ones
// (issue 19: a service's first PDF paid the font's loading many times over). Renders the same form — fields, tables and
// notes, switching between the regular and bold weights as the 開示 pack does — FORMS times in one process and prints
// each time and the load average. A separate command, not a test: nothing fails on slow figures.
'use strict';
const { join } = require('node:path');
const os = require('node:os');
process.env.TS_NODE_PROJECT = join(__dirname, '../tsconfig.spec.json');
process.env.TS_NODE_TRANSPILE_ONLY = 'true';
require('ts-node/register');
require('tsconfig-paths/register');
const { FormDocument } = require('../src/lib/form-document.ts');

const FORMS = Number(process.env.BENCH_FORMS ?? 3);

async function render() {
  const form = new FormDocument({ title: '保有個人情報の開示', subtitle: '開示請求番号 R7-000001', municipality: '高松市' });
  form.heading('開示請求').fields([
    ['開示請求番号', 'R7-000001'],
    ['請求日', '令和7年6月1日'],
  ]);
  for (let record = 0; record < 20; record += 1) {
    form.note(`相談受付（0190000${record}-0000-7000-8000-000000000001）`);
    await form.table(
      [
        { header: '項目', width: 0.3 },
        { header: '内容', width: 0.7 },
      ],
      Array.from({ length: 12 }, (_, field) => [`項目${field + 1}`, `記録${record + 1}の内容。家賃の支払いが難しいと電話で相談があった。`]),
    );
  }
  return form.end();
}

(async () => {
  for (let index = 1; index <= FORMS; index += 1) {
    const started = process.hrtime.bigint();
    const pdf = await render();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`form ${index}: ${ms.toFixed(0)} ms (${pdf.length} bytes), load average ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  }
})();
