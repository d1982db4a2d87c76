// `npm run bench`'s event part (issue 14), when intake and reporting run in the stack: a consultation recorded in
// intake travels commit → outbox → relay → JetStream → reporting's consumer → projection commit. Both ends are
// read from the database afterwards, on the one PostgreSQL clock the stack shares:
//   start: intake.outbox_event.created_at (set inside the business transaction, just before its commit)
//   end:   reporting.inbox_entry.processed_at (now() of the consumer's transaction, which commits the projection)
// 1. latency at a steady rate: POST /api/intake/consultations at BENCH_EVENT_RATE (100) per second for
//    BENCH_EVENT_SECONDS, then p50/p99/max of start → end (and of start → published_at, the relay's share);
// 2. projection throughput: BENCH_EVENT_BACKLOG copies of one recorded consultation.received (new event and
//    consultation ids) appear in intake's outbox at once; the relay publishes them and reporting projects them —
//    events per second from the first to the last projection commit.
'use strict';
const { Client } = require('pg');
const { events: settings, goals } = require('./scenarios.cjs');

const RECEIVED = `o.type like '%.consultation.received.%'`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n, digits = 0) => (Number.isFinite(n) ? Number(n).toFixed(digits) : '—');

/** consultation.received events recorded since `since` that reporting has not committed yet. */
async function pending(db, since) {
  const { rows } = await db.query(
    `select count(*)::int as n from intake.outbox_event o where ${RECEIVED} and o.created_at >= $1 and not exists (select 1 from reporting.inbox_entry i where i.message_id = o.id)`,
    [since],
  );
  return rows[0].n;
}

async function drained(db, since, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await pending(db, since);
    if (left === 0) return true;
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
}

async function measureEvents({ databaseUrl, intakeUrl, token, context, measure, log = (line) => process.stdout.write(`${line}\n`) }) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  // Outbox and inbox have row-level security forced on their owner too (ADR 0012): reading across them is system work.
  await db.query(`select set_config('app.system', 'on', false)`);
  try {
    // Earlier scenarios recorded consultations as fast as they could: let reporting catch up first.
    log('events: waiting for reporting to project what the earlier scenarios recorded …');
    if (!(await drained(db, new Date(0), 300_000))) throw new Error('reporting did not catch up with intake within 5 minutes');

    const rate = Number(process.env.BENCH_EVENT_RATE ?? goals.eventsPerSecond);
    const since = (await db.query('select clock_timestamp() as t')).rows[0].t;
    const desks = context.rotate?.organizationId?.length ?? 1;
    log(`events: ${rate} consultations/s across ${desks} desk${desks === 1 ? '' : 's'} for ${settings.seconds} s …`);
    const http = await measure({
      scenario: 'consultationIntake',
      baseUrl: intakeUrl,
      path: '/api/intake/consultations',
      token,
      // Enough for the rate while a create takes up to a few hundred milliseconds: the rate is autocannon's overallRate.
      connections: 30,
      rate,
      durationSeconds: settings.seconds,
      context,
      offset: 9_000_000,
    });
    if (!(await drained(db, since, 120_000))) log('events: some events were not projected within 2 minutes; they are left out');
    const { rows: latencyRows } = await db.query(
      `select count(*)::int as n,
              percentile_cont(0.5) within group (order by total_ms) as p50, percentile_cont(0.99) within group (order by total_ms) as p99, max(total_ms) as max,
              percentile_cont(0.5) within group (order by relay_ms) as relay_p50, percentile_cont(0.99) within group (order by relay_ms) as relay_p99,
              extract(epoch from max(created_at) - min(created_at))::float8 as span_s
         from (select o.created_at, (extract(epoch from min(i.processed_at) - o.created_at) * 1000)::float8 as total_ms, (extract(epoch from o.published_at - o.created_at) * 1000)::float8 as relay_ms
                 from intake.outbox_event o join reporting.inbox_entry i on i.message_id = o.id
                where ${RECEIVED} and o.created_at >= $1 group by o.id) t`,
      [since],
    );
    const l = latencyRows[0];
    const latency = { events: l.n, rate: l.span_s > 0 ? l.n / l.span_s : NaN, p50: l.p50, p99: l.p99, max: l.max, relayP50: l.relay_p50, relayP99: l.relay_p99, http };

    // Throughput: a backlog appears at once (copies of one recorded event with new ids), as after a consumer outage.
    const backlogSince = (await db.query('select clock_timestamp() as t')).rows[0].t;
    log(`events: ${settings.backlog} events appear in intake's outbox at once …`);
    await db.query(
      `insert into intake.outbox_event (id, type, source, subject, aggregate_id, municipality, data, created_at, attempts, next_attempt_at)
       select gen_random_uuid(), o.type, o.source, o.subject, c.id::text, o.municipality, jsonb_set(o.data, '{consultationId}', to_jsonb(c.id::text)), clock_timestamp(), 0, now()
         from (select * from intake.outbox_event o where ${RECEIVED} order by created_at desc limit 1) o,
              (select gen_random_uuid() as id from generate_series(1, $1)) c`,
      [settings.backlog],
    );
    const complete = await drained(db, backlogSince, 600_000);
    const { rows: throughputRows } = await db.query(
      `select count(*)::int as n, extract(epoch from max(i.processed_at) - min(i.processed_at))::float8 as projecting_s,
              extract(epoch from max(i.processed_at) - $1::timestamptz)::float8 as total_s, extract(epoch from max(o.published_at) - $1::timestamptz)::float8 as publishing_s
         from intake.outbox_event o join reporting.inbox_entry i on i.message_id = o.id where ${RECEIVED} and o.created_at >= $1`,
      [backlogSince],
    );
    const t = throughputRows[0];
    const throughput = { events: t.n, complete, perSecond: t.total_s > 0 ? t.n / t.total_s : NaN, projectingPerSecond: t.projecting_s > 0 ? t.n / t.projecting_s : NaN, publishingPerSecond: t.publishing_s > 0 ? t.n / t.publishing_s : NaN };

    const lines = [
      '| events (consultation.received, intake → reporting through live NATS) | figure | goal |',
      '|---|---:|---|',
      `| steady rate: ${latency.events} events at ${fmt(latency.rate)} events/s over ${desks} desk${desks === 1 ? '' : 's'} (HTTP: ${fmt(http.requestsPerSecond)} req/s, p99 ${fmt(http.p99, 1)} ms, non-2xx ${http.non2xx}) | | |`,
      `| commit → consumer commit p50 | ${fmt(latency.p50, 1)} ms | |`,
      `| commit → consumer commit p99 | ${fmt(latency.p99, 1)} ms | < ${goals.eventP99Ms} ms |`,
      `| commit → consumer commit max | ${fmt(latency.max, 1)} ms | |`,
      `| commit → the relay marks it published (after JetStream's ack) p50 / p99 | ${fmt(latency.relayP50, 1)} / ${fmt(latency.relayP99, 1)} ms | |`,
      `| backlog of ${settings.backlog}: projected${complete ? '' : ' (NOT all, timed out)'} | ${fmt(throughput.perSecond)} events/s end to end | |`,
      `| backlog: relay publishing / reporting projecting | ${fmt(throughput.publishingPerSecond)} / ${fmt(throughput.projectingPerSecond)} events/s | |`,
    ];
    const markdown = lines.join('\n');
    return { latency, throughput, markdown, text: markdown };
  } finally {
    await db.end();
  }
}

module.exports = { measureEvents };
