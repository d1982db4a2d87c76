// `node apps/outreach/bench/overdue-and-inactivity.cjs` (after `npx nx build outreach idp`): outreach's benchmark (issue 7).
//
// 1. A throwaway database on DATABASE_URL's server (CREATE DATABASE tsunagu_outreach_bench_<time>); without
//    DATABASE_URL / NATS_URL an embedded PostgreSQL and a nats-server are started under a temp directory.
// 2. `node dist/apps/outreach/main.js migrate`, then with plain SQL: BENCH_TARGETS (50,000) targets over 44 districts
//    (a third high-risk), BENCH_CONTACTS (1,000,000) contacts spread over the last two years (about a third successful),
//    each target's last contact / last successful contact copied from its contacts the way LogContactUseCase keeps
//    them, and a watch plan per target (7–60 day cadence, next visit = last contact + cadence, as watch-plan.sync.ts),
//    then VACUUM ANALYZE.
// 3. An outreach-worker token from the built idp and a tiny local JWKS endpoint; the built outreach service verifies it.
// 4. autocannon (BENCH_CONNECTIONS = 20, BENCH_DURATION = 20 s after a 3 s warm-up) on
//    - a district's overdue list:  GET /api/outreach/overdue-visits?districtId=<rotating>&perPage=25
//    - my overdue visits:          GET /api/outreach/overdue-visits?mine=true&perPage=25
//    - the district list again with 1 connection (the service time, without queueing on a shared 2-vCPU machine)
//    goal: district overdue list p99 < 200 ms.
// 5. The inactivity computation: the candidate query of RunOutreachChecksUseCase (high-risk, not closed, no successful
//    contact for N = 30 days, no alert for the lapse yet) run BENCH_QUERY_RUNS (200) times — p50/p99 — and then one
//    full `main.js check` (which raises every alert and publishes it through the outbox), timed.
// Figures are printed and written to tmp/bench/outreach-<time>.{json,md} (docs/performance.md § Outreach records them).
// Not a test: nothing fails on slow figures. Everything it started is stopped and the database dropped.
'use strict';
const { serviceBench, resultsTable, MUNICIPALITY, WARMUP } = require('../../../deploy/bench/service-bench.cjs');

const TARGETS = Number(process.env.BENCH_TARGETS ?? 50_000);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 200);
const GOAL_P99_MS = 200;
const DISTRICTS = 44;
const INACTIVITY_DAYS = 30;
const ORGANIZATIONS = ['01900000-0000-7000-8000-000000000002', '01900000-0000-7000-8000-000000000003', '01900000-0000-7000-8000-000000000005'];
/** The demo outreach worker's subject; one target in ten is assigned to them. */
const WORKER = 'outreach';

const districtId = (i) => `01900000-0000-7000-8000-0000000d${String(i).padStart(4, '0')}`;

/** Targets: district i % 44, every third high-risk, one in twenty closed, discovered over the last two years. */
const INSERT_TARGETS = `
insert into "outreach"."outreach_target"
  ("id", "municipality", "created_at", "updated_at", "version", "identity", "person_id", "household_id", "location_description",
   "discovery_route", "discovered_on", "reason_tags", "risk_level", "district_id", "assigned_organization_id", "assigned_staff",
   "meeting_ids", "stage", "stage_changed_at", "first_connected_on", "close_reason", "closed_on", "note", "last_contact_at",
   "last_successful_contact_at", "lapse_origin_at")
select gen_random_uuid(), $2, now(), now(), 1, 'location-only', null, null, '負荷試験の架空の対象 ' || i,
       (array['welfare-commissioner','resident','agency','lifeline-business'])[1 + i % 4], d, array['isolation'],
       case when i % 3 = 0 then 'high' when i % 3 = 1 then 'medium' else 'low' end,
       ('01900000-0000-7000-8000-0000000d' || lpad((i % ${DISTRICTS})::text, 4, '0'))::uuid,
       ($3::uuid[])[1 + i % array_length($3::uuid[], 1)],
       case when i % 10 = 0 then array[$4::text] else array['staff-' || (i % 50)] end,
       '{}', case when i % 20 = 0 then 'closed' else (array['attempting','contacted','building-relationship','connected'])[1 + i % 4] end,
       now(), null, case when i % 20 = 0 then 'other' end, case when i % 20 = 0 then current_date end, null, null, null,
       (d::timestamp at time zone 'Asia/Tokyo')
from (select i, current_date - (i % 730) as d from generate_series(0, $1::int - 1) as i) as s`;

