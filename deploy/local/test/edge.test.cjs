// Tests of the local edge (node:test; run by `npm test` through EXTRA_CHECKS in bootstrap.cjs).
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { createEdge, routeOf, stripHopByHop } = require('../edge.cjs');
const { freePort } = require('../infrastructure.cjs');

function listen(server, port = 0) {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server.address().port)));
}

function request(port, { method = 'GET', path: requestPath = '/', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: requestPath, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

describe('routeOf', () => {
  it('maps the ingress paths', () => {
    assert.deepEqual(routeOf('/api/registry/districts'), { kind: 'api', name: 'registry' });
    assert.deepEqual(routeOf('/api/registry'), { kind: 'api', name: 'registry' });
    assert.deepEqual(routeOf('/idp/.well-known/openid-configuration'), { kind: 'idp', name: 'idp' });
    assert.deepEqual(routeOf('/idp'), { kind: 'idp', name: 'idp' });
    assert.deepEqual(routeOf('/idpx'), { kind: 'static' });
    assert.deepEqual(routeOf('/apix'), { kind: 'static' });
    assert.deepEqual(routeOf('/cases/123'), { kind: 'static' });
  });

  it('drops hop-by-hop headers, including those named in Connection', () => {
    assert.deepEqual(stripHopByHop({ connection: 'keep-alive, x-secret', 'keep-alive': '5', 'x-secret': '1', 'x-kept': '2', 'transfer-encoding': 'chunked' }), {
      'x-kept': '2',
    });
  });
});

describe('edge', () => {
  let upstream;
  let edge;
  let edgePort;
  let downPort;
  let staticDir;
  let seen;

  before(async () => {
    upstream = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        seen = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'registry' });
        res.end(JSON.stringify({ ok: true }));
      });
    });
    const upstreamPort = await listen(upstream);
    downPort = await freePort();
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-edge-'));
    edge = createEdge({
      upstreams: { registry: { port: upstreamPort }, intake: { port: downPort }, idp: { port: upstreamPort } },
      staticDir,
      landing: () => '<h1>つなぐ</h1>',
      publicPort: 8080,
    });
    edgePort = await listen(edge);
  });

  after(() => {
    edge.close();
    edge.closeAllConnections();
    upstream.close();
    upstream.closeAllConnections();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it('forwards method, path, query, body and x-forwarded-* / x-request-id headers', async () => {
    const body = JSON.stringify({ name: '訪問型サービスB' });
    const res = await request(edgePort, {
      method: 'POST',
      path: '/api/registry/community-resources?x=1',
      headers: { 'content-type': 'application/json', host: 'localhost:8080', 'x-request-id': 'req-1', 'content-length': Buffer.byteLength(body) },
      body,
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers['x-upstream'], 'registry');
    assert.equal(res.headers['x-request-id'], 'req-1');
    assert.equal(seen.method, 'POST');
    assert.equal(seen.url, '/api/registry/community-resources?x=1');
    assert.equal(seen.body, body);
    assert.equal(seen.headers.host, 'localhost:8080');
    assert.equal(seen.headers['x-forwarded-proto'], 'http');
    assert.equal(seen.headers['x-forwarded-host'], 'localhost:8080');
    assert.equal(seen.headers['x-forwarded-port'], '8080');
    assert.equal(seen.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(seen.headers['x-request-id'], 'req-1');
  });

  it('generates a request id when the client sends none', async () => {
    const res = await request(edgePort, { path: '/idp/.well-known/openid-configuration' });
    assert.equal(res.status, 201);
    assert.match(seen.headers['x-request-id'], /^[0-9a-f-]{36}$/);
    assert.equal(res.headers['x-request-id'], seen.headers['x-request-id']);
  });

  it('answers 502 problem+json when a service is down', async () => {
    const res = await request(edgePort, { path: '/api/intake/consultations' });
    assert.equal(res.status, 502);
    assert.match(res.headers['content-type'], /^application\/problem\+json/);
    const problem = JSON.parse(res.body);
    assert.equal(problem.status, 502);
    assert.match(problem.detail, /intake/);
    assert.equal(problem.instance, '/api/intake/consultations');
  });

  it('answers 404 problem+json for a service that is not in the stack', async () => {
    const res = await request(edgePort, { path: '/api/nothing/here' });
    assert.equal(res.status, 404);
    assert.match(res.headers['content-type'], /^application\/problem\+json/);
  });

  it('serves the landing page at / while there is no console build', async () => {
    const res = await request(edgePort, { path: '/' });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/html/);
    assert.equal(res.body, '<h1>つなぐ</h1>');
  });

  it('serves the console build with an index.html fallback for client-side routes', async () => {
    fs.mkdirSync(path.join(staticDir, 'assets'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<div id="root"></div>');
    fs.writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
    const index = await request(edgePort, { path: '/' });
    assert.equal(index.body, '<div id="root"></div>');
    assert.equal(index.headers['cache-control'], 'no-cache');
    const route = await request(edgePort, { path: '/consultations/123/show' });
    assert.equal(route.status, 200);
    assert.equal(route.body, '<div id="root"></div>');
    const asset = await request(edgePort, { path: '/assets/app-1234.js' });
    assert.match(asset.headers['content-type'], /^text\/javascript/);
    assert.match(asset.headers['cache-control'], /immutable/);
    const missing = await request(edgePort, { path: '/assets/missing.js' });
    assert.equal(missing.status, 404);
    const traversal = await request(edgePort, { path: '/../../etc/passwd' });
    assert.notEqual(traversal.body.includes('root:'), true);
  });
});
