// Jest global setup shared by every project: makes DATABASE_URL and NATS_URL point at a running
// PostgreSQL and NATS JetStream. `npm test` starts them once and passes the URLs down; running a
// single project (`nx test registry`) starts throwaway ones here and stops them in teardown. Either way the
// server gets the owner and application roles (libs/platform/local-infrastructure/src/database-roles.cjs) that createTestDatabase hands out.
'use strict';
const os = require('node:os');
const fs = require('node:fs');
const path = require('node:path');
const { ensureInfrastructure } = require('../../local-infrastructure/src/infrastructure.cjs');
const { ensureLocalRoles } = require('../../local-infrastructure/src/database-roles.cjs');

module.exports = async function globalSetup() {
  process.env.NODE_ENV = 'test';
  if (!process.env.DATABASE_URL || !process.env.NATS_URL) {
    const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-test-'));
    const infrastructure = await ensureInfrastructure({ baseDir, persistent: false });
    Object.assign(process.env, infrastructure.env);
    globalThis.__TSUNAGU_INFRASTRUCTURE__ = { ...infrastructure, baseDir };
  }
  process.env.TSUNAGU_TEST_DATABASE_ROLES = JSON.stringify(await ensureLocalRoles(process.env.DATABASE_URL));
};