/** Contacts: spread over the targets and the last two years; results cycle so about a third are successful. */
const INSERT_CONTACTS = `
insert into "outreach"."outreach_contact"
  ("id", "municipality", "created_at", "updated_at", "version", "target_id", "contacted_at", "method", "result", "observations",
   "observation_note", "accompanied_by", "next_action", "next_due_on", "legal_basis", "recorded_by")
select gen_random_uuid(), $2, now(), now(), 1, t.id, now() - make_interval(secs => ((c::bigint * 7919) % (730 * 86400))::double precision),
       (array['visit','phone','letter-note'])[1 + c % 3], (array['absent','no-response','brief-talk','met','refused','absent'])[1 + c % 6],
       array['nothing-notable'], null, '[]'::jsonb, null, null, 'support-meeting-106-6', 'bench'
from generate_series(0, $1::int - 1) as c
join (select id, row_number() over (order by id) - 1 as n from "outreach"."outreach_target") as t on t.n = c % $3::int`;

const UPDATE_LAST_CONTACTS = `
update "outreach"."outreach_target" t
   set last_contact_at = s.last_at, last_successful_contact_at = s.last_success_at
  from (select target_id, max(contacted_at) as last_at, max(contacted_at) filter (where result in ('brief-talk','met')) as last_success_at
          from "outreach"."outreach_contact" group by target_id) as s
 where s.target_id = t.id`;

const INSERT_PLANS = `
insert into "outreach"."watch_plan"
  ("id", "municipality", "created_at", "updated_at", "version", "target_id", "cadence_days", "watchers", "active", "started_on",
   "next_due_on", "overdue_notified_for", "district_id", "assigned_organization_id", "staff_subjects")
select gen_random_uuid(), t.municipality, now(), now(), 1, t.id, cadence, jsonb_build_array(jsonb_build_object('kind','staff','subject',t.assigned_staff[1],'name',null)),
       t.stage <> 'closed', t.discovered_on,
       greatest(t.discovered_on, coalesce((t.last_contact_at at time zone 'Asia/Tokyo')::date, t.discovered_on)) + cadence,
       null, t.district_id, t.assigned_organization_id, t.assigned_staff
from (select *, (array[7,14,30,60])[1 + (abs(hashtext(id::text)) % 4)] as cadence from "outreach"."outreach_target") as t`;

/** The statement RunOutreachChecksUseCase.raiseInactivityAlerts sends, with the same parameters. */
const INACTIVITY_CANDIDATES = `
select t.id from "outreach"."outreach_target" t
 where t.municipality = $1 and t.risk_level = 'high' and t.stage <> 'closed'
   and coalesce(t.last_successful_contact_at, t.lapse_origin_at) <= $2
   and not exists (select 1 from "outreach"."inactivity_alert" a
                    where a.target_id = t.id and a.lapse_started_at = date_trunc('milliseconds', coalesce(t.last_successful_contact_at, t.lapse_origin_at)))`;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

