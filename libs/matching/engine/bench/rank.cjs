// `node libs/matching/engine/bench/rank.cjs` (or `npx nx bench matching-engine`): ranking latency of the
// matching engine. Works from a fresh clone after `npm ci`: the engine's TypeScript is transpiled in memory
// with the repository's `typescript` (no build, no ts-node/tsx).
//
// For 1,000 / 10,000 / 100,000 random opportunities (seeded, so every run ranks the same data) it ranks
// BENCH_NEEDS (200) different needs, each once after a warm-up, and prints p50/p95/p99 per ranking (top 20
// with reasons) and matches (need × opportunity pairs) evaluated per second. The goal is p95 < 20 ms at 10,000.
// Not a test: nothing fails on slow figures. BENCH_JSON=1 prints the figures as JSON as well.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const SRC = path.resolve(__dirname, '../src');
const previous = require.extensions['.ts'];
require.extensions['.ts'] = function compile(module, filename) {
  if (!filename.startsWith(SRC)) return previous ? previous(module, filename) : undefined;
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: filename,
  });
  module._compile(outputText, filename);
};
const { rank, DEFAULT_WEIGHTS } = require(path.join(SRC, 'index.ts'));

const NEEDS = Number(process.env.BENCH_NEEDS ?? 200);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const GOAL_P95_MS = 20;

// Deterministic pseudo-random numbers (mulberry32), so runs are comparable.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const DISTRICTS = Array.from({ length: 44 }, (_, i) => `01900000-0000-7000-8000-${String(100 + i).padStart(12, '0')}`);
const PURPOSES = ['ibasho', 'role-volunteer', 'work-experience', 'employment', 'learning', 'hobby-social', 'housing-related'];
const TAGS = ['gardening', 'cooking', 'cafe', 'exercise', 'crafts', 'reading', 'music', 'farming', 'cleaning', 'childcare', 'pc', 'walking'];
const ACCOMMODATIONS = ['quiet-space', 'small-group', 'step-free', 'transport', 'companion', 'short-hours', 'written-instructions'];
const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
const SLOTS = ['morning', 'afternoon', 'evening'];
const LOADS = ['light', 'moderate', 'heavy'];

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
const some = (rnd, list, max) => {
  const out = new Set();
  const n = Math.floor(rnd() * (max + 1));
  for (let i = 0; i < n; i += 1) out.add(pick(rnd, list));
  return [...out];
};

function opportunities(count, seed) {
  const rnd = random(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `01900000-0000-7000-9000-${String(i).padStart(12, '0')}`,
    active: rnd() > 0.05,
    purposes: [pick(rnd, PURPOSES), ...some(rnd, PURPOSES, 1)],
    hostAccepts: rnd() < 0.5 ? null : PURPOSES.filter(() => rnd() < 0.7),
    activityTags: some(rnd, TAGS, 3),
    sessions: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({ weekday: pick(rnd, WEEKDAYS), slot: pick(rnd, SLOTS) })),
    seatsLeft: rnd() < 0.3 ? null : Math.floor(rnd() * 10),
    districtId: rnd() < 0.05 ? null : pick(rnd, DISTRICTS),
    fee: rnd() < 0.6 ? 0 : Math.floor(rnd() * 10) * 100,
    accommodations: some(rnd, ACCOMMODATIONS, 4),
    physicalLoad: pick(rnd, LOADS),
    groupSize: rnd() < 0.2 ? null : 2 + Math.floor(rnd() * 30),
  }));
}

function needs(count, seed) {
  const rnd = random(seed);
  return Array.from({ length: count }, () => ({
    purposes: [pick(rnd, PURPOSES), ...some(rnd, PURPOSES, 1)],
    interests: some(rnd, TAGS, 3),
    homeDistrictId: pick(rnd, DISTRICTS),
    reachableDistrictIds: some(rnd, DISTRICTS, 4),
    travelRange: pick(rnd, ['home-district', 'nearby-districts', 'citywide', 'citywide']),
    availability: Array.from({ length: 2 + Math.floor(rnd() * 8) }, () => ({ weekday: pick(rnd, WEEKDAYS), slot: pick(rnd, SLOTS) })),
    maxPhysicalLoad: pick(rnd, [null, ...LOADS]),
    maxGroupSize: rnd() < 0.5 ? null : 5 + Math.floor(rnd() * 20),
    accommodations: some(rnd, ACCOMMODATIONS, 1),
    maxFee: rnd() < 0.5 ? null : Math.floor(rnd() * 10) * 100,
  }));
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const figures = [];
for (const size of SIZES) {
  const list = opportunities(size, 42);
  const testNeeds = needs(NEEDS, 7);
  for (let i = 0; i < 20; i += 1) rank(testNeeds[i % testNeeds.length], list, { weights: DEFAULT_WEIGHTS, limit: 20 }); // warm-up
  const times = [];
  let passed = 0;
  const started = process.hrtime.bigint();
  for (const need of testNeeds) {
    const t0 = process.hrtime.bigint();
    const result = rank(need, list, { weights: DEFAULT_WEIGHTS, limit: 20 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    passed += result.passed;
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  times.sort((a, b) => a - b);
  figures.push({
    opportunities: size,
    needs: testNeeds.length,
    p50Ms: +percentile(times, 50).toFixed(2),
    p95Ms: +percentile(times, 95).toFixed(2),
    p99Ms: +percentile(times, 99).toFixed(2),
    rankingsPerSecond: Math.round((testNeeds.length / totalMs) * 1000),
    opportunitiesPerSecond: Math.round(((testNeeds.length * size) / totalMs) * 1000),
    averagePassed: Math.round(passed / testNeeds.length),
  });
}

console.log(`matching engine — rank() top 20 with reasons, ${NEEDS} needs per size, node ${process.version}`);
console.log('| opportunities | p50 ms | p95 ms | p99 ms | rankings/s | matches evaluated/s (need × opportunity) | passing (avg) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const f of figures) {
  console.log(`| ${f.opportunities.toLocaleString('en')} | ${f.p50Ms} | ${f.p95Ms} | ${f.p99Ms} | ${f.rankingsPerSecond.toLocaleString('en')} | ${f.opportunitiesPerSecond.toLocaleString('en')} | ${f.averagePassed.toLocaleString('en')} |`);
}
const tenK = figures.find((f) => f.opportunities === 10000);
if (tenK) console.log(`goal p95 < ${GOAL_P95_MS} ms at 10,000: ${tenK.p95Ms < GOAL_P95_MS ? 'met' : 'NOT met'} (${tenK.p95Ms} ms)`);
if (process.env.BENCH_JSON) console.log(JSON.stringify(figures));
