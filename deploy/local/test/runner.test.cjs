// Tests of the stack table, the demo-user parsing and the landing page (node:test, part of `npm test`).
'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { STACK, DEMO_CITY_DESK_ORGANIZATION_ID, resolveStack } = require('../services.cjs');
const { nextRestart, parseReplicas, parseUsers, replicasOf } = require('../stack.cjs');
const { renderLanding } = require('../landing.cjs');
const { formatLine } = require('../log.cjs');
const { EXTRA_CHECKS } = require('../bootstrap.cjs');
const { assertReachableByOthers, findOnPath, natsCredentials, startNats, startPostgres } = require('../../../libs/platform/local-infrastructure/src/infrastructure.cjs');
const { NATS_SERVICES, ownDurables, servicePermissions } = require('../../../libs/platform/local-infrastructure/src/nats-permissions.cjs');

describe('service table', () => {
  it('has unique names and ports, one idp and services with readiness paths under /api/<name>', () => {
    const names = STACK.map((entry) => entry.name);
    assert.equal(new Set(names).size, names.length);
    const ports = STACK.filter((entry) => entry.port).map((entry) => entry.port);
    assert.equal(new Set(ports).size, ports.length);
    assert.equal(STACK.filter((entry) => entry.kind === 'idp').length, 1);
    for (const entry of STACK.filter((e) => e.kind === 'service')) assert.equal(entry.ready, `/api/${entry.name}/readyz`);
  });

  it("sets the services' city desk to the demo つながる福祉相談窓口 (DEMO_ORGANIZATIONS.cityCommunityWelfare of libs/demo-data)", () => {
    const demoData = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'libs', 'demo-data', 'src', 'index.ts'), 'utf8');
    assert.match(demoData, new RegExp(`cityCommunityWelfare: \\{\\s+id: '${DEMO_CITY_DESK_ORGANIZATION_ID}'`));
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
    const html = renderLanding({ services: [{ name: 'registry', port: 3101 }], idp: true, users: [{ username: '<b>', password: 'p', roles: ['admin'] }] });
    assert.match(html, /&lt;b&gt;/);
  });

  it("links each service's Swagger UI, OpenAPI and metrics on its own port, never through the edge", () => {
    const html = renderLanding({ services: [{ name: 'registry', port: 3101 }], idp: true });
    assert.match(html, /href="http:\/\/127\.0\.0\.1:3101\/docs"/);
    assert.match(html, /href="http:\/\/127\.0\.0\.1:3101\/openapi\.json"/);
    assert.match(html, /href="http:\/\/127\.0\.0\.1:3101\/metrics"/);
    assert.match(html, /href="\/api\/registry\/healthz"/);
    assert.doesNotMatch(html, /\/api\/registry\/(docs|openapi\.json|metrics)/);
  });
});

describe('log formatting', () => {
  it('turns pino lines into LEVEL message', () => {
    assert.match(formatLine('{"level":30,"msg":"Nest application successfully started"}'), /^INFO +Nest application successfully started$/);
    assert.equal(formatLine('plain text'), 'plain text');
  });
});

