// `node deploy/bench/telemetry-cost.cjs` (after `npx nx build registry idp`): what each OpenTelemetry instrumentation
// costs (issue 14). The built registry serves the bench's list (deploy/bench/scenarios.cjs, 3,000 resources) with
// tracing off, then with tracing on at the default 10 % parent-based sampling and one set of instrumentations at a
// time (OTEL_NODE_ENABLED_INSTRUMENTATIONS), exporting to a local OTLP sink that accepts and drops the spans.
// Last, tracing off again under `--cpu-prof`: the profile's top frames, and how much of it is OpenTelemetry (none
// should be: no SDK, no patched module, no per-request work when tracing is off).
// Not a test: nothing fails on slow figures. Knobs: BENCH_CONNECTIONS (20), BENCH_DURATION (10 s), TELEMETRY_SETS.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createServer } = require('node:http');
const { v7: uuidv7 } = require('uuid');
const { serviceBench, resultsTable, profileSummary, MUNICIPALITY } = require('./service-bench.cjs');
const { freePort } = require('../../libs/platform/local-infrastructure/src/infrastructure.cjs');
const { resourceBody, sql, seedRows } = require('./scenarios.cjs');

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
/** Instrumentation sets measured one after another; '' = every auto-instrumentation the package enables by default. */
const SETS = (process.env.TELEMETRY_SETS ?? 'none;http;http,nestjs-core;http,pg;http,pino;http,knex;http,undici;http,nestjs-core,pg,pino;http,nestjs-core,pg,pino,knex;').split(';');

serviceBench({ name: 'registry', tokenUser: 'coordinator', connections: CONNECTIONS, duration: DURATION }, async (bench) => {
  const { db, log } = bench;
  // The list's data set, inserted with the baseline's SQL (as npm run bench does).
  const districtIds = Array.from({ length: 44 }, () => uuidv7());
  await db.query('begin');
  for (let i = 0; i < seedRows; i++) {
    const b = resourceBody(i, { districtIds });
    await db.query(sql.insert, [
      uuidv7(), MUNICIPALITY, b.name, b.kana, b.description, b.districtIds, b.category, b.insuranceScheme, b.activities, b.eligibility,
      b.schedule.frequency, b.schedule.weekdays, b.schedule.opensAt, b.schedule.closesAt, b.capacity, b.fee, [b.name, b.kana, b.description].join(' ').toLowerCase(),
    ]);
  }
  await db.query('commit');
  await db.query('analyze "registry"."community_resource"');

  // An OTLP/HTTP endpoint that reads and drops every export (what a collector would cost the service: the export).
  let exported = 0;
  const sink = createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      exported += 1;
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  const sinkPort = await freePort();
  await new Promise((resolve) => sink.listen(sinkPort, '127.0.0.1', resolve));

  const list = { method: 'GET', path: '/api/registry/community-resources?category=visit-type-b&perPage=25' };
  const results = [];
  try {
    await bench.start({ OTEL_EXPORTER_OTLP_ENDPOINT: '' });
    results.push({ ...(await bench.measure('tracing off (no OTLP endpoint: no SDK)', list)), set: 'off' });
    for (const set of SETS) {
      await bench.start({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${sinkPort}`, OTEL_NODE_ENABLED_INSTRUMENTATIONS: set, OTEL_TRACES_SAMPLER_ARG: '0.1', OTEL_BSP_SCHEDULE_DELAY: '1000' });
      const title = `tracing on, 10 % sampled: ${set === '' ? 'every default auto-instrumentation' : set}`;
      results.push({ ...(await bench.measure(title, list)), set });
      const last = results[results.length - 1];
      log(`${title}: ${last.requestsPerSecond.toFixed(0)} req/s (${((100 * last.requestsPerSecond) / results[0].requestsPerSecond).toFixed(0)} % of off), p50 ${last.p50} ms, p99 ${last.p99} ms`);
    }
    // Tracing off under the profiler: what a list request still costs, and proof that OpenTelemetry does no work.
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-registry-profile-'));
    await bench.start({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
    results.push({ ...(await bench.measure('tracing off, under --cpu-prof', list)), set: 'off (profiled)' });
    await bench.stopService();
    const file = fs.readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    const profile = file ? profileSummary(path.join(profileDir, file)) : undefined;
    fs.rmSync(profileDir, { recursive: true, force: true });

    const off = results[0].requestsPerSecond;
    const rows = results.map((r) => ({ ...r, title: `${r.title} — ${((100 * r.requestsPerSecond) / off).toFixed(0)} % of off` }));
    const info = await bench.machine();
    const markdown = [
      `Measured ${info.date} on ${info.cpu}, ${info.memory}, ${info.os}; Node ${info.node}, PostgreSQL ${info.postgres}; commit ${info.commit}; load average ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')}.`,
      `Command: \`node deploy/bench/telemetry-cost.cjs\` (registry list, ${seedRows} resources, ${CONNECTIONS} connections, ${DURATION} s per measurement after a warm-up; ${exported} OTLP exports received).`,
      '',
      resultsTable(rows),
      '',
      profile
        ? [
            `Profile (tracing off, list under load): busy ${profile.busyMs.toFixed(0)} ms of ${profile.totalMs.toFixed(0)} ms; garbage collector ${profile.gcPercentOfBusy.toFixed(1)} % of busy; frames from @opentelemetry ${profile.otelPercentOfBusy.toFixed(2)} % of busy.`,
            '',
            '| self % of busy | frame |',
            '|---:|---|',
            ...profile.top.map((t) => `| ${t.selfPercentOfBusy.toFixed(1)} | \`${t.frame}\` |`),
          ].join('\n')
        : 'No profile was written.',
    ].join('\n');
    bench.write(`telemetry-${info.date.replace(/[:.]/g, '-')}`, { machine: info, connections: CONNECTIONS, durationSeconds: DURATION, results, profile }, markdown);
  } finally {
    await new Promise((resolve) => sink.close(() => resolve()));
  }
});