serviceBench(
  {
    name: 'outreach',
    tokenUser: 'outreach',
    connections: CONNECTIONS,
    duration: DURATION,
    env: { OUTREACH_CHECK_INTERVAL_MS: '0', OUTREACH_INACTIVITY_DAYS_DEFAULT: String(INACTIVITY_DAYS) },
  },
  async (bench) => {
    const { db, token, log } = bench;
    let started = Date.now();
    log(`inserting ${TARGETS.toLocaleString('en')} targets …`);
    await db.query(INSERT_TARGETS, [TARGETS, MUNICIPALITY, ORGANIZATIONS, WORKER]);
    log(`inserting ${CONTACTS.toLocaleString('en')} contacts …`);
    await db.query(INSERT_CONTACTS, [CONTACTS, MUNICIPALITY, TARGETS]);
    await db.query(UPDATE_LAST_CONTACTS);
    log('inserting watch plans …');
    await db.query(INSERT_PLANS);
    for (const table of ['outreach_target', 'outreach_contact', 'watch_plan']) await db.query(`vacuum analyze "outreach"."${table}"`);
    const seeded = (Date.now() - started) / 1000;
    log(`seeded in ${seeded.toFixed(1)} s`);
    const overdueTotal = Number((await db.query(`select count(*) from "outreach"."watch_plan" where active and next_due_on < current_date`)).rows[0].count);
    log(`${overdueTotal.toLocaleString('en')} overdue plans in all (about ${Math.round(overdueTotal / DISTRICTS)} per district)`);

    // Inactivity computation: the candidate query alone, then the whole check through the built service.
    const cutoff = new Date(Date.now() - INACTIVITY_DAYS * 24 * 3600 * 1000);
    const timings = [];
    let candidates = 0;
    for (let i = 0; i < QUERY_RUNS; i++) {
      const t0 = process.hrtime.bigint();
      const r = await db.query(INACTIVITY_CANDIDATES, [MUNICIPALITY, cutoff]);
      timings.push(Number(process.hrtime.bigint() - t0) / 1e6);
      candidates = r.rowCount;
    }
    timings.sort((a, b) => a - b);
    const inactivityQuery = { runs: QUERY_RUNS, candidates, p50: percentile(timings, 50), p99: percentile(timings, 99) };
    log(
      `inactivity candidates (${candidates.toLocaleString('en')} high-risk targets past ${INACTIVITY_DAYS} days): p50 ${inactivityQuery.p50.toFixed(1)} ms, p99 ${inactivityQuery.p99.toFixed(1)} ms`,
    );
    if (process.env.BENCH_EXPLAIN === '1') {
      const plan = (await db.query(`explain (analyze, buffers) ${INACTIVITY_CANDIDATES}`, [MUNICIPALITY, cutoff])).rows.map((r) => r['QUERY PLAN']).join('\n');
      log(`EXPLAIN ANALYZE inactivity candidates:\n${plan}`);
    }
    started = Date.now();
    await bench.runService(['check']);
    const firstCheck = (Date.now() - started) / 1000;
    const raised = Number((await db.query(`select count(*) from "outreach"."inactivity_alert"`)).rows[0].count);
    started = Date.now();
    await bench.runService(['check']);
    const secondCheck = (Date.now() - started) / 1000;
    log(
      `main.js check: first run ${firstCheck.toFixed(1)} s (raised ${raised.toLocaleString('en')} alerts and published overdue visits, each through the outbox), second run ${secondCheck.toFixed(1)} s (nothing new: once per lapse / due date; includes process start)`,
    );

    const baseUrl = await bench.start();
    const probe = await fetch(`${baseUrl}/api/outreach/overdue-visits?districtId=${districtId(7)}&perPage=25`, { headers: { authorization: `Bearer ${token}` } });
    const probeBody = await probe.json();
    if (probe.status !== 200) throw new Error(`GET overdue-visits answered ${probe.status}: ${JSON.stringify(probeBody)}`);
    log(`probe: district 7 → ${probeBody.total} overdue visits`);

    let n = 0;
    const results = [];
    results.push(
      await bench.measure("a district's overdue list (overdue-visits?districtId=, 25 per page)", {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: `/api/outreach/overdue-visits?districtId=${districtId(n++ % DISTRICTS)}&perPage=25` }),
      }),
    );
    results.push(
      await bench.measure(
        "a district's overdue list, 1 connection (service time)",
        { method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/outreach/overdue-visits?districtId=${districtId(n++ % DISTRICTS)}&perPage=25` }) },
        1,
      ),
    );
    results.push(await bench.measure('my overdue visits (overdue-visits?mine=true, 25 per page)', { method: 'GET', path: '/api/outreach/overdue-visits?mine=true&perPage=25' }));

    const info = await bench.machine();
    const markdown = [
      `Measured ${info.date} on ${info.cpu}, ${info.memory}, ${info.os}; Node ${info.node}, PostgreSQL ${info.postgres}; commit ${info.commit}.`,
      `Command: \`node apps/outreach/bench/overdue-and-inactivity.cjs\` (${TARGETS.toLocaleString('en')} targets in ${DISTRICTS} districts, ${CONTACTS.toLocaleString('en')} contacts, a watch plan per target — ${overdueTotal.toLocaleString('en')} overdue; ${CONNECTIONS} connections, ${DURATION} s per measurement after a ${WARMUP} s warm-up; seeding took ${seeded.toFixed(0)} s).`,
      '',
      resultsTable(results),
      '',
      `Inactivity computation (the check's candidate query, ${QUERY_RUNS} runs, ${candidates.toLocaleString('en')} high-risk targets past ${INACTIVITY_DAYS} days): p50 ${inactivityQuery.p50.toFixed(1)} ms, p99 ${inactivityQuery.p99.toFixed(1)} ms.`,
      `Whole check (\`main.js check\`, including process start): first run ${firstCheck.toFixed(1)} s raising ${raised.toLocaleString('en')} alerts and publishing every overdue visit through the outbox; second run ${secondCheck.toFixed(1)} s (nothing new to raise).`,
    ].join('\n');
    bench.write(
      `outreach-${info.date.replace(/[:.]/g, '-')}`,
      {
        machine: info,
        targets: TARGETS,
        contacts: CONTACTS,
        overdueTotal,
        connections: CONNECTIONS,
        durationSeconds: DURATION,
        results,
        inactivityQuery,
        firstCheck,
        secondCheck,
        raised,
      },
      markdown,
    );
    log(`${results[0].title}: p99 ${results[0].p99} ms — goal p99 < ${GOAL_P99_MS} ms: ${results[0].p99 < GOAL_P99_MS ? 'met' : 'NOT met'}`);
  },
);
