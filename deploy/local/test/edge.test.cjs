// Tests of the local edge (node:test; run by `npm test` through EXTRA_CHECKS in bootstrap.cjs).
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const Fastify = require('fastify');
const { createHash } = require('node:crypto');
const { createEdge, createBalancer, routeOf, stripHopByHop, isInternalPath, consoleSecurityHeaders } = require('../edge.cjs');
const { renderLanding } = require('../landing.cjs');
const { freePort } = require('../../../libs/platform/local-infrastructure/src/infrastructure.cjs');

/** Writes raw bytes on one connection and resolves with everything the edge sends back until it goes quiet or closes. */
function raw(port, bytes, { quietMs = 300 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let timer;
    const done = () => {
      socket.destroy();
      resolve(received);
    };
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
    socket.on('end', () => {
      clearTimeout(timer);
      done();
    });
    socket.on('error', reject);
    socket.write(bytes);
    timer = setTimeout(done, 3000);
  });
}

function listen(server, port = 0) {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server.address().port)));
}

function request(port, { method = 'GET', path: requestPath = '/', headers = {}, body, agent } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: requestPath, headers, agent, timeout: 5000 }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${requestPath}: no answer within 5 s`)));
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

  it('knows the internal endpoints of a service however the path is spelled', () => {
    for (const internal of [
      '/api/registry/metrics',
      '/api/registry/openapi.json',
      '/api/registry/docs',
      '/api/registry/docs/',
      '/api/registry/docs/swagger-ui.css',
      '/api/registry/docs-json',
      '/api/registry/docs-yaml',
      '/api/registry/%6detrics',
      '/api/registry//metrics',
      '/API/registry/Metrics',
      '/api/registry/%',
      '/api/registry/./metrics',
      '/api/registry/%2e/metrics',
      '/api/registry/x/../metrics',
      '/api/registry\\metrics',
      '/api/registry%2fmetrics',
    ]) {
      assert.equal(isInternalPath(internal), true, internal);
    }
    for (const open of ['/api/registry/districts', '/api/registry/healthz', '/api/registry/documents', '/metrics', '/api/metrics', '/docs']) {
      assert.equal(isInternalPath(open), false, open);
    }
  });

  it('has the same console policy as the nginx of the console image (which the chart renders with the issuer)', () => {
    const inc = fs.readFileSync(path.join(__dirname, '..', '..', 'docker', 'nginx', 'security-headers.inc'), 'utf8');
    const nginxHeaders = Object.fromEntries([...inc.matchAll(/^add_header (\S+) "([^"]*)" always;$/gm)].map((match) => [match[1].toLowerCase(), match[2]]));
    const edgeHeaders = consoleSecurityHeaders();
    for (const [name, value] of Object.entries(edgeHeaders)) assert.equal(nginxHeaders[name], value, name);
    // nginx adds HSTS (the console is served over https in production); the edge does not (plain http).
    assert.match(nginxHeaders['strict-transport-security'], /^max-age=31536000/);
    assert.match(consoleSecurityHeaders({ connectSources: ['https://id.city.example'] })['content-security-policy'], /connect-src 'self' https:\/\/id\.city\.example;/);
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
  let seenPaths;
  let limited;

  before(async () => {
    upstream = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        seen = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        seenPaths.push(req.url);
        res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'registry' });
        res.end(JSON.stringify({ ok: true }));
      });
    });
    seenPaths = [];
    const upstreamPort = await listen(upstream);
    // A real Fastify service with a small body limit, as the services have (they answer 413 before reading the body).
    limited = Fastify({ bodyLimit: 1024 });
    limited.post('/api/limited/echo', async (request) => ({ size: JSON.stringify(request.body).length }));
    limited.get('/api/limited/ping', async () => ({ ok: true }));
    await limited.listen({ port: 0, host: '127.0.0.1' });
    downPort = await freePort();
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagu-edge-'));
    edge = createEdge({
      upstreams: {
        registry: { port: upstreamPort },
        intake: { port: downPort },
        limited: { port: limited.server.address().port },
        idp: { port: upstreamPort },
      },
      staticDir,
      landing: () => '<h1>つなぐ</h1>',
      publicPort: 8080,
      bodyLimit: 64 * 1024,
    });
    await edge.listen({ port: 0, host: '127.0.0.1' });
    edgePort = edge.server.address().port;
  });

  after(async () => {
    await edge.close();
    await limited.close();
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

  it("forwards long paths unchanged (four ids deep is well over the router's default parameter length)", async () => {
    const id = '0190f3a2-7c1e-7d2a-9b1e-3f4c5d6e7f80';
    const longPath = `/api/registry/councils/${id}/meetings/${id}/minutes/${id}/attachments/${id}`;
    const res = await request(edgePort, { path: longPath });
    assert.equal(res.status, 201);
    assert.equal(seen.url, longPath);
  });

  it("replaces a client's own X-Forwarded-For with the address it sees (per-client limits key on it)", async () => {
    await request(edgePort, { path: '/api/registry/districts', headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' } });
    assert.equal(seen.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(seen.headers['x-forwarded-proto'], 'http');
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

  it("allows the landing page's own <style> by its hash and nothing else inline", async () => {
    const styled = createEdge({ upstreams: {}, landing: () => renderLanding({ services: [{ name: 'registry', port: 3101 }], idp: true }), publicPort: 8080 });
    try {
      const res = await styled.inject({ url: '/' });
      assert.equal(res.statusCode, 200);
      const css = /<style>([\s\S]*?)<\/style>/.exec(res.body)[1];
      const hash = createHash('sha256').update(css, 'utf8').digest('base64');
      assert.match(res.headers['content-security-policy'], new RegExp(`style-src 'self' '[^']+' 'sha256-${hash.replace(/[+/=]/g, (c) => `\\${c}`)}';`));
      assert.doesNotMatch(res.headers['content-security-policy'], /'unsafe-/);
    } finally {
      await styled.close();
    }
  });

  it('answers /console-config.json with a 404 problem (never index.html) when the stack gives no console settings', async () => {
    const res = await request(edgePort, { path: '/console-config.json' });
    assert.equal(res.status, 404);
    assert.match(res.headers['content-type'], /problem\+json/);
  });

  it('serves the console settings of the local idp at /console-config.json, for the origin the browser used', async () => {
    const configured = createEdge({ upstreams: {}, landing: () => '', publicPort: 8080, consoleConfig: ({ origin }) => ({ oidcAuthority: `${origin}/idp`, oidcClientId: 'tsunagu-console' }) });
    await configured.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = configured.server.address().port;
      const res = await request(port, { path: '/console-config.json' });
      assert.equal(res.status, 200);
      assert.match(res.headers['content-type'], /^application\/json/);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.deepEqual(JSON.parse(res.body), { oidcAuthority: `http://127.0.0.1:${port}/idp`, oidcClientId: 'tsunagu-console' });
      assert.ok(res.headers['content-security-policy'], 'the edge’s own answers carry the console security headers');
    } finally {
      await configured.close();
    }
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

  it('sends the console security headers on the landing page, the console and its own errors — not on proxied answers', async () => {
    for (const requestPath of ['/', '/consultations/123/show', '/assets/app-1234.js', '/api/nothing/here']) {
      const res = await request(edgePort, { path: requestPath });
      const csp = res.headers['content-security-policy'];
      assert.ok(csp, `${requestPath} has a CSP`);
      for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'", "connect-src 'self'"]) {
        assert.ok(csp.split('; ').includes(directive), `${requestPath}: ${directive} in ${csp}`);
      }
      assert.doesNotMatch(csp, /'unsafe-/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.equal(res.headers['x-frame-options'], 'DENY');
      // Plain http: no HSTS locally (the console's nginx and the chart send it over https).
      assert.equal(res.headers['strict-transport-security'], undefined);
    }
    const proxied = await request(edgePort, { path: '/api/registry/districts' });
    assert.equal(proxied.headers['x-upstream'], 'registry');
    assert.equal(proxied.headers['content-security-policy'], undefined);
  });

  it('refuses the internal endpoints of a service with 404 and never forwards them', async () => {
    seenPaths = [];
    for (const requestPath of [
      '/api/registry/metrics',
      '/api/registry/openapi.json',
      '/api/registry/docs',
      '/api/registry/docs/',
      '/api/registry/docs/swagger-ui-init.js',
      '/api/registry/docs-json',
      '/api/registry/%6Detrics',
      '/api/registry//metrics',
      '/api/registry/metrics?format=json',
      '/api/registry/./metrics',
      '/api/registry/%2e/metrics',
      '/api/registry/x/%2e%2e/metrics',
      '/api/registry\\metrics',
    ]) {
      const res = await request(edgePort, { path: requestPath });
      assert.equal(res.status, 404, requestPath);
      assert.match(res.headers['content-type'], /^application\/problem\+json/, requestPath);
    }
    const post = await request(edgePort, { method: 'POST', path: '/api/registry/metrics', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(post.status, 404);
    assert.deepEqual(seenPaths, []);
    // The public API beside them still goes through.
    assert.equal((await request(edgePort, { path: '/api/registry/healthz' })).status, 201);
  });

  it('answers malformed paths with 400/404 and keeps serving (a NUL byte used to stop the whole stack)', async () => {
    for (const requestPath of ['/%00', '/%00.js', '/assets/%00', '/%', '/%zz', '/..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/api/registry/..%2f..%2fidp', '/idp/%2e%2e/api/intake/x', '/%2e%2e/%2e%2e/etc/passwd', '/a\\..\\..\\etc\\passwd']) {
      const res = await request(edgePort, { path: requestPath });
      assert.ok([400, 404].includes(res.status) || (res.status === 200 && res.body === '<div id="root"></div>'), `${requestPath} → ${res.status} ${res.body}`);
      assert.equal(res.body.includes('root:x:'), false, requestPath);
    }
    // Still alive, still serving.
    assert.equal((await request(edgePort, { path: '/' })).status, 200);
    assert.equal((await request(edgePort, { path: '/api/registry/districts' })).status, 201);
  });

  it('answers 431 to a huge header and keeps serving', async () => {
    const res = await raw(edgePort, `GET / HTTP/1.1\r\nhost: localhost\r\nx-big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    assert.match(res, /^HTTP\/1\.1 431 /);
    assert.equal((await request(edgePort, { path: '/' })).status, 200);
  });

  it('answers garbage with 400 and keeps serving', async () => {
    assert.match(await raw(edgePort, 'NOT HTTP AT ALL\r\n\r\n'), /^HTTP\/1\.1 400 /);
    assert.match(await raw(edgePort, 'GET /%00 HTTP/1.1\r\nhost: localhost\r\n\r\n'), /^HTTP\/1\.1 (400|404) /);
    assert.equal((await request(edgePort, { path: '/' })).status, 200);
  });

  it('answers 413 above its body limit and the kept-alive connection keeps working', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const body = 'x'.repeat(200 * 1024);
      const tooLarge = await request(edgePort, { agent, method: 'POST', path: '/api/registry/districts', headers: { 'content-type': 'text/plain', 'content-length': body.length }, body });
      assert.equal(tooLarge.status, 413);
      assert.match(tooLarge.headers['content-type'], /^application\/problem\+json/);
      const next = await request(edgePort, { agent, path: '/api/registry/districts' });
      assert.equal(next.status, 201);
      const again = await request(edgePort, { agent, path: '/' });
      assert.equal(again.status, 200);
    } finally {
      agent.destroy();
    }
  });

  it("passes a service's own 413 through and the kept-alive connection keeps working", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const body = JSON.stringify({ text: 'あ'.repeat(8 * 1024) });
      const tooLarge = await request(edgePort, {
        agent,
        method: 'POST',
        path: '/api/limited/echo',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        body,
      });
      assert.equal(tooLarge.status, 413);
      for (let i = 0; i < 3; i += 1) assert.equal((await request(edgePort, { agent, path: '/api/limited/ping' })).status, 200);
      const small = await request(edgePort, { agent, method: 'POST', path: '/api/limited/echo', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
      assert.equal(small.status, 200);
    } finally {
      agent.destroy();
    }
  });

  it('keeps the connection usable when a service drops it in the middle of a large streamed body', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // Chunked (no content-length): the edge streams it; the service stops reading at its limit and closes.
      const refused = await new Promise((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: edgePort, method: 'POST', path: '/api/limited/echo', headers: { 'content-type': 'application/json' }, agent, timeout: 5000 }, (res) => {
          res.resume();
          res.on('end', () => resolve(res));
        });
        req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
        req.on('error', (error) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
        const chunk = 'x'.repeat(64 * 1024);
        for (let i = 0; i < 32; i += 1) req.write(chunk);
        req.end();
      });
      assert.ok([413, 502].includes(refused.statusCode), String(refused.statusCode));
      for (let i = 0; i < 3; i += 1) assert.equal((await request(edgePort, { agent, path: '/api/limited/ping' })).status, 200);
    } finally {
      agent.destroy();
    }
  });

  it('ignores a client request id that is not an id', async () => {
    const res = await request(edgePort, { path: '/api/registry/districts', headers: { 'x-request-id': 'a b <script>' } });
    assert.match(res.headers['x-request-id'], /^[0-9a-f-]{36}$/);
  });

  it('answers 405 to other methods on the console paths', async () => {
    const res = await request(edgePort, { method: 'POST', path: '/consultations', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, 'GET, HEAD');
  });
});

describe('replicas (TSUNAGU_REPLICAS)', () => {
  it('takes the replicas in turn, passes over one that refused a connection for a while, and never has none', () => {
    const balancer = createBalancer(['a', 'b', 'c'], { pauseMs: 1000 });
    assert.deepEqual([0, 0, 0, 0].map(() => balancer.next(0)), ['a', 'b', 'c', 'a']);
    balancer.refused('c', 0);
    assert.deepEqual([0, 0, 0].map(() => balancer.next(10)), ['b', 'a', 'b']);
    assert.deepEqual([0, 0, 0].map(() => balancer.next(1000)), ['c', 'a', 'b']);
    const single = createBalancer(['only'], { pauseMs: 1000 });
    single.refused('only', 0);
    assert.equal(single.next(10), 'only');
    const both = createBalancer(['a', 'b'], { pauseMs: 1000 });
    both.refused('a', 0);
    both.refused('b', 0);
    assert.ok(['a', 'b'].includes(both.next(10)));
  });

  it('spreads requests over the replicas of a service and sends none to a replica that is down', async () => {
    const hits = [];
    const replica = (label) => http.createServer((req, res) => {
      hits.push(label);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ replica: label }));
    });
    const one = replica('1');
    const two = replica('2');
    const ports = [await listen(one), await listen(two), await freePort()];
    const edge = createEdge({ upstreams: { intake: ports.map((port) => ({ port })) }, landing: () => '', publicPort: 8080 });
    await edge.listen({ port: 0, host: '127.0.0.1' });
    try {
      const statuses = [];
      for (let i = 0; i < 9; i++) statuses.push((await request(edge.server.address().port, { path: '/api/intake/healthz' })).status);
      // The third replica is down: its first request is a 502, then it is passed over.
      assert.deepEqual(statuses.filter((status) => status !== 200), [502]);
      assert.equal(hits.filter((label) => label === '1').length, 4);
      assert.equal(hits.filter((label) => label === '2').length, 4);
    } finally {
      await edge.close();
      for (const server of [one, two]) {
        server.close();
        server.closeAllConnections();
      }
    }
  });
});
