// `npm run chaos` (issue 16): fault injection against the local stack with two replicas of intake and of each
// consuming service, as the chart's HorizontalPodAutoscaler runs them. Under a steady write load with
// Idempotency-Keys (consultations and persons at intake, through the edge, retried with the same key on 5xx and
// network errors as a careful client does; one person in CHAOS_PROTECT_EVERY then gets a need at matching and their DV
// address protection at intake, to which matching reacts from its handler with need.district-withheld) it, in turn:
//   1. SIGKILLs nats-server and starts it again after CHAOS_NATS_OUTAGE seconds,
//   2. SIGKILLs one intake replica (a producer), 3. SIGKILLs the reporting replica leading intake's events (a consumer),
//   4. restarts PostgreSQL (down for CHAOS_PG_OUTAGE seconds);
// the runner starts the killed replicas again as it does after any crash. Then it stops the load, waits for the
// events to settle and checks: every acknowledged write exists exactly once in intake's tables (0 lost, 0
// duplicated), every key replayed answers 2xx with the committed id (0 stuck keys), every event of the run reached
// each consumer exactly once (inbox rows per consumer), every stack service's outbox events of the run were published,
// the consumers' reaction events (REACTIONS) number what the acknowledged writes imply, each recorded once and
// processed once by the services consuming it, both intake replicas did work and the killed consumer's partner took
// the lead (their /metrics),
// and prints recovery times and each consumer's events/s while it drained the broker outage's backlog.
// Not part of `npm test`; exits 1 when an invariant fails. Everything runs on its own PostgreSQL and nats-server.
'use strict';
const { execFileSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createStack, capture, parseReplicas, pickPort } = require('../local/stack.cjs');
const { startPostgres, startNats, natsCredentials } = require('../../libs/platform/local-infrastructure/src/infrastructure.cjs');
const { resolveStack, ROOT } = require('../local/services.cjs');
const { say, warn } = require('../local/log.cjs');

const seconds = (name, fallback) => Number(process.env[name] ?? fallback) * 1000;
const settings = {
  replicas: process.env.CHAOS_REPLICAS ?? 'intake=2,outreach=2,matching=2,reporting=2',
  // 10 a second is what a two-core machine shared with other work sustains with ten processes; 30 on a quiet one.
  rate: Number(process.env.CHAOS_RATE ?? 10),
  // Writes in flight at most, as a client's connection pool would bound them: an arrival waits for a free slot.
  concurrency: Number(process.env.CHAOS_CONCURRENCY ?? 32),
  // Load before the first fault and between faults (each fault's recovery is measured within its gap).
  warmupMs: seconds('CHAOS_WARMUP', 20),
  gapMs: seconds('CHAOS_GAP', 30),
  natsOutageMs: seconds('CHAOS_NATS_OUTAGE', 15),
  postgresOutageMs: seconds('CHAOS_PG_OUTAGE', 5),
  settleMs: seconds('CHAOS_SETTLE', 120),
  // One person in this many is the cause of a reaction (a need at matching, then their protection at intake); 0: none.
  protectEvery: Number(process.env.CHAOS_PROTECT_EVERY ?? 10),
};
/** The demo users whose tokens write (a 相談支援員 records consultations and registers persons). */
const WRITER = 'caseworker';
/** A consumer is lagging while its oldest unprocessed event of the run is older than this. */
const LAG_THRESHOLD_S = 1;
/**
 * Events a consumer records from its own handler in reaction to the load's writes (its outbox, written with the batch's
 * COMMIT, ADR 0024), and the services consuming them. Matching answers intake's person events with
 * need.district-withheld for each need of a person whose DV address protection it learns of; reporting then drops the
 * need's district. `expected` gives the aggregates the acknowledged writes imply, one event each. (Intake's
 * consultation or case for an outreach hand-over is the other reaction in the code: no write of the load causes one.)
 */
const REACTIONS = [
  {
    publisher: 'matching',
    subject: 'tsunagu.evt.matching.need.district-withheld',
    cause: 'intake.person.updated / protection-changed of a person with a need',
    consumers: ['reporting'],
    expected: (acked) => acked.filter((w) => w.kind === 'protection').map((w) => w.needId),
  },
];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fmtS = (ms) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);

/**
 * PostgreSQL and nats-server for the stack (createStack's `startInfrastructure`), with handles to kill and restart
 * them on the same ports and data: the services reconnect to the addresses they were given.
 */
function chaosInfrastructure() {
  const state = {};
  const start = async ({ baseDir, log }) => {
    state.log = log;
    state.pgDir = path.join(baseDir, 'postgres');
    // Ports below the ephemeral range: while a server is down, a client's reconnect cannot take its port.
    state.pgPort = await pickPort();
    // Persistent: a restart keeps the data (the whole directory is removed when the run ends).
    state.postgres = await startPostgres({ dataDir: state.pgDir, port: state.pgPort, persistent: true, log });
    state.natsAuth = natsCredentials();
    state.natsDir = path.join(baseDir, 'nats');
    state.natsPort = await pickPort();
    state.nats = await startNats({ storeDir: state.natsDir, port: state.natsPort, log, auth: state.natsAuth, anonymous: false });
    state.adminUrl = state.postgres.url;
    return {
      env: { DATABASE_URL: state.postgres.url, NATS_URL: state.nats.url },
      natsAuth: state.natsAuth,
      stop: async () => {
        await state.nats?.stop().catch(() => undefined);
        await state.postgres?.stop().catch(() => undefined);
      },
    };
  };
  return {
    start,
    state,
    killNats: () => process.kill(state.nats.pid, 'SIGKILL'),
    startNats: async () => {
      state.nats = await startNats({ storeDir: state.natsDir, port: state.natsPort, log: state.log, auth: state.natsAuth, anonymous: false });
    },
    stopPostgres: async () => {
      await state.postgres.stop();
      state.postgres = undefined;
    },
    startPostgres: async () => {
      state.postgres = await startPostgres({ dataDir: state.pgDir, port: state.pgPort, persistent: true, log: state.log });
    },
  };
}

