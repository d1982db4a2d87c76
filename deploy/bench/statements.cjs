// Where PostgreSQL's time goes per request (issue 14's "profile of what is left", the database's side of cpu.cjs):
// with BENCH_STATEMENTS=1, `npm run bench` starts its PostgreSQL with pg_stat_statements, resets the statistics before
// each measurement and prints, after it, the statements that took the most execution time — calls and milliseconds per
// request, rows per call — for the baseline and the platform alike. The texts are pg_stat_statements' normalised ones
// (constants replaced by $n), of the bench's synthetic data. Off by default: the extension costs a little on every statement.
'use strict';
const { Client } = require('pg');

/** Server settings for a PostgreSQL started by the bench (ensureInfrastructure's `postgresSettings`). */
const STATEMENT_STATISTICS_SETTINGS = { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.max': '10000' };

/** A connection as the embedded server's superuser (the statistics of every role, and reset, need it). */
async function statementStatistics(superuserUrl) {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  await client.query('create extension if not exists pg_stat_statements');
  return {
    reset: () => client.query('select pg_stat_statements_reset()'),
    /** The `limit` statements with the most execution time since the reset, per one of `requests` requests. */
    async top(requests, limit = 12) {
      const { rows } = await client.query(
        `select calls::float8 as calls, total_exec_time as ms, rows::float8 as rows, regexp_replace(query, '\\s+', ' ', 'g') as query
           from pg_stat_statements where query not like '%pg_stat_statements%'`,
      );
      // One statement built for N rows is N entries to pg_stat_statements (a VALUES list of each length: the sealer's
      // update, matching's copy by category): summed under the text they begin with.
      const byText = new Map();
      for (const row of rows) {
        const text = row.query.slice(0, 140);
        const sum = byText.get(text) ?? { calls: 0, ms: 0, rows: 0, query: text };
        sum.calls += row.calls;
        sum.ms += row.ms;
        sum.rows += row.rows;
        byText.set(text, sum);
      }
      const per = Math.max(1, requests);
      return {
        msPerRequest: rows.reduce((sum, row) => sum + row.ms, 0) / per,
        statements: [...byText.values()]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, limit)
          .map((sum) => ({ callsPerRequest: sum.calls / per, msPerRequest: sum.ms / per, rowsPerCall: sum.rows / Math.max(1, sum.calls), query: sum.query })),
      };
    },
    close: () => client.end(),
  };
}

/** Lines for the bench's report: one header, then the statements, largest share first. */
function statementLines(label, figures) {
  if (!figures) return [];
  return [
    `${label}: ${figures.msPerRequest.toFixed(2)} ms of statement execution per request`,
    ...figures.statements.map((s) => `    ${s.msPerRequest.toFixed(3)} ms · ${s.callsPerRequest.toFixed(2)} calls · ${s.rowsPerCall.toFixed(1)} rows/call  ${s.query}`),
  ];
}

module.exports = { STATEMENT_STATISTICS_SETTINGS, statementStatistics, statementLines };
