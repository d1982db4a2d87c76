// One autocannon measurement in its own process (so the load generator never shares an event loop with
// the edge or the runner). Input: a JSON job as argv[2]; output: one JSON line with the figures.
'use strict';
const { randomUUID } = require('node:crypto');
const autocannon = require('autocannon');
const { scenarios } = require('./scenarios.cjs');

async function main() {
  const job = JSON.parse(process.argv[2]);
  const scenario = scenarios.find((s) => s.name === job.scenario);
  let counter = job.offset ?? 0;
  // A rotating path (e.g. 120 different kana names), so the database does not answer one cached query.
  let pathIndex = 0;
  const rotate = job.paths?.length ? (request) => ({ ...request, path: job.paths[pathIndex++ % job.paths.length] }) : (request) => request;
  const headers = { 'content-type': 'application/json', ...(job.token ? { authorization: `Bearer ${job.token}` } : {}) };
  const result = await autocannon({
    url: job.baseUrl,
    connections: job.connections,
    duration: job.durationSeconds,
    // A steady arrival rate (events/s) instead of as fast as the connections go.
    ...(job.rate ? { overallRate: job.rate } : {}),
    headers,
    requests: [
      {
        method: scenario.method,
        path: job.path,
        ...(scenario.body || scenario.idempotencyKey || job.paths?.length
          ? {
              setupRequest: (request) => ({
                ...rotate(request),
                ...(scenario.idempotencyKey ? { headers: { ...request.headers, 'idempotency-key': randomUUID() } } : {}),
                ...(scenario.body ? { body: JSON.stringify(scenario.body(counter++, job.context)) } : {}),
              }),
            }
          : {}),
      },
    ],
  });
  const statusCounts = {};
  for (const [code, count] of Object.entries(result.statusCodeStats ?? {})) statusCounts[code] = count.count;
  process.stdout.write(
    `${JSON.stringify({
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      total: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCounts,
    })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
