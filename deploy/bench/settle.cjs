// Between two scenarios of `npm run bench`: waits until the stack has worked off what the previous one left — every
// outbox published, every consumer's inbox still, every audit record sealed — so a scenario is not charged with the
// relay, consumers and sealer catching up on its predecessor (issue 14: after the creates, the person search and the
// event latency measured a third of their figures alone). Reads the services' own tables on the one PostgreSQL.
'use strict';
const { Client } = require('pg');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Unpublished outbox rows, unsealed audit records and processed inbox entries over the schemas that have them. */
async function backlog(db, schemas) {
  let unpublished = 0;
  let unsealed = 0;
  let processed = 0;
  for (const schema of schemas) {
    const table = async (name) => (await db.query('select to_regclass($1) as t', [`"${schema}".${name}`])).rows[0].t !== null;
    if (await table('outbox_event')) unpublished += (await db.query(`select count(*)::int as n from "${schema}".outbox_event where published_at is null`)).rows[0].n;
    // Seals live in their own table (ADR 0028): every record has one once sealed.
    if (await table('audit_seal')) unsealed += (await db.query(`select (select count(*) from "${schema}".audit_record)::int - (select count(*) from "${schema}".audit_seal)::int as n`)).rows[0].n;
    if (await table('inbox_entry')) processed += (await db.query(`select count(*)::int as n from "${schema}".inbox_entry`)).rows[0].n;
  }
  return { unpublished, unsealed, processed };
}

/**
 * Resolves once nothing is unpublished or unsealed and no consumer has committed anything for `quietMs`; after
 * `timeoutMs` it gives up with a warning (the next figures then carry the backlog, and say so).
 */
async function settle({ databaseUrl, schemas, log, warn, quietMs = 1500, timeoutMs = 300_000 }) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  // Outboxes, inboxes and audit records have row-level security forced on their owner too (ADR 0012): system work.
  await db.query(`select set_config('app.system', 'on', false)`);
  try {
    const started = Date.now();
    let first;
    let last;
    let quietSince = Date.now();
    for (;;) {
      const now = await backlog(db, schemas);
      first ??= now;
      if (last && now.processed !== last.processed) quietSince = Date.now();
      last = now;
      const idle = now.unpublished === 0 && now.unsealed === 0 && Date.now() - quietSince >= quietMs;
      if (idle) {
        const waited = ((Date.now() - started) / 1000).toFixed(1);
        log(`settled in ${waited} s (left by the previous scenario: ${first.unpublished} unpublished events, ${first.unsealed} unsealed audit records, ${now.processed - first.processed} events consumed meanwhile)`);
        return;
      }
      if (Date.now() - started > timeoutMs) {
        warn(`not settled after ${timeoutMs / 1000} s (${now.unpublished} unpublished events, ${now.unsealed} unsealed audit records): the next figures carry the backlog`);
        return;
      }
      await sleep(250);
    }
  } finally {
    await db.end();
  }
}

module.exports = { settle };
