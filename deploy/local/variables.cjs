// Variables read by the local stack runner itself (deploy/local, deploy/bench) — not by the services.
// Same shape as the services' VariableSpec (libs/platform/config) so docs/configuration.md documents
// both with one table format.
'use strict';

const localVariables = {
  TSUNAGU_PORT: { description: 'Port of the local edge (`npm start`): everything is served at http://localhost:<port>.', type: 'int', default: '8080' },
  TSUNAGU_HOST: {
    description: 'Interface the local edge binds to. Loopback by default; `0.0.0.0` exposes the demo stack to the network.',
    type: 'string',
    default: '127.0.0.1',
  },
  TSUNAGU_APPS: {
    description: 'Comma-separated subset of the stack to build and run (e.g. `idp,registry`); all apps of deploy/local/services.cjs when unset.',
    type: 'string',
  },
  TSUNAGU_REPLICAS: {
    description: 'Processes per service, e.g. `intake=2,reporting=2` (each on its own port, `intake#1`, `intake#2` in the log, restarted on crash; the edge balances round-robin). One of each when unset.',
    type: 'string',
  },
  TSUNAGU_VERBOSE: { description: 'Show every PostgreSQL and NATS log line and the edge’s upstream errors.', type: 'bool', default: 'false' },
  TSUNAGU_RAW_LOGS: { description: 'Print the services’ pino JSON lines as they are instead of `LEVEL message`.', type: 'bool', default: 'false' },
  TSUNAGU_SKIP_INSTALL: { description: 'Skip the `npm ci` the commands run when node_modules is missing or older than the lockfile.', type: 'bool', default: 'false' },
  TSUNAGU_MIGRATE_TIMEOUT_MS: { description: 'Longest a service’s `migrate` step (with demo data) may take.', type: 'int', default: '180000' },
  TSUNAGU_READY_TIMEOUT_MS: { description: 'Longest a service may take to answer 200 on its readiness endpoint.', type: 'int', default: '90000' },
  TSUNAGU_RESTART_DELAY_MS: { description: 'First pause before a service that crashed after it was ready is started again (doubling up to 30 s; the 6th crash within 5 minutes stops the stack).', type: 'int', default: '1000' },
  BENCH_DURATION: { description: '`npm run bench`: seconds each measurement runs (after a warm-up).', type: 'int', default: '10' },
  BENCH_ROUNDS: { description: '`npm run bench`: times each scenario’s baseline and service are measured in turn; the goals are judged on the median of the rounds’ ratios.', type: 'int', default: '1' },
  BENCH_SEED_ROWS: { description: '`npm run bench`: community resources inserted before measuring (the list’s data set).', type: 'int', default: '3000' },
  BENCH_CONNECTIONS: { description: '`npm run bench`: concurrent connections (scenarios marked `@20` and the person search keep 20).', type: 'int', default: '100' },
  BENCH_PERSONS: { description: '`npm run bench`: persons inserted into intake (with SQL) before its person search.', type: 'int', default: '100000' },
  BENCH_EVENT_RATE: { description: '`npm run bench`: consultations recorded per second while the event latency is measured.', type: 'int', default: '100' },
  BENCH_EVENT_SECONDS: { description: '`npm run bench`: seconds the steady event rate runs.', type: 'int', default: '20' },
  BENCH_EVENT_BACKLOG: { description: '`npm run bench`: events put into intake’s outbox at once to measure the projection throughput.', type: 'int', default: '5000' },
  CHAOS_REPLICAS: { description: '`npm run chaos`: processes per service (the `TSUNAGU_REPLICAS` format).', type: 'string', default: 'intake=2,outreach=2,matching=2,reporting=2' },
  CHAOS_RATE: { description: '`npm run chaos`: writes per second at intake (consultations and persons in turn, each with an Idempotency-Key).', type: 'int', default: '10' },
  CHAOS_CONCURRENCY: { description: '`npm run chaos`: writes in flight at most (an arrival waits for a free slot, counted as delayed).', type: 'int', default: '32' },
  CHAOS_WARMUP: { description: '`npm run chaos`: seconds of load before the first fault.', type: 'int', default: '20' },
  CHAOS_GAP: { description: '`npm run chaos`: seconds of load after each fault (its recovery is measured within them).', type: 'int', default: '30' },
  CHAOS_NATS_OUTAGE: { description: '`npm run chaos`: seconds nats-server stays down after its SIGKILL.', type: 'int', default: '15' },
  CHAOS_PG_OUTAGE: { description: '`npm run chaos`: seconds PostgreSQL stays down when it is restarted.', type: 'int', default: '5' },
  CHAOS_SETTLE: { description: '`npm run chaos`: longest wait, after the load stops, for unanswered writes and for the consumers to catch up.', type: 'int', default: '120' },
};

module.exports = { localVariables };
