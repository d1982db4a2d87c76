// The one list of everything the local stack runs. Adding a service is one line here: the runner builds
// it, runs its migrations, starts it on its internal port and routes `/api/<name>/…` to it. Apps that do
// not exist in this checkout yet (no apps/<project>/project.json) are skipped with a note.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * kind:
 *   'idp'     the local OpenID Connect provider, mounted at /idp (never deployed by the chart)
 *   'service' a NestJS service under /api/<name>; `node <main> migrate` runs its migrations (+ demo data)
 *   'static'  a built single-page app served at / with index.html fallback
 * port: preferred internal port (another free port is used when it is taken).
 */
const STACK = [
  { name: 'idp', kind: 'idp', port: 3100, main: 'dist/apps/idp/main.js', ready: '/idp/.well-known/openid-configuration' },
  { name: 'registry', kind: 'service', port: 3101, main: 'dist/apps/registry/main.js' },
  { name: 'intake', kind: 'service', port: 3102, main: 'dist/apps/intake/main.js' },
  { name: 'outreach', kind: 'service', port: 3103, main: 'dist/apps/outreach/main.js' },
  { name: 'matching', kind: 'service', port: 3104, main: 'dist/apps/matching/main.js' },
  { name: 'reporting', kind: 'service', port: 3105, main: 'dist/apps/reporting/main.js' },
  { name: 'console', kind: 'static', dist: 'dist/apps/console' },
];

/**
 * The demo city's own desk, つながる福祉相談窓口 of 地域共生社会推進課 (DEMO_ORGANIZATIONS.cityCommunityWelfare.id in
 * libs/demo-data): the services' CITY_DESK_ORGANIZATION_ID in the local stack unless the environment sets it.
 */
const DEMO_CITY_DESK_ORGANIZATION_ID = '01900000-0000-7000-8000-000000000001';

for (const entry of STACK) {
  entry.project ??= entry.name;
  if (entry.kind === 'service') entry.ready ??= `/api/${entry.name}/readyz`;
}

/** Whether the app exists in this checkout (it has an Nx project). */
function isPresent(entry, root = ROOT) {
  return fs.existsSync(path.join(root, 'apps', entry.project, 'project.json'));
}

/**
 * Splits the table into the apps of this checkout and the planned ones that are not here yet.
 * TSUNAGU_APPS (comma separated, e.g. `idp,registry`) limits the stack to those apps.
 */
function resolveStack(root = ROOT, only = process.env.TSUNAGU_APPS) {
  const wanted = only ? new Set(only.split(',').map((name) => name.trim()).filter(Boolean)) : undefined;
  const chosen = STACK.filter((entry) => !wanted || wanted.has(entry.name));
  const present = chosen.filter((entry) => isPresent(entry, root));
  const missing = chosen.filter((entry) => !isPresent(entry, root));
  return { present, missing };
}

module.exports = { STACK, ROOT, DEMO_CITY_DESK_ORGANIZATION_ID, resolveStack, isPresent };
