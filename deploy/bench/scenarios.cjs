// The benchmark's routes, request mix and SQL in one place. `npm run bench` (deploy/bench/run.cjs) drives
// them with autocannon; the k6 scenarios for operators (deploy/k6) mirror the same routes, bodies and
// thresholds — change both together. Pure data and small functions: no dependencies.
'use strict';

/**
 * Load shape of every measurement (overridable with BENCH_CONNECTIONS / BENCH_DURATION). BENCH_ROUNDS measures each
 * scenario's baseline and service that many times in turn: on a shared machine one pair can be off by a fifth either
 * way, and the goals are judged on the median of the rounds' ratios.
 */
const load = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 100),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 10),
  warmupSeconds: 3,
  rounds: Math.max(1, Math.trunc(Number(process.env.BENCH_ROUNDS ?? 1)) || 1),
};

/**
 * Rows inserted (with the baseline's insert) before measuring, on top of the demo data: with six
 * categories in rotation the list filter matches about a sixth of them, so every page is full.
 */
const seedRows = Number(process.env.BENCH_SEED_ROWS ?? 3000);

/**
 * Goals of issue 14: at 100 connections reads ≥ 70 % and writes ≥ 50 % of the baseline's throughput; at 20
 * connections p99 ≤ 2 × the baseline's p99; person search p99 < 100 ms at 20 connections; event commit →
 * consumer commit p99 < 50 ms at a steady 100 events/s.
 */
const goals = { minReadRatio: 0.7, minWriteRatio: 0.5, maxP99TimesBaselineAt20: 2, personSearchP99Ms: 100, eventP99Ms: 50, eventsPerSecond: 100 };

/** Persons loaded into intake before its scenarios (apps/intake/bench/persons.cjs), and the events of the latency run. */
const persons = Number(process.env.BENCH_PERSONS ?? 100_000);
const events = { seconds: Number(process.env.BENCH_EVENT_SECONDS ?? 20), backlog: Number(process.env.BENCH_EVENT_BACKLOG ?? 5000) };

/** Demo user whose token the benchmark uses: a 生活支援コーディネーター may read and write the registry. */
const tokenUser = 'coordinator';

/**
 * Tokens of the intake scenarios (`token` of deploy/k6/scenarios.json): a 相談支援員 records consultations, the
 * 地域包括支援センター's agency client (client credentials) polls its referrals.
 */
const tokenSubjects = { staff: 'caseworker', agency: 'agency-houkatsu' };

/** The demo municipality (高松市) the demo data and the demo users belong to. */
const municipality = '372013';

const CATEGORIES = ['visit-type-b', 'day-type-b', 'salon', 'kodomo-shokudo', 'watching', 'mobility-shopping'];

/** The body of the i-th created resource: realistic size, unique name, spread over districts and categories. */
function resourceBody(i, { districtIds }) {
  return {
    name: `ベンチマーク資源 ${i} 見守り・ごみ出し支援`,
    kana: `ベンチマークシゲン ${i}`,
    description: '高齢者世帯のごみ出し、電球交換、買い物の付き添いを地域の有償ボランティアが行います。',
    districtIds: [districtIds[i % districtIds.length]],
    category: CATEGORIES[i % CATEGORIES.length],
    insuranceScheme: 'non-insurance',
    activities: [],
    eligibility: 'anyone',
    schedule: { frequency: 'weekly', weekdays: ['mo', 'th'], opensAt: '09:00', closesAt: '12:00' },
    capacity: 20,
    fee: '1回100円',
  };
}

/**
 * Scenarios, in the order they run: the list first, on the seeded data set (so its figures do not depend on
 * how many rows the create runs happened to add), then the creates.
 * `path` is the service route (behind the edge/ingress the same path); `baselinePath` the baseline's.
 */
const registryList = {
  service: 'registry',
  kind: 'read',
  title: 'list community resources (25 per page, filtered by category)',
  method: 'GET',
  path: '/api/registry/community-resources?category=visit-type-b&perPage=25',
  baselinePath: '/baseline/community-resources?category=visit-type-b&perPage=25',
  expectStatus: 200,
};
const registryCreate = {
  service: 'registry',
  kind: 'write',
  title: 'create a community resource',
  method: 'POST',
  path: '/api/registry/community-resources',
  baselinePath: '/baseline/community-resources',
  body: resourceBody,
  expectStatus: 201,
};
/**
 * A kana search as the console's person list sends it (dataProvider: page, perPage, its default kana order, `q`, and
 * `count=false` — issue 14); 120 full names rotating (apps/intake/bench/persons.cjs).
 */
const kanaQuery = (q) => `page=1&perPage=25&sort=familyNameKana&q=${encodeURIComponent(q)}&count=false`;
const scenarios = [
  { name: 'list', ...registryList },
  // Issue 14's tail goal is at 20 connections: p99 ≤ 2 × the baseline's. Before the creates, which grow the listed table.
  { name: 'list@20', ...registryList, connections: 20 },
  { name: 'create', ...registryCreate },
  { name: 'create@20', ...registryCreate, connections: 20 },
  // The same create against a baseline that runs the same statements (the row with its district check, outbox event,
  // audit record in one transaction): what Nest, the ORM, validation and auth cost on top of the platform's own SQL.
  { name: 'create-same-sql', ...registryCreate, title: 'create a community resource (baseline with the same statements)', baselinePath: '/baseline/community-resources/with-trail' },
  // The tail goal against the same statements: create@20's baseline is a single insert, whose p99 no create of a row, its
  // event and its audit record (three inserts, the row's district check, in one transaction) can come within 2× of.
  { name: 'create-same-sql@20', ...registryCreate, title: 'create a community resource (baseline with the same statements)', baselinePath: '/baseline/community-resources/with-trail', connections: 20 },
  {
    name: 'person-search',
    service: 'intake',
    token: 'staff',
    kind: 'read',
    title: `intake person search by kana as the console sends it (${persons.toLocaleString('en')} persons, 25 per page, no count)`,
    method: 'GET',
    path: `/api/intake/persons?${kanaQuery('ヤマダ タロウ')}`,
    paths: (kanaQueries) => kanaQueries.map((q) => `/api/intake/persons?${kanaQuery(q)}`),
    baselinePath: `/baseline/intake/persons?${kanaQuery('ヤマダ タロウ')}`,
    baselinePaths: (kanaQueries) => kanaQueries.map((q) => `/baseline/intake/persons?${kanaQuery(q)}`),
    connections: 20,
    expectStatus: 200,
  },
  ...k6Scenarios(['consultationIntake', 'agencyReferralPolling']),
];