describe('supervisor', () => {
  it('stops everything in order and exits 1 when something throws in its process, instead of orphaning the stack', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-supervise-'));
    const marker = path.join(dir, 'stopped');
    const script = `
      const fs = require('node:fs');
      const { supervise } = require(${JSON.stringify(path.join(__dirname, '..', 'stack.cjs'))});
      supervise(async (context) => {
        context.setStop(async () => fs.writeFileSync(${JSON.stringify(marker)}, 'stopped'));
        setTimeout(() => { throw new Error('boom from a request handler'); }, 50);
        return new Promise(() => undefined);
      });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 1, output);
    assert.equal(fs.readFileSync(marker, 'utf8'), 'stopped');
    assert.match(output, /boom from a request handler/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('service restarts', () => {
  it('starts a crashed service again after 1, 2, 4, 8, 16 s, and gives up on the sixth crash within 5 minutes', () => {
    let crashes = [];
    const delays = [];
    for (let i = 0; i < 5; i++) {
      const next = nextRestart(crashes, 1_000_000 + i * 10_000, 1_000);
      delays.push(next.delay);
      crashes = next.recent;
    }
    assert.deepEqual(delays, [1_000, 2_000, 4_000, 8_000, 16_000]);
    assert.equal(nextRestart(crashes, 1_000_000 + 50_000, 1_000).delay, undefined);
  });

  it('forgets crashes older than 5 minutes and never waits more than 30 s', () => {
    const old = Array.from({ length: 5 }, (_, i) => i * 1_000);
    assert.deepEqual(nextRestart(old, 10 * 60_000, 1_000), { recent: [10 * 60_000], delay: 1_000 });
    assert.equal(nextRestart([1, 2, 3, 4], 10, 20_000).delay, 30_000);
  });
});

describe('replicas (TSUNAGU_REPLICAS)', () => {
  const services = ['registry', 'intake', 'reporting'];

  it('reads <service>=<count> pairs; unset or empty means one process of each', () => {
    assert.deepEqual(parseReplicas('intake=2, reporting=3', services), { intake: 2, reporting: 3 });
    assert.deepEqual(parseReplicas(undefined, services), {});
    assert.deepEqual(parseReplicas('', services), {});
  });

  it('refuses what it cannot run, naming the part: no count, an unknown service, 0 or more than 8', () => {
    assert.throws(() => parseReplicas('intake', services), /"intake" is not <service>=<count>/);
    assert.throws(() => parseReplicas('idp=2', services), /"idp" is not a service of this stack/);
    assert.throws(() => parseReplicas('intake=0', services), /intake=0 — between 1 and 8/);
    assert.throws(() => parseReplicas('intake=9', services), /between 1 and 8/);
  });

  it('names one process as the service and several as <service>#<n> (the log prefixes)', () => {
    const entry = { name: 'intake', kind: 'service', port: 3102 };
    assert.deepEqual(replicasOf(entry).map((p) => [p.name, p.service, p.replica]), [['intake', 'intake', 1]]);
    assert.deepEqual(replicasOf(entry, 2).map((p) => [p.name, p.service, p.replica, p.port]), [
      ['intake#1', 'intake', 1, 3102],
      ['intake#2', 'intake', 2, 3102],
    ]);
  });
});

describe('npm test checks', () => {
  it('runs the configuration docs check', () => {
    assert.ok(EXTRA_CHECKS.some((check) => check.args.includes('deploy/local/docs.cjs')));
  });
});

describe('NATS users (nats-permissions.cjs)', () => {
  it('lets each service publish its own events only, and call only the services it names', () => {
    for (const service of Object.keys(NATS_SERVICES)) {
      const { publish, subscribe } = servicePermissions(service);
      assert.deepEqual(
        publish.allow.filter((subject) => subject.startsWith('tsunagu.evt.')),
        [`tsunagu.evt.${service}.>`],
      );
      assert.ok(!publish.allow.includes('>'));
      // Into another service's inbox only its answers, and only to the services that call it (no allow_responses).
      assert.deepEqual(
        publish.allow.filter((subject) => subject.startsWith('_INBOX')),
        Object.entries(NATS_SERVICES)
          .filter(([, { calls }]) => calls.includes(service))
          .map(([caller]) => `_INBOX_${caller}.rpc.>`),
      );
      assert.equal(servicePermissions(service).allow_responses, undefined);
      assert.deepEqual(subscribe.allow, [`_INBOX_${service}.>`, `tsunagu.rpc.${service}.>`]);
    }
    assert.deepEqual(
      servicePermissions('matching').publish.allow.filter((subject) => subject.startsWith('tsunagu.rpc.')),
      ['tsunagu.rpc.registry.>'],
    );
    assert.deepEqual(
      servicePermissions('registry').publish.allow.filter((subject) => subject.startsWith('_INBOX')),
      ['_INBOX_matching.rpc.>'],
    );
    assert.ok(servicePermissions('intake', { stream: 'OTHER' }).publish.allow.includes('$JS.ACK.OTHER.intake__from__outreach.>'));
  });

  it("lets a service delete, look up, pull from and ack its own durables per source only, never another service's", () => {
    for (const service of Object.keys(NATS_SERVICES)) {
      const allow = servicePermissions(service).publish.allow;
      assert.deepEqual(
        allow.filter((subject) => subject.startsWith('$JS.API.CONSUMER.DELETE.')),
        ownDurables(service).map((durable) => `$JS.API.CONSUMER.DELETE.TSUNAGU_EVENTS.${durable}`),
      );
      assert.deepEqual(
        allow.filter((subject) => subject.startsWith('$JS.ACK.')),
        ownDurables(service).map((durable) => `$JS.ACK.TSUNAGU_EVENTS.${durable}.>`),
      );
      assert.ok(ownDurables(service).every((durable) => durable.startsWith(`${service}__from__`)));
      assert.ok(!allow.some((subject) => /^\$JS\.(API\.CONSUMER\.(DELETE|DURABLE\.CREATE)\.[^.]+\.\*|ACK\.[^.]+\.>)$/.test(subject)), service);
    }
  });
});

describe('infrastructure', () => {
  it('says in one line what to do when PostgreSQL (run as `postgres` under root) cannot enter a directory above its data', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-home-'));
    const data = path.join(home, 'checkout', '.local');
    fs.mkdirSync(data, { recursive: true });
    try {
      fs.chmodSync(home, 0o700);
      assert.throws(() => assertReachableByOthers(data), (error) => error.message.includes(`chmod o+x ${home}`) && !error.message.includes('\n'));
      fs.chmodSync(home, 0o755);
      assert.doesNotThrow(() => assertReachableByOthers(data));
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('starts NATS with a user per service and, unless anonymous, lets nobody in without credentials', { skip: !findOnPath('nats-server') && 'nats-server is not installed' }, async () => {
    const { connect } = await import('@nats-io/transport-node');
    const store = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-nats-'));
    const auth = natsCredentials();
    const nats = await startNats({ storeDir: store, auth });
    try {
      assert.equal(fs.statSync(path.join(store, 'nats-server.conf')).mode & 0o777, 0o600);
      const intake = await connect({ servers: nats.url, user: auth.users.intake.user, pass: auth.users.intake.password });
      await intake.close();
      await assert.rejects(connect({ servers: nats.url, user: auth.users.intake.user, pass: 'wrong' }), /Authorization Violation/);
      await assert.rejects(connect({ servers: nats.url }), /Authorization Violation/);
    } finally {
      await nats.stop();
      fs.rmSync(store, { recursive: true, force: true });
    }
  });

  it('stops NATS at once when it was already ended by a signal (stop after a restart by hand does not hang)', { skip: !findOnPath('nats-server') && 'nats-server is not installed' }, async () => {
    const store = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-nats-'));
    try {
      const nats = await startNats({ storeDir: store });
      process.kill(nats.pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stopped = await Promise.race([nats.stop().then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('hung'), 5000))]);
      assert.equal(stopped, 'stopped');
    } finally {
      fs.rmSync(store, { recursive: true, force: true });
    }
  });

  it('stops PostgreSQL at once when it was already ended by a signal (the stack stops after its children were killed)', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-pg-'));
    fs.chmodSync(base, 0o755);
    const dataDir = path.join(base, 'pg');
    try {
      const postgres = await startPostgres({ dataDir, persistent: false });
      assert.ok(postgres.pid);
      process.kill(postgres.pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stopped = await Promise.race([postgres.stop().then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('hung'), 5000))]);
      assert.equal(stopped, 'stopped');
      assert.equal(fs.existsSync(dataDir), false);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