/** Sum of a Prometheus text metric's samples whose labels pass `match`, grouped by `by(labels)`. */
function samples(text, metric, match = () => true) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`) && !line.startsWith(`${metric} `)) continue;
    const labelText = /\{(.*)\}/.exec(line)?.[1] ?? '';
    const labels = Object.fromEntries([...labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (match(labels)) out.push({ labels, value: Number(line.slice(line.lastIndexOf(' ') + 1)) });
  }
  return out;
}

/**
 * Work done per replica, from each process's /metrics: intake's POSTs answered and each consumer's events processed.
 * Counters start at 0 when a killed replica starts again: a drop adds the last value seen to that replica's total.
 */
function createWorkCounter() {
  const seen = new Map(); // replica → { base, last }
  const subjects = new Map(); // service → Set of subjects it processed (outcome processed/duplicate)
  const ignored = new Map(); // service → Set of subjects it passed over
  const duplicates = new Map(); // service → redeliveries absorbed by the inbox (last scrape per replica)
  const record = (replica, value) => {
    const entry = seen.get(replica) ?? { base: 0, last: 0 };
    if (value < entry.last) entry.base += entry.last;
    entry.last = value;
    seen.set(replica, entry);
  };
  const scrape = async (service, replica, port) => {
    let text;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(3000) });
      text = await response.text();
    } catch {
      return; // down or restarting
    }
    if (service === 'intake') {
      const posts = samples(text, 'http_request_duration_seconds_count', (l) => l.method === 'POST' && /^2/.test(l.status ?? ''));
      record(replica, posts.reduce((sum, s) => sum + s.value, 0));
      return;
    }
    const processed = samples(text, 'tsunagu_messages_processed_total', (l) => l.consumer?.endsWith('__from__intake'));
    let done = 0;
    let duplicate = 0;
    for (const { labels, value } of processed) {
      if (labels.outcome === 'processed' || labels.outcome === 'duplicate') {
        if (!subjects.has(service)) subjects.set(service, new Set());
        subjects.get(service).add(labels.subject);
        if (labels.outcome === 'processed') done += value;
        else duplicate += value;
      } else if (labels.outcome === 'ignored') {
        if (!ignored.has(service)) ignored.set(service, new Set());
        ignored.get(service).add(labels.subject);
      }
    }
    record(replica, done);
    duplicates.set(replica, Math.max(duplicates.get(replica) ?? 0, duplicate));
  };
  return {
    scrape,
    total: (replica) => {
      const entry = seen.get(replica);
      return entry ? entry.base + entry.last : 0;
    },
    subjects: (service) => [...(subjects.get(service) ?? [])].sort(),
    duplicates: (replica) => duplicates.get(replica) ?? 0,
    duplicatesOf: (service) => [...duplicates.entries()].filter(([replica]) => replica.split('#')[0] === service).reduce((sum, [, n]) => sum + n, 0),
  };
}

/**
 * The intake writes of the load: a consultation or a person, each body fixed per key (a retry sends the same request).
 * One person in `protectEvery` is followed by the writes a reaction needs (createLoad's followUps).
 */
function writeOf(index, { personId, organizationId, runTag, protectEvery }) {
  if (index % 2 === 0) {
    return {
      kind: 'consultation',
      path: '/api/intake/consultations',
      body: {
        receivedAt: new Date().toISOString(),
        receivingOrganizationId: organizationId,
        route: 'walk-in',
        personId,
        consultantRelation: 'self',
        categories: ['income'],
        primaryCategory: 'income',
        mainComplaint: `障害試験（架空の相談）${runTag} #${index}`,
        urgency: 'medium',
        consentStatus: 'unconfirmed',
        jigyoAttribution: 'tsunagaru-desk',
      },
    };
  }
  return {
    kind: 'person',
    path: '/api/intake/persons',
    body: { familyName: '試験', givenName: `${runTag}${index}`, familyNameKana: 'シケン', givenNameKana: 'カクウ', birthDate: '1950-04-01', sex: 'unknown', confirmNotDuplicate: true },
    protectAfterNeed: protectEvery > 0 && ((index - 1) / 2) % protectEvery === 0,
  };
}

/**
 * Steady load: `rate` writes per second, each retried with the same Idempotency-Key (5xx, 409 "still being
 * processed", 429 and network errors) until it is acknowledged or `deadline()` passes. The ledger holds every write.
 */
