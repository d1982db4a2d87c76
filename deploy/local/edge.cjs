// The local edge: one origin (http://localhost:8080) with exactly the paths the Kubernetes ingress uses.
//   /api/<service>/…  → that service          /idp/…  → the local OpenID Connect provider
//   /                 → the console's static build (index.html fallback), or a landing page until it exists
// Bodies are streamed both ways; x-forwarded-* and x-request-id are set; a service that is down answers
// 502 application/problem+json. Plain node:http on purpose (docs/adr/0004-local-edge-in-node.md).
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { randomUUID } = require('node:crypto');

// RFC 9110 §7.6.1: connection-specific fields are never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

function stripHopByHop(headers) {
  const listed = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const out = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

function sendProblem(res, status, title, detail, requestId, instance) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, instance, requestId });
  res.writeHead(status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestId,
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** `/api/<service>/…` → service name; `/idp`, `/idp/…` → 'idp'; anything else → undefined (static). */
function routeOf(pathname) {
  const api = /^\/api\/([a-z0-9-]+)(?:\/|$)/.exec(pathname);
  if (api) return { kind: 'api', name: api[1] };
  if (pathname === '/api' || pathname.startsWith('/api/')) return { kind: 'api', name: '' };
  if (pathname === '/idp' || pathname.startsWith('/idp/')) return { kind: 'idp', name: 'idp' };
  return { kind: 'static' };
}

/**
 * Creates the edge server (not yet listening).
 * options.upstreams: Map-like object name → { host, port } ('idp' for the provider)
 * options.staticDir: directory of the console build, used when it holds index.html
 * options.landing:  () => html string, served at / when there is no console build
 * options.publicPort: the port clients see (x-forwarded-port)
 */
function createEdge({ upstreams, staticDir, landing, publicPort, log = () => undefined }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64 });

  function proxy(req, res, upstream, requestId) {
    const headers = stripHopByHop(req.headers);
    const clientAddress = req.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${clientAddress}` : clientAddress;
    headers['x-forwarded-proto'] = 'http';
    headers['x-forwarded-host'] = req.headers.host ?? `localhost:${publicPort}`;
    headers['x-forwarded-port'] = String(publicPort);
    headers['x-request-id'] = requestId;

    const upstreamReq = http.request({
      host: upstream.host ?? '127.0.0.1',
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers,
      agent,
    });
    upstreamReq.on('response', (upstreamRes) => {
      const responseHeaders = stripHopByHop(upstreamRes.headers);
      responseHeaders['x-request-id'] ??= requestId;
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, responseHeaders);
      upstreamRes.pipe(res);
      upstreamRes.on('error', () => res.destroy());
    });
    upstreamReq.on('error', (error) => {
      log(`edge: ${req.method} ${req.url} → ${upstream.name}: ${error.code ?? error.message}`);
      sendProblem(
        res,
        502,
        'Bad Gateway',
        `The ${upstream.name} service is not reachable (${error.code ?? 'error'}). Is it running? See the stack's log.`,
        requestId,
        req.url.split('?')[0],
      );
    });
    // A client that goes away aborts the upstream request instead of leaving it running.
    res.on('close', () => {
      if (!res.writableFinished) upstreamReq.destroy();
    });
    req.pipe(upstreamReq);
  }

  function serveStatic(req, res, requestId) {
    const hasConsole = staticDir && fs.existsSync(path.join(staticDir, 'index.html'));
    if (!hasConsole) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendProblem(res, 405, 'Method Not Allowed', `${req.method} is not allowed here`, requestId, req.url);
      const pathname = new URL(req.url, 'http://edge').pathname;
      if (pathname !== '/' && pathname !== '/index.html') return sendProblem(res, 404, 'Not Found', `Nothing is served at ${pathname}`, requestId, pathname);
      const body = landing();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', 'x-request-id': requestId });
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendProblem(res, 405, 'Method Not Allowed', `${req.method} is not allowed here`, requestId, req.url);
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://edge').pathname);
    } catch {
      return sendProblem(res, 400, 'Bad Request', 'Malformed path', requestId, req.url);
    }
    const root = path.resolve(staticDir);
    let file = path.resolve(root, `.${pathname}`);
    if (file !== root && !file.startsWith(root + path.sep)) return sendProblem(res, 404, 'Not Found', 'Not found', requestId, pathname);
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat?.isFile()) {
      // SPA fallback: client-side routes get index.html; missing assets stay 404.
      if (path.extname(pathname) !== '' && !/\.html?$/.test(pathname)) return sendProblem(res, 404, 'Not Found', `No file ${pathname}`, requestId, pathname);
      file = path.join(root, 'index.html');
      stat = fs.statSync(file);
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const immutable = /\/assets\//.test(file) && !file.endsWith('.html');
    res.writeHead(200, {
      'content-type': type,
      'content-length': stat.size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      'x-request-id': requestId,
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  const server = http.createServer((req, res) => {
    const requestId = typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'] ? req.headers['x-request-id'] : randomUUID();
    const pathname = (req.url ?? '/').split('?')[0];
    const route = routeOf(pathname);
    if (route.kind === 'static') return serveStatic(req, res, requestId);
    const upstream = upstreams[route.name];
    if (!upstream) {
      const known = Object.keys(upstreams).filter((name) => name !== 'idp');
      return sendProblem(
        res,
        404,
        'Not Found',
        route.name ? `No service "${route.name}" in this stack (running: ${known.join(', ') || 'none'})` : 'Use /api/<service>/…',
        requestId,
        pathname,
      );
    }
    proxy(req, res, { name: route.name, ...upstream }, requestId);
  });
  server.keepAliveTimeout = 65_000;
  server.on('clientError', (error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });
  server.on('close', () => agent.destroy());
  return server;
}

module.exports = { createEdge, routeOf, stripHopByHop };
