// `node deploy/bench/create-profile.cjs` (after `npx nx build registry idp`): where a write's time goes (issue 14).
// The built registry creates community resources (the bench's create, deploy/bench/scenarios.cjs) under `--cpu-prof`,
// tracing off; prints the throughput, the self time per package and the top frames. A read of the same run
// (the list) is profiled beside it for comparison. Not a test: nothing fails on slow figures.
// Knobs: BENCH_CONNECTIONS (20), BENCH_DURATION (10 s).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { v7: uuidv7 } = require('uuid');
const { serviceBench, resultsTable, profileSummary, MUNICIPALITY } = require('./service-bench.cjs');
const { resourceBody } = require('./scenarios.cjs');

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);

serviceBench({ name: 'registry', tokenUser: 'coordinator', connections: CONNECTIONS, duration: DURATION }, async (bench) => {
  // Districts a resource names must exist (a create checks them): 44, as Takamatsu has, inserted as the owner.
  const districtIds = Array.from({ length: 44 }, () => uuidv7());
  for (const [n, id] of districtIds.entries()) {
    await bench.db.query(`insert into "registry"."district" (id, municipality, short_name, official_name, kana, sort_order) values ($1, $2, $3, $3, $4, $5)`, [id, MUNICIPALITY, `地区${n + 1}`, `チク${n + 1}`, n + 1]);
  }
  let i = 0;
  const create = {
    method: 'POST',
    path: '/api/registry/community-resources',
    // autocannon calls this per request: every create is a new resource.
    setupRequest: (request) => ({ ...request, body: JSON.stringify(resourceBody(i++, { districtIds })) }),
  };
  const list = { method: 'GET', path: '/api/registry/community-resources?perPage=25' };
  const profiles = {};
  const results = [];
  for (const [name, request] of Object.entries({ create, list })) {
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), `tsunagu-registry-${name}-profile-`));
    await bench.start({}, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
    results.push(await bench.measure(`${name} under --cpu-prof`, request));
    await bench.stopService();
    const file = fs.readdirSync(profileDir).find((entry) => entry.endsWith('.cpuprofile'));
    profiles[name] = file ? profileSummary(path.join(profileDir, file)) : undefined;
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
  const info = await bench.machine();
  const section = (name) => {
    const profile = profiles[name];
    if (!profile) return `No profile of ${name} was written.`;
    return [
      `Profile of ${name} (whole process, boot included): busy ${profile.busyMs.toFixed(0)} ms of ${profile.totalMs.toFixed(0)} ms; garbage collector ${profile.gcPercentOfBusy.toFixed(1)} % of busy.`,
      '',
      '| self % of busy | package |',
      '|---:|---|',
      ...profile.byPackage.map((p) => `| ${p.selfPercentOfBusy.toFixed(1)} | ${p.group} |`),
      '',
      '| self % of busy | frame |',
      '|---:|---|',
      ...profile.top.map((t) => `| ${t.selfPercentOfBusy.toFixed(1)} | \`${t.frame}\` |`),
    ].join('\n');
  };
  const markdown = [
    `Measured ${info.date} on ${info.cpu}, ${info.memory}, ${info.os}; Node ${info.node}, PostgreSQL ${info.postgres}; commit ${info.commit}; load average ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')}.`,
    `Command: \`node deploy/bench/create-profile.cjs\` (registry, ${CONNECTIONS} connections, ${DURATION} s per measurement after a warm-up, tracing off).`,
    '',
    resultsTable(results),
    '',
    section('create'),
    '',
    section('list'),
  ].join('\n');
  bench.write(`create-profile-${info.date.replace(/[:.]/g, '-')}`, { machine: info, connections: CONNECTIONS, durationSeconds: DURATION, results, profiles }, markdown);
});
