// Tests of the stack table, the demo-user parsing and the landing page (node:test, part of `npm test`).
'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { STACK, resolveStack } = require('../services.cjs');
const { parseUsers } = require('../stack.cjs');
const { renderLanding } = require('../landing.cjs');
const { formatLine } = require('../log.cjs');
const { EXTRA_CHECKS } = require('../bootstrap.cjs');

describe('service table', () => {
  it('has unique names and ports, one idp and services with readiness paths under /api/<name>', () => {
    const names = STACK.map((entry) => entry.name);
    assert.equal(new Set(names).size, names.length);
    const ports = STACK.filter((entry) => entry.port).map((entry) => entry.port);
    assert.equal(new Set(ports).size, ports.length);
    assert.equal(STACK.filter((entry) => entry.kind === 'idp').length, 1);
    for (const entry of STACK.filter((e) => e.kind === 'service')) assert.equal(entry.ready, `/api/${entry.name}/readyz`);
  });

  it('skips apps that are not in the checkout', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-stack-'));
    fs.mkdirSync(path.join(root, 'apps', 'registry'), { recursive: true });
    fs.writeFileSync(path.join(root, 'apps', 'registry', 'project.json'), '{}');
    const { present, missing } = resolveStack(root);
    assert.deepEqual(
      present.map((entry) => entry.name),
      ['registry'],
    );
    assert.ok(missing.some((entry) => entry.name === 'console'));
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('demo users', () => {
  it('reads a JSON list or map from the idp and keeps other output as text', () => {
    assert.deepEqual(parseUsers('[{"username":"caseworker","password":"demo","roles":["caseworker"]}]').users, [
      { username: 'caseworker', password: 'demo', roles: ['caseworker'], description: '' },
    ]);
    assert.equal(parseUsers('{"admin":{"password":"x","roles":["admin"]}}').users[0].username, 'admin');
    assert.deepEqual(parseUsers('caseworker  demo'), { users: [], text: 'caseworker  demo' });
  });

  it('escapes what the landing page shows', () => {
    const html = renderLanding({ services: [{ name: 'registry' }], idp: true, users: [{ username: '<b>', password: 'p', roles: ['admin'] }] });
    assert.match(html, /\/api\/registry\/docs/);
    assert.match(html, /&lt;b&gt;/);
  });
});

describe('log formatting', () => {
  it('turns pino lines into LEVEL message', () => {
    assert.match(formatLine('{"level":30,"msg":"Nest application successfully started"}'), /^INFO +Nest application successfully started$/);
    assert.equal(formatLine('plain text'), 'plain text');
  });
});

describe('npm test checks', () => {
  it('runs the configuration docs check', () => {
    assert.ok(EXTRA_CHECKS.some((check) => check.args.includes('deploy/local/docs.cjs')));
  });
});
