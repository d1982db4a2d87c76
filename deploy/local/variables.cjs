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
  TSUNAGU_VERBOSE: { description: 'Show every PostgreSQL and NATS log line and the edge’s upstream errors.', type: 'bool', default: 'false' },
  TSUNAGU_RAW_LOGS: { description: 'Print the services’ pino JSON lines as they are instead of `LEVEL message`.', type: 'bool', default: 'false' },
  TSUNAGU_SKIP_INSTALL: { description: 'Skip the `npm ci` the commands run when node_modules is missing or older than the lockfile.', type: 'bool', default: 'false' },
  TSUNAGU_MIGRATE_TIMEOUT_MS: { description: 'Longest a service’s `migrate` step (with demo data) may take.', type: 'int', default: '180000' },
  TSUNAGU_READY_TIMEOUT_MS: { description: 'Longest a service may take to answer 200 on its readiness endpoint.', type: 'int', default: '90000' },
  TSUNAGU_RESTART_DELAY_MS: { description: 'First pause before a service that crashed after it was ready is started again (doubling up to 30 s; the 6th crash within 5 minutes stops the stack).', type: 'int', default: '1000' },
  BENCH_DURATION: { description: '`npm run bench`: seconds each measurement runs (after a warm-up).', type: 'int', default: '10' },
  BENCH_SEED_ROWS: { description: '`npm run bench`: community resources inserted before measuring (the list’s data set).', type: 'int', default: '3000' },
  BENCH_CONNECTIONS: { description: '`npm run bench`: concurrent connections (scenarios marked `@20` and the person search keep 20).', type: 'int', default: '100' },
  BENCH_PERSONS: { description: '`npm run bench`: persons inserted into intake (with SQL) before its person search.', type: 'int', default: '100000' },
  BENCH_EVENT_RATE: { description: '`npm run bench`: consultations recorded per second while the event latency is measured.', type: 'int', default: '100' },
  BENCH_EVENT_SECONDS: { description: '`npm run bench`: seconds the steady event rate runs.', type: 'int', default: '20' },
  BENCH_EVENT_BACKLOG: { description: '`npm run bench`: events put into intake’s outbox at once to measure the projection throughput.', type: 'int', default: '5000' },
};

module.exports = { localVariables };