function createLoad({ edgeUrl, token, context, rate, concurrency }) {
  const ledger = [];
  const attempts = []; // { at, end, ok, status, followUp }
  let late = 0;
  let stopped = false;
  let deadline = Infinity;
  const inFlight = new Set();
  const send = async (write) => {
    let pause = 250;
    for (;;) {
      const at = Date.now();
      let status;
      let body;
      try {
        const response = await fetch(`${edgeUrl}${write.path}`, {
          method: write.method ?? 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}`, ...(write.key ? { 'idempotency-key': write.key } : {}) },
          body: JSON.stringify(write.body),
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        body = await response.text();
      } catch (error) {
        status = error.name === 'TimeoutError' ? 'timeout' : (error.cause?.code ?? 'network');
      }
      const end = Date.now();
      write.attempts += 1;
      const ok = typeof status === 'number' && status >= 200 && status < 300;
      attempts.push({ at, end, ok, status, followUp: Boolean(write.followUp) });
      if (ok) {
        const answer = JSON.parse(body);
        write.id = answer.id;
        write.version = answer.version;
        write.ackAt = end;
        return;
      }
      // A write without a key (a PATCH) that committed before its answer was lost: read back, it counts as acknowledged.
      if (write.committed && (await write.committed().catch(() => false))) {
        write.id = write.committedId;
        write.ackAt = Date.now();
        return;
      }
      const retryable = typeof status !== 'number' || status >= 500 || status === 409 || status === 429 || Boolean(write.retryable?.(status, body));
      if (!retryable) {
        write.refused = `${status} ${body?.slice(0, 300)}`;
        return;
      }
      if (Date.now() > deadline) {
        write.unresolved = String(status);
        return;
      }
      await sleep(pause);
      pause = Math.min(pause * 2, 4000);
    }
  };
  // After a person of the reaction share is acknowledged: a need for them at matching (400 on personId while matching
  // has not yet copied the person from intake's events: retried), then their DV address protection at intake. Matching
  // learns of it from intake's person events and records need.district-withheld for the need (REACTIONS).
  const track = (write, fields) => {
    const followUp = { ...fields, followUp: true, index: write.index, startedAt: Date.now(), attempts: 0 };
    ledger.push(followUp);
    return followUp;
  };
  const followUps = async (person) => {
    if (!person.id || !person.protectAfterNeed) return;
    const need = track(person, {
      kind: 'need',
      path: '/api/matching/needs',
      key: randomUUID(),
      body: { personId: person.id, purposes: ['ibasho'] },
      retryable: (status, body) => status === 400 && /no person with this id/.test(body ?? ''),
    });
    await send(need);
    if (!need.id) return;
    // A PATCH takes no Idempotency-Key: a retry after a lost answer meets 409 (the version moved on) and reads back.
    const protection = track(person, {
      kind: 'protection',
      method: 'PATCH',
      path: `/api/intake/persons/${person.id}`,
      body: { version: person.version, dvAddressProtection: true },
      needId: need.id,
      committedId: person.id,
      committed: async () => {
        const response = await fetch(`${edgeUrl}/api/intake/persons/${person.id}`, { headers: { authorization: `Bearer ${token()}` }, signal: AbortSignal.timeout(10_000) });
        return response.status === 200 && (await response.json()).dvAddressProtection === true;
      },
    });
    await send(protection);
  };
  let index = 0;
  const loop = (async () => {
    const started = Date.now();
    while (!stopped) {
      if (inFlight.size >= concurrency) {
        late += 1;
        await Promise.race(inFlight);
        continue;
      }
      const write = { ...writeOf(index, context), key: randomUUID(), index, startedAt: Date.now(), attempts: 0 };
      index += 1;
      ledger.push(write);
      const work = send(write)
        .then(() => followUps(write))
        .finally(() => inFlight.delete(work));
      inFlight.add(work);
      // Arrivals on a fixed schedule (not after answers): a slow service meets the same demand.
      await sleep(Math.max(0, started + (index * 1000) / rate - Date.now()));
    }
  })();
  return {
    ledger,
    attempts,
    late: () => late,
    stop: async (settleMs) => {
      stopped = true;
      await loop;
      deadline = Date.now() + settleMs;
      await Promise.all([...inFlight]);
    },
  };
}

function commitOf() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function chaosCommand(context) {
  const runStarted = Date.now();
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-chaos-'));
  const edgePort = await pickPort();
  // The load comes from one address: the per-client limit would refuse it.
  process.env.HTTP_RATE_LIMIT_PER_MINUTE ??= '0';
  const infra = chaosInfrastructure();
  const serviceNames = resolveStack().present.filter((entry) => entry.kind === 'service').map((entry) => entry.name);
  const replicas = parseReplicas(settings.replicas, serviceNames);
  const edgeErrors = []; // { at, code }: why the edge answered 502 (the upstream error code)
  const edgeLog = (line) => edgeErrors.push({ at: Date.now(), code: /: ([\w-]+)$/.exec(line)?.[1] ?? 'other' });
  const stack = createStack({ edgeLog, baseDir, persistent: false, preferredPorts: false, edgePort, replicas, startInfrastructure: infra.start, readyTimeoutMs: Number(process.env.TSUNAGU_READY_TIMEOUT_MS ?? 300_000), logLevel: process.env.LOG_LEVEL ?? 'warn', onCrash: context.crash });
  const { Pool } = require('pg');
  // eslint-disable-next-line prefer-const -- set once the stack is up; the stop hook registered here reads it
  let db;
  context.setStop(async () => {
    await db?.end().catch(() => undefined);
    await stack.stop();
    fs.rmSync(baseDir, { recursive: true, force: true });
  });

  say(`chaos: ${settings.rate} writes/s, replicas ${settings.replicas}; data in ${baseDir}; load average ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')}`);
  const ready = await stack.start();
  if (!ready) return undefined;
  for (const needed of ['intake', 'registry']) if (!ready.upstreams[needed]) throw new Error(`apps/${needed} is not in the stack: nothing to write`);
  const stackReadyAt = Date.now();
  const loadAverageAtStart = os.loadavg();

  const issue = async (subject) => (await capture(process.execPath, [ready.idp.main, 'token', subject], { env: ready.idpEnv, name: 'idp' })).trim().split('\n').pop();
  const writerToken = await issue(WRITER);
  const edgeUrl = `http://127.0.0.1:${edgePort}`;
  const first = async (pathAndQuery) => {
    const response = await fetch(`${edgeUrl}${pathAndQuery}`, { headers: { authorization: `Bearer ${writerToken}` } });
    if (response.status !== 200) throw new Error(`GET ${pathAndQuery} answered ${response.status}: ${await response.text()}`);
    return (await response.json()).items?.[0]?.id;
  };
  const runTag = `C${Date.now().toString(36).slice(-5)}`;
  const loadContext = {
    personId: await first('/api/intake/persons?perPage=1'),
    organizationId: await first('/api/registry/organizations?perPage=1'),
    runTag,
    protectEvery: ready.upstreams.matching ? settings.protectEvery : 0,
  };

  db = new Pool({ connectionString: infra.state.adminUrl, max: 2, options: '-c app.system=on' });
  db.on('error', () => undefined); // PostgreSQL's restart drops the idle connections: the next query opens new ones
  const sql = async (text, params) => (await db.query(text, params)).rows;

  // A fresh stack is still consuming the demo data's events (intake's copy of registry's organisations among them:
  // until it has the receiving organisation, a consultation naming it is refused with 400). The load starts once every
  // durable consumer of every service has nothing pending and intake knows the organisation.
  const quietDeadline = Date.now() + 180_000;
  for (;;) {
    const pending = await Promise.all(
      Object.entries(ready.replicas)
        .filter(([service]) => service !== 'idp')
        .map(([, list]) =>
          fetch(`http://127.0.0.1:${list[0].port}/metrics`, { signal: AbortSignal.timeout(5000) })
            .then((response) => response.text())
            .then((text) => samples(text, 'tsunagu_consumer_pending_messages').reduce((sum, sample) => sum + sample.value, 0))
            .catch(() => Infinity),
        ),
    );
    const known = (await sql(`select count(*)::int as n from intake.organization_copy where id = $1`, [loadContext.organizationId]).catch(() => [{ n: 0 }]))[0].n;
    if (known && pending.every((n) => n === 0)) break;
    if (Date.now() > quietDeadline) throw new Error(`the stack did not settle within 3 minutes of starting (events pending: ${pending.join(', ')}; organisation known to intake: ${Boolean(known)})`);
    await sleep(1000);
  }

  // Every stack service's outbox (intake's, and those the consumers write from their handlers too), and the reactions
  // whose publisher runs here, each with the consumers of it that run here.
  const outboxServices = [];
  for (const service of Object.keys(ready.replicas)) {
    if (service === 'idp') continue;
    const [{ found }] = await sql(`select to_regclass($1) is not null as found`, [`"${service}".outbox_event`]);
    if (found) outboxServices.push(service);
  }
  const reactions = REACTIONS.filter((r) => outboxServices.includes(r.publisher)).map((r) => ({ ...r, consumers: r.consumers.filter((c) => ready.replicas[c]) }));
  const inboxKey = `$3 || '__' || translate(o.subject, '.*>', '___')`;
  /** Events of the run some outbox has not published yet, and reaction events a consumer of theirs has not processed. */
  const eventsPending = async () => {
    let pending = 0;
    for (const service of outboxServices) {
      pending += (await sql(`select count(*)::int as n from "${service}".outbox_event where created_at >= $1 and published_at is null`, [loadStartedAt]))[0].n;
    }
    for (const r of reactions) {
      for (const consumer of r.consumers) {
        const [{ n }] = await sql(
          `select count(*)::int as n from "${r.publisher}".outbox_event o
            where o.created_at >= $1 and o.subject = $2 and not exists (select 1 from "${consumer}".inbox_entry i where i.message_id = o.id and i.consumer = ${inboxKey})`,
          [loadStartedAt, r.subject, consumer],
        );
        pending += n;
      }
    }
    return pending;
  };

  // Per-replica work and per-consumer lag, sampled every second (errors while PostgreSQL is down are skipped).
  const work = createWorkCounter();
  const consumers = Object.keys(ready.replicas).filter((name) => name !== 'intake' && name !== 'idp' && name !== 'registry');
  const lagSamples = []; // { at, service, lagS, pending, duplicates }
  const loadStartedAt = new Date();
  let sampling = true;
  const sampleOnce = async () => {
    await Promise.all(Object.entries(ready.replicas).flatMap(([service, list]) => (service === 'idp' ? [] : list.map((replica) => work.scrape(service, replica.name, replica.port)))));
    for (const service of consumers) {
      const handled = work.subjects(service);
      if (!handled.length) continue;
      try {
        const [row] = await sql(
          `select count(*)::int as pending, coalesce(extract(epoch from clock_timestamp() - min(o.created_at)), 0)::float8 as lag_s
             from intake.outbox_event o
            where o.created_at >= $1 and o.subject = any($2)
              and not exists (select 1 from "${service}".inbox_entry i where i.message_id = o.id and i.consumer = $3 || '__' || translate(o.subject, '.*>', '___'))`,
          [loadStartedAt, handled, service],
        );
        lagSamples.push({ at: Date.now(), service, lagS: row.lag_s, pending: row.pending, duplicates: work.duplicatesOf(service) });
      } catch {
        /* PostgreSQL is restarting */
      }
    }
  };
  const sampler = (async () => {
    while (sampling) {
      const next = Date.now() + 1000;
      await sampleOnce();
      await sleep(Math.max(0, next - Date.now()));
    }
  })();

  const load = createLoad({ edgeUrl, token: () => writerToken, context: loadContext, rate: settings.rate, concurrency: settings.concurrency });
  const faults = [];
  const fault = async (name, inject) => {
    const at = Date.now();
    say(`chaos: ${name}`);
    const detail = await inject();
    faults.push({ name, at, ...detail });
  };
  const pidOf = (name) => ready.processes().find((p) => p.name === name && p.running)?.pid;
  const leaderOf = async (service, consumer) => {
    for (const replica of ready.replicas[service] ?? []) {
      const text = await fetch(`http://127.0.0.1:${replica.port}/metrics`, { signal: AbortSignal.timeout(3000) })
        .then((response) => response.text())
        .catch(() => '');
      if (samples(text, 'tsunagu_consumer_leader', (l) => l.consumer === consumer).some((sample) => sample.value === 1)) return replica.name;
    }
    return undefined;
  };
  const victim = (service, replica) => ready.replicas[service]?.[replica - 1]?.name ?? ready.replicas[service]?.[0]?.name;

  // The warm-up as the first window: what the load looks like with no fault, to read the others against.
  faults.push({ name: 'none (steady load before the first fault)', at: Date.now(), baseline: true });
  await sleep(settings.warmupMs);
  await fault(`SIGKILL nats-server, started again after ${settings.natsOutageMs / 1000} s`, async () => {
    infra.killNats();
    await sleep(settings.natsOutageMs);
    await infra.startNats();
    return { restoredAt: Date.now(), broker: true };
  });
  await sleep(settings.gapMs);
  const producer = victim('intake', 2);
  await fault(`SIGKILL ${producer} (producer)`, async () => {
    process.kill(pidOf(producer), 'SIGKILL');
    return { restoredAt: Date.now() };
  });
  await sleep(settings.gapMs);
  // The replica leading the consumer's durable on intake's events (ADR 0024: the other stands by): killing it is the
  // fault that matters, the other must take the lead and the events it held.
  const consumerService = consumers.includes('reporting') ? 'reporting' : consumers[0];
  const consumerVictim = (await leaderOf(consumerService, `${consumerService}__from__intake`)) ?? victim(consumerService, 1);
  await fault(`SIGKILL ${consumerVictim} (consumer)`, async () => {
    process.kill(pidOf(consumerVictim), 'SIGKILL');
    return { restoredAt: Date.now() };
  });
  await sleep(settings.gapMs);
  await fault(`restart PostgreSQL (down ${settings.postgresOutageMs / 1000} s)`, async () => {
    await infra.stopPostgres();
    await sleep(settings.postgresOutageMs);
    await infra.startPostgres();
    return { restoredAt: Date.now() };
  });
  await sleep(settings.gapMs);

  say('chaos: stopping the load, waiting for unanswered writes and for the consumers to catch up …');
  const loadStoppedAt = Date.now();
  await load.stop(settings.settleMs);
  const settleDeadline = Date.now() + settings.settleMs;
  const lastLag = (service) => lagSamples.filter((s) => s.service === service).at(-1);
  for (;;) {
    await sleep(1000);
    const pending = await eventsPending().catch(() => -1);
    const quiet = pending === 0 && consumers.every((service) => (lastLag(service)?.at ?? 0) > Date.now() - 1500 && lastLag(service).pending === 0);
    if (quiet || Date.now() > settleDeadline) break;
  }
  sampling = false;
  await sampler;
  await sampleOnce();

  // --- Invariants -----------------------------------------------------------------------------------------------
  const failures = [];
  const ledger = load.ledger;
  const acked = ledger.filter((w) => w.id);
  const refused = ledger.filter((w) => w.refused);
  const unresolved = ledger.filter((w) => !w.id && !w.refused);
  if (refused.length) failures.push(`${refused.length} writes refused (4xx), e.g. ${refused[0].kind}: ${refused[0].refused}`);
  if (unresolved.length) failures.push(`${unresolved.length} writes never acknowledged within the settle time (last answer ${unresolved[0].unresolved ?? 'none'})`);

  const writes = {};
  for (const kind of ['consultation', 'person']) {
    const mine = acked.filter((w) => w.kind === kind);
    const ids = mine.map((w) => w.id);
    const found = await sql(`select id::text as id from intake.${kind} where id = any($1::uuid[])`, [ids]);
    const foundIds = new Set(found.map((r) => r.id));
    const lost = ids.filter((id) => !foundIds.has(id));
    // Every row of the run carries its write's index (mainComplaint, givenName): one index twice is a duplicate.
    const marked =
      kind === 'consultation'
        ? await sql(`select substring(main_complaint from '#([0-9]+)$')::int as index, count(*)::int as n from intake.consultation where main_complaint like $1 group by 1`, [`%${runTag} #%`])
        : await sql(`select substring(given_name from $2)::int as index, count(*)::int as n from intake.person where given_name like $1 group by 1`, [`${runTag}%`, `^${runTag}([0-9]+)$`]);
    const rows = marked.reduce((sum, r) => sum + r.n, 0);
    const duplicated = marked.reduce((sum, r) => sum + r.n - 1, 0);
    const ackedIndexes = new Set(mine.map((w) => w.index));
    const unanswered = marked.filter((r) => !ackedIndexes.has(r.index)).length;
    writes[kind] = { acked: mine.length, found: foundIds.size, lost: lost.length, rows, duplicated, unanswered };
    if (lost.length) failures.push(`${lost.length} acknowledged ${kind} writes are missing from intake (e.g. ${lost[0]})`);
    if (duplicated) failures.push(`${kind}: ${duplicated} writes have more than one row (created twice)`);
  }

  // Replay every key once: the committed answer, same id, never 409/5xx (a PATCH of the reactions' share has no key).
  const keyed = acked.filter((w) => w.key);
  say(`chaos: replaying ${keyed.length} keys …`);
  let stuck = 0;
  let replayMismatch = 0;
  let stuckExample;
  const replayOne = async (write) => {
    const response = await fetch(`${edgeUrl}${write.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writerToken}`, 'idempotency-key': write.key },
      body: JSON.stringify(write.body),
      signal: AbortSignal.timeout(15_000),
    }).catch((error) => ({ status: error.name, text: async () => '' }));
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) {
      stuck += 1;
      stuckExample ??= `${response.status} ${text.slice(0, 200)}`;
    } else if (JSON.parse(text).id !== write.id) replayMismatch += 1;
  };
  for (let i = 0; i < keyed.length; i += 20) await Promise.all(keyed.slice(i, i + 20).map(replayOne));
  if (stuck) failures.push(`${stuck} keys did not replay 2xx (e.g. ${stuckExample})`);
  if (replayMismatch) failures.push(`${replayMismatch} keys replayed another id than the one first acknowledged`);

  // Events: every outbox event of the run published and processed exactly once by every consumer that handles its subject.
  const outbox = await sql(
    `select subject, count(*)::int as n, count(*) filter (where published_at is null)::int as unpublished from intake.outbox_event where created_at >= $1 group by subject order by subject`,
    [loadStartedAt],
  );
  const events = [];
  for (const service of consumers) {
    const handled = work.subjects(service);
    if (!handled.length) failures.push(`${service} processed no event of intake`);
    for (const subject of handled) {
      const expected = outbox.find((r) => r.subject === subject)?.n ?? 0;
      const [row] = await sql(
        `select count(*)::int as processed, count(distinct i.message_id)::int as distinct_ids
           from intake.outbox_event o join "${service}".inbox_entry i on i.message_id = o.id and i.consumer = $3 || '__' || translate(o.subject, '.*>', '___')
          where o.created_at >= $1 and o.subject = $2`,
        [loadStartedAt, subject, service],
      );
      const missing = expected - row.distinct_ids;
      const duplicated = row.processed - row.distinct_ids;
      events.push({ service, subject: subject.replace(/^tsunagu\.evt\./, ''), expected, processed: row.processed, missing, duplicated });
      if (missing) failures.push(`${service}: ${missing} of ${expected} ${subject} events never processed`);
      if (duplicated) failures.push(`${service}: ${duplicated} ${subject} events processed twice`);
    }
  }
  if (ready.replicas.reporting) {
    // Reporting's projection: one row per consultation of the run (the consultation table's key is the consultation id).
    const [{ schema } = {}] = await sql(`select table_schema as schema from information_schema.tables where table_name = 'consultation' and table_schema like 'reporting%' order by table_schema limit 1`);
    if (schema) {
      const ids = acked.filter((w) => w.kind === 'consultation').map((w) => w.id);
      const [{ n }] = await sql(`select count(*)::int as n from "${schema}".consultation where consultation_id = any($1::uuid[])`, [ids]);
      events.push({ service: 'reporting', subject: `projection ${schema}.consultation rows`, expected: ids.length, processed: n, missing: ids.length - n, duplicated: 0 });
      if (n !== ids.length) failures.push(`reporting projected ${n} of ${ids.length} consultations of the run`);
    }
  }

  // Every stack service's outbox, not intake's only: each event of the run published, the consumers' own included.
  const outboxes = [];
  for (const service of outboxServices) {
    const [row] = await sql(`select count(*)::int as n, count(*) filter (where published_at is null)::int as unpublished from "${service}".outbox_event where created_at >= $1`, [loadStartedAt]);
    outboxes.push({ service, events: row.n, unpublished: row.unpublished });
    if (row.unpublished) failures.push(`${service}: ${row.unpublished} of its ${row.n} outbox events of the run were never published`);
  }

  // The consumers' reactions (REACTIONS): one event per aggregate the acknowledged writes imply — none missing, none
  // twice, none the writes do not explain — each processed once by every service consuming it (inbox rows).
  const reacted = [];
  const impliedIds = new Map(); // reaction subject → the aggregates the acknowledged writes imply
  for (const r of reactions) {
    const subject = r.subject.replace(/^tsunagu\.evt\./, '');
    const wanted = new Set(r.expected(acked));
    impliedIds.set(r.subject, [...wanted]);
    const rows = await sql(`select aggregate_id as id, count(*)::int as n from "${r.publisher}".outbox_event where created_at >= $1 and subject = $2 group by 1`, [loadStartedAt, r.subject]);
    const recorded = rows.reduce((sum, row) => sum + row.n, 0);
    const missing = [...wanted].filter((id) => !rows.some((row) => row.id === id)).length;
    const twice = rows.reduce((sum, row) => sum + row.n - 1, 0);
    const unexplained = rows.filter((row) => !wanted.has(row.id)).length;
    const entry = { publisher: r.publisher, subject, cause: r.cause, expected: wanted.size, recorded, missing, twice, unexplained, consumers: [] };
    if (!wanted.size && loadContext.protectEvery > 0) failures.push(`${r.publisher}: no acknowledged write caused a ${subject} event (the reaction went unchecked)`);
    if (missing) failures.push(`${r.publisher}: ${missing} of the ${wanted.size} ${subject} events the acknowledged writes imply were never recorded (its handlers' outbox events lost)`);
    if (twice) failures.push(`${r.publisher}: ${twice} ${subject} events recorded twice for one aggregate`);
    if (unexplained) failures.push(`${r.publisher}: ${unexplained} ${subject} events no acknowledged write explains`);
    for (const consumer of r.consumers) {
      const [row] = await sql(
        `select count(*)::int as processed, count(distinct i.message_id)::int as distinct_ids
           from "${r.publisher}".outbox_event o join "${consumer}".inbox_entry i on i.message_id = o.id and i.consumer = ${inboxKey}
          where o.created_at >= $1 and o.subject = $2`,
        [loadStartedAt, r.subject, consumer],
      );
      const result = { service: consumer, processed: row.processed, missing: recorded - row.distinct_ids, duplicated: row.processed - row.distinct_ids };
      entry.consumers.push(result);
      if (result.missing) failures.push(`${consumer}: ${result.missing} of ${recorded} ${subject} events never processed`);
      if (result.duplicated) failures.push(`${consumer}: ${result.duplicated} ${subject} events processed twice`);
    }
    reacted.push(entry);
  }
  const withheld = reacted.find((r) => r.subject === 'matching.need.district-withheld');
  if (withheld && ready.replicas.reporting) {
    // Reporting's projection of it: the need's district withheld (a placeholder row when it came before need.registered).
    const [{ schema } = {}] = await sql(`select table_schema as schema from information_schema.tables where table_name = 'participation_need' and table_schema like 'reporting%' order by table_schema limit 1`);
    if (schema) {
      const ids = impliedIds.get('tsunagu.evt.matching.need.district-withheld');
      const [{ n }] = await sql(`select count(*)::int as n from "${schema}".participation_need where need_id = any($1::uuid[]) and district_withheld`, [ids]);
      withheld.projected = { schema, expected: ids.length, rows: n };
      if (n !== ids.length) failures.push(`reporting withheld the district of ${n} of the ${ids.length} needs whose person was protected`);
    }
  }

  // Both intake replicas did work (the edge takes them in turn). A consumer's durable is led by one replica at a time
  // (ADR 0024): the killed leader's partner must have taken over, and every consumer handled intake's events.
  const shares = [];
  for (const [service, list] of Object.entries(ready.replicas)) {
    if (service === 'idp' || list.length < 2) continue;
    const counts = list.map((replica) => ({ replica: replica.name, count: work.total(replica.name), duplicates: work.duplicates(replica.name) }));
    shares.push({ service, unit: service === 'intake' ? 'POSTs answered 2xx' : 'events processed from intake', counts });
    if (service === 'intake') {
      for (const { replica, count } of counts) if (count === 0) failures.push(`${replica} did no work (no POST answered)`);
    } else if (service === consumerService) {
      for (const { replica, count } of counts) if (replica !== consumerVictim && count === 0) failures.push(`${replica} did not take the lead when ${consumerVictim} was killed (no event processed)`);
    } else if (counts.every(({ count }) => count === 0)) {
      failures.push(`no ${service} replica processed an event from intake`);
    }
  }

  // Recovery per fault: writes (first acknowledged write after the last failed attempt of the fault's window) and
  // each consumer's lag (back under LAG_THRESHOLD_S after it exceeded it).
  // The intake writes only: the reactions' follow-ups wait for matching to copy the person (400 until then), by design.
  const intakeAttempts = load.attempts.filter((a) => !a.followUp);
  const recoveries = faults.map((f, i) => {
    const windowEnd = faults[i + 1]?.at ?? loadStoppedAt;
    // By when the attempt failed: a slow write sent before a fault fails with that fault (a replica killed under it).
    const failed = intakeAttempts.filter((a) => !a.ok && a.end >= f.at && a.end < windowEnd);
    const lastFailure = failed.reduce((max, a) => Math.max(max, a.end), 0);
    const firstOk = failed.length ? intakeAttempts.filter((a) => a.ok && a.end > lastFailure).reduce((min, a) => Math.min(min, a.end), Infinity) : undefined;
    const inWindow = acked.filter((w) => !w.followUp && w.startedAt >= f.at && w.startedAt < windowEnd);
    const slowest = inWindow.reduce((max, w) => Math.max(max, w.ackAt - w.startedAt), 0);
    // The last fault's lag is followed into the settle time, where the consumers catch up without new load.
    const lagEnd = faults[i + 1]?.at ?? Infinity;
    const lags = consumers.map((service) => {
      const mine = lagSamples.filter((s) => s.service === service && s.at >= f.at && s.at < lagEnd);
      const worst = mine.reduce((max, s) => Math.max(max, s.lagS), 0);
      const lastHigh = mine.filter((s) => s.lagS >= LAG_THRESHOLD_S).at(-1);
      const back = lastHigh ? mine.find((s) => s.at > lastHigh.at && s.lagS < LAG_THRESHOLD_S) : undefined;
      // Redeliveries the inbox absorbed (outcome duplicate) within the window.
      const redelivered = mine.length ? mine.at(-1).duplicates - (lagSamples.filter((s) => s.service === service && s.at < f.at).at(-1)?.duplicates ?? 0) : 0;
      return { service, worstLagS: worst, caughtUpMs: lastHigh ? (back ? back.at - f.at : undefined) : 0, caughtUpAt: back?.at, redelivered };
    });
    const answers = {};
    for (const a of failed) answers[a.status] = (answers[a.status] ?? 0) + 1;
    const upstreamErrors = {};
    for (const e of edgeErrors.filter((e) => e.at >= f.at && e.at < windowEnd)) upstreamErrors[e.code] = (upstreamErrors[e.code] ?? 0) + 1;
    return { fault: f.name, failedAttempts: failed.length, answers, upstreamErrors, writeRecoveryMs: firstOk === undefined ? 0 : Number.isFinite(firstOk) ? firstOk - f.at : undefined, slowestWriteMs: slowest, lags };
  });

  // Throughput from one source: events/s each consumer processed from intake while draining the broker outage's
  // backlog (ADR 0016: one durable per source; ADR 0024: one replica leads it, in batches).
  const natsFault = faults.find((f) => f.broker);
  const drain = [];
  for (const service of consumers) {
    const handled = work.subjects(service);
    if (!handled.length) continue;
    const [row] = await sql(
      `with backlog as (
         select i.processed_at from intake.outbox_event o join "${service}".inbox_entry i on i.message_id = o.id and i.consumer = $4 || '__' || translate(o.subject, '.*>', '___')
          where o.subject = any($3) and o.created_at >= to_timestamp($1 / 1000.0) and o.created_at < to_timestamp($2 / 1000.0))
       select (select count(*)::int from backlog) as backlog, (select min(processed_at) from backlog) as first, (select max(processed_at) from backlog) as last,
              (select count(*)::int from "${service}".inbox_entry i where i.consumer like $4 || '\\_\\_%' and i.processed_at between (select min(processed_at) from backlog) and (select max(processed_at) from backlog)) as processed`,
      [natsFault.at, natsFault.restoredAt, handled, service],
    );
    const spanS = row.first && row.last ? (row.last - row.first) / 1000 : 0;
    drain.push({ service, backlog: row.backlog, processed: row.processed, spanS, perSecond: spanS > 0 ? row.processed / spanS : undefined, fromRestartS: row.last ? (row.last - natsFault.restoredAt) / 1000 : undefined });
  }

  // --- Report -----------------------------------------------------------------------------------------------------
  const loadAverageAtEnd = os.loadavg();
  const lines = [];
  const commit = commitOf();
  const cpus = os.cpus();
  lines.push(
    `Measured ${new Date().toISOString()} on ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; commit ${commit}.`,
    `Command: \`npm run chaos\` (CHAOS_RATE=${settings.rate}, CHAOS_REPLICAS=${settings.replicas}, NATS down ${settings.natsOutageMs / 1000} s, PostgreSQL down ${settings.postgresOutageMs / 1000} s, ${settings.gapMs / 1000} s between faults). ` +
      `Load average (1/5/15 min) at start ${loadAverageAtStart.map((n) => n.toFixed(1)).join(' / ')}, at end ${loadAverageAtEnd.map((n) => n.toFixed(1)).join(' / ')}; stack started in ${fmtS(stackReadyAt - runStarted)}, whole run ${fmtS(Date.now() - runStarted)}.`,
    '',
    '| writes (through the edge, Idempotency-Key, retried) | consultations | persons |',
    '|---|---:|---:|',
    `| acknowledged | ${writes.consultation.acked} | ${writes.person.acked} |`,
    `| found in intake (lost) | ${writes.consultation.found} (${writes.consultation.lost}) | ${writes.person.found} (${writes.person.lost}) |`,
    `| rows of the run (duplicated) | ${writes.consultation.rows} (${writes.consultation.duplicated}) | ${writes.person.rows} (${writes.person.duplicated}) |`,
    `| committed but never acknowledged to the client (gave up) | ${writes.consultation.unanswered} | ${writes.person.unanswered} |`,
    `| arrivals delayed by the ${settings.concurrency} writes in flight | ${load.late()} | |`,
    `| attempts retried / keys replayed at the end: stuck, other id | ${intakeAttempts.filter((a) => !a.ok).length} / ${keyed.length}: ${stuck}, ${replayMismatch} | |`,
    `| of the persons, one in ${loadContext.protectEvery}: a need at matching, then the DV protection at intake (acknowledged; attempts retried) | | ${acked.filter((w) => w.kind === 'need').length} / ${acked.filter((w) => w.kind === 'protection').length} (${load.attempts.filter((a) => a.followUp && !a.ok).length}) |`,
    '',
    '| fault | failed attempts | first write after the last failure | slowest acknowledged write | consumer lag: worst → back under 1 s |',
    '|---|---:|---:|---:|---|',
    ...recoveries.map(
      (r) =>
        `| ${r.fault} | ${r.failedAttempts}${r.failedAttempts ? ` (${Object.entries(r.answers).map(([k, v]) => `${k}×${v}`).join(', ')})` : ''}${Object.keys(r.upstreamErrors).length ? `; edge: ${Object.entries(r.upstreamErrors).map(([k, v]) => `${k}×${v}`).join(', ')}` : ''} | ${r.failedAttempts ? fmtS(r.writeRecoveryMs) : 'no failure'} | ${fmtS(r.slowestWriteMs)} | ${r.lags.map((l) => `${l.service} ${l.worstLagS.toFixed(1)} s → ${l.caughtUpMs === 0 ? 'never lagged' : l.caughtUpMs === undefined ? 'NOT back' : fmtS(l.caughtUpMs)}${l.redelivered ? ` (${l.redelivered} redelivered)` : ''}`).join('; ')} |`,
    ),
    '',
    '| consumer · intake event | events of the run | processed (inbox rows) | missing | twice |',
    '|---|---:|---:|---:|---:|',
    ...events.map((e) => `| ${e.service} · ${e.subject} | ${e.expected} | ${e.processed} | ${e.missing} | ${e.duplicated} |`),
    '',
    '| outbox of the run (every service) | events | unpublished |',
    '|---|---:|---:|',
    ...outboxes.map((o) => `| ${o.service} | ${o.events} | ${o.unpublished} |`),
    '',
    '| reaction: publisher · event (in reaction to) | implied by the acknowledged writes | recorded (missing, twice, unexplained) | processed by its consumers (missing, twice) |',
    '|---|---:|---:|---|',
    ...reacted.map(
      (r) =>
        `| ${r.publisher} · ${r.subject} (${r.cause}) | ${r.expected} | ${r.recorded} (${r.missing}, ${r.twice}, ${r.unexplained}) | ${r.consumers.map((c) => `${c.service} ${c.processed} (${c.missing}, ${c.duplicated})`).join('; ')}${r.projected ? `; projection ${r.projected.schema}.participation_need withheld ${r.projected.rows} of ${r.projected.expected}` : ''} |`,
    ),
    '',
    '| replicas | work per replica | redeliveries absorbed by the inbox |',
    '|---|---|---|',
    ...shares.map((s) => `| ${s.service} (${s.unit}) | ${s.counts.map((c) => `${c.replica} ${c.count}`).join(', ')} | ${s.service === 'intake' ? '' : s.counts.map((c) => c.duplicates).join(', ')} |`),
    '',
    `| after the broker outage (${settings.natsOutageMs / 1000} s): backlog drained from intake | backlog events | drained in | events/s from one source |`,
    '|---|---:|---:|---:|',
    ...drain.map((d) => `| ${d.service} | ${d.backlog} | ${d.spanS.toFixed(1)} s (done ${d.fromRestartS?.toFixed(1) ?? '—'} s after the restart) | ${d.perSecond?.toFixed(0) ?? '—'} |`),
    '',
    failures.length
      ? `INVARIANTS FAILED:\n${failures.map((f) => `- ${f}`).join('\n')}`
      : `All invariants hold: 0 lost, 0 duplicated, 0 stuck keys, every event processed once per consumer, every outbox event of the run published (${outboxes.map((o) => `${o.service} ${o.events}`).join(', ')}), ` +
        `${reacted.map((r) => `${r.recorded} ${r.subject} reactions as the writes imply, each processed once by ${r.consumers.map((c) => c.service).join(', ') || 'no consumer in this stack'}`).join('; ') || 'no reaction in this stack'}, every intake replica did work, the killed consumer's partner took the lead.`,
  );
  const report = lines.join('\n');
  say('');
  say(report);
  const outDir = path.join(ROOT, 'tmp', 'chaos');
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(outDir, `${stamp}.md`), `${report}\n`);
  fs.writeFileSync(path.join(outDir, `${stamp}.json`), `${JSON.stringify({ settings, commit, writes, recoveries, events, outboxes, reactions: reacted, shares, drain, failures, faults }, null, 2)}\n`);
  say(`figures written to ${path.relative(ROOT, outDir)}/${stamp}.{md,json}`);
  if (failures.length) warn(`${failures.length} invariant(s) failed`);
  return failures.length ? 1 : 0;
}

module.exports = { chaosCommand, samples, createWorkCounter };