/**
 * The intake scenarios, taken from the k6 definition (deploy/k6/scenarios.json) so both tools send the same
 * routes and bodies: one bench scenario per request. No baseline: they are measured direct and via the edge.
 * `setup` names the ids the body needs (`${personId}`, …); run.cjs looks them up once like k6's setup().
 */
function k6Scenarios(names) {
  const definition = require('../k6/scenarios.json');
  return names.flatMap((name) => {
    const scenario = definition.scenarios[name];
    return scenario.requests.map((request) => ({
      name: `${name}${scenario.requests.length > 1 ? `:${request.name}` : ''}`,
      service: request.service,
      kind: request.method === 'GET' ? 'read' : 'write',
      title: `${request.name} (${name})`,
      token: scenario.token,
      method: request.method,
      path: `${request.path}${request.query ? `?${new URLSearchParams(request.query)}` : ''}`,
      setup: scenario.setup ?? {},
      idempotencyKey: Boolean(request.idempotencyKey),
      ...(request.body === undefined ? {} : { body: (i, context) => fill(request.body, { ...(context.vars ?? {}), ...rotated(context.rotate, i) }) }),
      expectStatus: request.expectStatus,
    }));
  });
}

/** The i-th request's value of each rotating variable (`rotate`: name → values), e.g. the receiving desk. */
function rotated(rotate, i) {
  return Object.fromEntries(Object.entries(rotate ?? {}).map(([name, values]) => [name, values[i % values.length]]));
}

/** `${today}`, `${now}` and setup ids in a k6 body template (as deploy/k6/lib/http.ts fills them). */
function fill(value, vars) {
  if (typeof value === 'string') {
    const now = new Date().toISOString();
    return value.replace(/\$\{(\w+)\}/g, (whole, name) => (name === 'today' ? now.slice(0, 10) : name === 'now' ? now : (vars[name] ?? whole)));
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  return value;
}

/**
 * The SQL the registry's list runs through MikroORM (findAndCount: a page and a count, tenant filter on
 * municipality, default sort -createdAt then id), and a plain insert of the same row. The baseline runs
 * exactly these; the registry additionally validates, authorises, writes an outbox event and an audit entry.
 */
const sql = {
  listPage:
    'select * from "registry"."community_resource" where "municipality" = $1 and "category" = $2 order by "created_at" desc, "id" asc limit $3 offset $4',
  listCount: 'select count(*)::int as "count" from "registry"."community_resource" where "municipality" = $1 and "category" = $2',
  insert: `insert into "registry"."community_resource"
    ("id", "municipality", "created_at", "updated_at", "version", "name", "kana", "description", "district_ids", "category",
     "insurance_scheme", "activities", "eligibility", "schedule_frequency", "schedule_weekdays", "schedule_opens_at",
     "schedule_closes_at", "capacity", "fee", "public", "status", "search_text")
    values ($1, $2, now(), now(), 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, false, 'preparing', $17)
    returning *`,
  /*
   * What the registry's create does besides the row, as plain statements for the "same statements" baseline: an
   * outbox event and an audit record, in the one transaction (the row's trigger checks its districts, ADR 0026). They go
   * to copies of the outbox and audit tables (TRAIL_SCHEMA_SQL) so the registry's relay and sealer never see them.
   */
  outboxInsert: `insert into "bench_baseline"."outbox_event" ("id", "type", "source", "subject", "aggregate_id", "municipality", "data", "created_at", "attempts")
    values ($1, 'org.tsunagu.registry.resource.registered.v1', 'tsunagu/registry', 'tsunagu.evt.registry.resource.registered', $2, $3, $4, now(), 0)`,
  auditInsert: `insert into "bench_baseline"."audit_record" (id, occurred_at, actor, roles, agency, municipality, client, action, resource_type, resource_id, subject_ids, outcome, http_status, request_id, trace_id)
    values ($1, now(), $2, '{coordinator}', null, $3, false, 'create', 'CommunityResource', $4, '{}', 'success', 201, $5, null) returning seq::text as seq`,
};

/** Copies of the registry's outbox and audit tables (indexes, defaults; no trigger, as the registry's has none since ADR 0025) for the baseline's trail. */
const TRAIL_SCHEMA_SQL = (applicationRole) => [
  'create schema if not exists "bench_baseline"',
  'create table if not exists "bench_baseline"."outbox_event" (like "registry"."outbox_event" including all)',
  'create table if not exists "bench_baseline"."audit_record" (like "registry"."audit_record" including all)',
  `grant usage on schema "bench_baseline" to "${applicationRole}"`,
  `grant select, insert on all tables in schema "bench_baseline" to "${applicationRole}"`,
  `grant usage on all sequences in schema "bench_baseline" to "${applicationRole}"`,
];

module.exports = { load, seedRows, persons, events, goals, tokenUser, tokenSubjects, municipality, scenarios, sql, resourceBody, TRAIL_SCHEMA_SQL };
