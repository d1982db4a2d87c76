// The local edge: one origin (http://localhost:8080) with exactly the paths the Kubernetes ingress uses.
//   /api/<service>/…  → that service          /idp/…  → the local OpenID Connect provider
//   /                 → the console's static build (index.html fallback), or a landing page until it exists
// Fastify with @fastify/http-proxy and @fastify/static (docs/adr/0010-local-edge-on-fastify.md): every error is
// answered (problem+json), never thrown out of the supervisor's process. Bodies are streamed both ways;
// x-forwarded-* and x-request-id are set; a service that is down answers 502. Internal endpoints of the
// services (/metrics, Swagger UI, OpenAPI JSON) are never routed, also not under /api/<service>/.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createHash, randomUUID } = require('node:crypto');
const Fastify = require('fastify');
const httpProxy = require('@fastify/http-proxy');
const fastifyStatic = require('@fastify/static');

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

/** Largest request body the edge forwards (bytes); the services' own limit (1 MiB by default) is lower. */
const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

/** A client's x-request-id is kept only when it looks like an id (it ends up in logs and response headers). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * sha256 of the empty string: MUI's emotion inserts empty <style> elements and fills them through the CSSOM
 * (insertRule), which CSP does not govern. Allowing only *empty* inline styles keeps 'unsafe-inline' out of style-src
 * (measured: no violation on ten console screens in Chromium; a browser that blocked the empty element would leave
 * emotion without a stylesheet).
 */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/** CSP source of an inline <style> element's text. */
const styleHash = (css) => `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;

/**
 * Headers of everything the edge serves itself (console, landing page, its own errors) — the policy of the console
 * image's nginx (deploy/docker/nginx/security-headers.inc) and the chart; `connectSources` adds the OIDC issuer's
 * origin when it is not this origin, `styleSources` the hashes of a page's own inline <style> (the landing page).
 * No HSTS: the local stack is plain http (browsers ignore it there, and sending it for localhost would pin every
 * other local development server to https). No inline script anywhere: the Vite build has none.
 */
function consoleSecurityHeaders({ connectSources = [], styleSources = [] } = {}) {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${["'self'", EMPTY_STYLE_HASH, ...styleSources].join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
}

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

/** `/api/<service>/…` → service name; `/idp`, `/idp/…` → 'idp'; anything else → undefined (static). */
function routeOf(pathname) {
  const api = /^\/api\/([a-z0-9-]+)(?:\/|$)/.exec(pathname);
  if (api) return { kind: 'api', name: api[1] };
  if (pathname === '/api' || pathname.startsWith('/api/')) return { kind: 'api', name: '' };
  if (pathname === '/idp' || pathname.startsWith('/idp/')) return { kind: 'idp', name: 'idp' };
  return { kind: 'static' };
}

/**
 * Whether a path names an internal endpoint of a service — `/api/<service>/metrics`, `…/openapi.json`, `…/docs`,
 * `…/docs/…`, `…/docs-json`, `…/docs-yaml` — judged the way the path could still reach a service's router: decoded,
 * `\` as `/`, empty and `.` segments dropped, `..` applied (the URL parser does so before forwarding), any case.
 * Undecodable paths count as internal (they are refused either way).
 */
function isInternalPath(rawPath) {
  const segments = [];
  try {
    for (const raw of rawPath.split(/[\\/]/)) {
      for (const segment of decodeURIComponent(raw).toLowerCase().split(/[\\/]/)) {
        if (segment === '' || segment === '.') continue;
        if (segment === '..') segments.pop();
        else segments.push(segment);
      }
    }
  } catch {
    return true;
  }
  if (segments[0] !== 'api' || segments.length < 3) return false;
  const endpoint = segments[2];
  return endpoint === 'metrics' || endpoint === 'openapi.json' || endpoint === 'docs' || endpoint.startsWith('docs-');
}

function problem(reply, status, title, detail, instance) {
  const body = { type: 'about:blank', title, status, detail, instance, requestId: String(reply.request.id) };
  return reply.code(status).header('content-type', 'application/problem+json; charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify(body));
}

const pathOf = (url) => (url ?? '/').split('?')[0];

/** How long a replica that refused a connection is passed over (a crashed process the runner starts again). */
const REFUSED_PAUSE_MS = 2_000;

/**
 * Round-robin over the replicas of one service (`TSUNAGU_REPLICAS`), as a Kubernetes Service spreads connections over
 * its pods. `next(now)` → the next target not paused; when every target is paused, the next one anyway (its 502 says
 * the service is down). `refused(target, now)` pauses a target whose process is gone until `now + pauseMs` — a pod
 * that stops being ready leaves the Service's endpoints the same way.
 */
function createBalancer(targets, { pauseMs = REFUSED_PAUSE_MS } = {}) {
  if (!targets.length) throw new Error('a balancer needs at least one target');
  const pausedUntil = new Map();
  let cursor = 0;
  return {
    next(now = Date.now()) {
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(cursor + i) % targets.length];
        if ((pausedUntil.get(target) ?? 0) <= now) {
          cursor = (cursor + i + 1) % targets.length;
          return target;
        }
      }
      const target = targets[cursor];
      cursor = (cursor + 1) % targets.length;
      return target;
    },
    refused(target, now = Date.now()) {
      if (targets.length > 1) pausedUntil.set(target, now + pauseMs);
    },
  };
}

const originOf = ({ host, port }) => `http://${host ?? '127.0.0.1'}:${port}`;

/**
 * Creates the edge (a Fastify instance, not yet listening: `await edge.listen({ port, host })`, `await edge.close()`).
 * options.upstreams: name → { host, port }, or a list of them (the replicas, balanced round-robin); 'idp' for the provider
 * options.staticDir: directory of the console build, used when it holds index.html
 * options.landing:  () => html string, served at / when there is no console build
 * options.publicPort: the port clients see (x-forwarded-port)
 * options.bodyLimit: largest request body forwarded (413 above it)
 * options.connectSources: extra CSP connect-src origins (an OIDC issuer on another origin)
 * options.consoleConfig: ({ origin }) => the console's runtime settings, served as /console-config.json (as the chart's
 *   ConfigMap is); without it that path is a 404 and the console uses its built-in defaults
 */
function createEdge({ upstreams, staticDir, landing, publicPort, bodyLimit = DEFAULT_BODY_LIMIT, connectSources = [], consoleConfig, log = () => undefined }) {
  const securityHeaders = consoleSecurityHeaders({ connectSources });
  const app = Fastify({
    logger: false,
    bodyLimit,
    keepAliveTimeout: 65_000,
    // Stopping the stack closes every connection at once (a browser's kept-alive ones too).
    forceCloseConnections: true,
    // Any path the router cannot decode is a 400 problem, not a thrown error.
    frameworkErrors: (error, request, reply) => {
      reply.headers(securityHeaders);
      return problem(reply, error.statusCode ?? 400, 'Bad Request', 'Malformed request', pathOf(request.raw.url));
    },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const hasConsole = () => Boolean(staticDir && fs.existsSync(path.join(staticDir, 'index.html')));

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const pathname = pathOf(request.raw.url);
    let decoded;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      decoded = undefined;
    }
    // No path of the stack contains a NUL or a control character, or cannot be decoded.
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
    if (decoded === undefined || /[\u0000-\u001f\u007f]/.test(decoded)) {
      reply.headers(securityHeaders);
      return problem(reply, 400, 'Bad Request', 'Malformed path', pathname);
    }
    const route = routeOf(pathname);
    if (route.kind !== 'static' && route.kind !== 'idp') {
      if (isInternalPath(pathname)) {
        reply.headers(securityHeaders);
        return problem(reply, 404, 'Not Found', 'Internal endpoints of the services are not served through the edge', pathname);
      }
    }
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > bodyLimit) {
      return problem(reply, 413, 'Content Too Large', `Request bodies are limited to ${bodyLimit} bytes`, pathname);
    }
    return undefined;
  });

  // Everything the edge answers itself carries the console's security headers; proxied answers carry the upstream's.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.config?.upstream) return payload;
    for (const [name, value] of Object.entries(securityHeaders)) if (!reply.hasHeader(name)) reply.header(name, value);
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    let status = Number.isInteger(error.statusCode) && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    // The static files answer 403 for paths outside the build (dot files, traversal): nothing is there.
    if (status === 403) status = 404;
    if (status >= 500) log(`edge: ${request.method} ${pathOf(request.raw.url)}: ${error.code ?? error.message}`);
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.destroy();
      return reply;
    }
    const title = status === 400 ? 'Bad Request' : status === 413 ? 'Content Too Large' : status < 500 ? 'Request refused' : 'Edge error';
    const detail = status === 404 ? 'Not found' : status < 500 ? error.message : 'The edge could not answer this request';
    return problem(reply, status, status === 404 ? 'Not Found' : title, detail, pathOf(request.raw.url));
  });

  app.setNotFoundHandler((request, reply) => {
    const pathname = pathOf(request.raw.url);
    const route = routeOf(pathname);
    if (route.kind === 'api') {
      const known = Object.keys(upstreams).filter((name) => name !== 'idp');
      return problem(
        reply,
        404,
        'Not Found',
        route.name ? `No service "${route.name}" in this stack (running: ${known.join(', ') || 'none'})` : 'Use /api/<service>/…',
        pathname,
      );
    }
    if (route.kind === 'idp') return problem(reply, 404, 'Not Found', 'The idp is not running in this stack', pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      reply.header('allow', 'GET, HEAD');
      return problem(reply, 405, 'Method Not Allowed', `${request.method} is not allowed here`, pathname);
    }
    if (!hasConsole()) {
      if (pathname !== '/' && pathname !== '/index.html') return problem(reply, 404, 'Not Found', `Nothing is served at ${pathname}`, pathname);
      const html = landing();
      // The landing page's own <style> blocks are allowed by their hashes, nothing else inline.
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => styleHash(match[1]));
      reply.headers(consoleSecurityHeaders({ connectSources, styleSources: styles }));
      return reply.code(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    }
    // SPA fallback: client-side routes get index.html; missing assets stay 404.
    if (path.extname(pathname) !== '' && !/\.html?$/.test(pathname)) return problem(reply, 404, 'Not Found', `No file ${pathname}`, pathname);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  if (consoleConfig) {
    // The origin the browser used (localhost or 127.0.0.1, any port): the console reads its OIDC settings from here.
    app.get('/console-config.json', async (request, reply) => {
      const host = request.headers.host ?? `localhost:${publicPort}`;
      if (!/^[A-Za-z0-9.:[\]-]{1,255}$/.test(host)) return problem(reply, 400, 'Bad Request', 'Malformed Host header', '/console-config.json');
      return reply.header('cache-control', 'no-store').header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(consoleConfig({ origin: `http://${host}` })));
    });
  }

  for (const [name, upstream] of Object.entries(upstreams)) {
    const prefix = name === 'idp' ? '/idp' : `/api/${name}`;
    const replicas = [].concat(upstream).map(originOf);
    // One replica: a fixed upstream, as before. Several: no fixed base, so reply-from's agent connects to the origin
    // the balancer picks per request (remembered on the request for onError).
    const balancer = replicas.length > 1 ? createBalancer(replicas) : undefined;
    const chosen = new WeakMap();
    app.register(httpProxy, {
      upstream: balancer ? '' : replicas[0],
      prefix,
      rewritePrefix: prefix,
      config: { upstream: name },
      // Locations and cookies are the upstream's own: its paths are already the public ones.
      internalRewriteLocationHeader: false,
      disableRequestLogging: true,
      undici: { connections: 128, pipelining: 1, keepAliveTimeout: 60_000 },
      replyOptions: {
        ...(balancer
          ? {
              getUpstream: (request) => {
                const origin = balancer.next();
                chosen.set(request, origin);
                return origin;
              },
            }
          : {}),
        rewriteRequestHeaders: (request, headers) => {
          // The edge is the first proxy: a client's own X-Forwarded-For is not evidence of anything (the services'
          // and the idp's per-client limits key on this header), so it is replaced, not appended to.
          const clientAddress = request.raw.socket.remoteAddress ?? '';
          return {
            ...headers,
            host: request.headers.host ?? `localhost:${publicPort}`,
            'x-forwarded-for': clientAddress,
            'x-forwarded-proto': 'http',
            'x-forwarded-host': request.headers.host ?? `localhost:${publicPort}`,
            'x-forwarded-port': String(publicPort),
            'x-request-id': String(request.id),
          };
        },
        rewriteHeaders: (headers, request) => {
          const out = stripHopByHop(headers);
          out['x-request-id'] ??= String(request.id);
          return out;
        },
        onError: (reply, { error }) => {
          const cause = error.cause ?? error;
          const code = cause.code ?? error.code ?? 'error';
          log(`edge: ${reply.request.method} ${pathOf(reply.request.raw.url)} → ${name}: ${code}`);
          if (balancer && code === 'ECONNREFUSED' && chosen.has(reply.request)) balancer.refused(chosen.get(reply.request));
          if (reply.sent || reply.raw.headersSent) {
            reply.raw.destroy();
            return;
          }
          // A service that refused a large body closes its connection while the client is still sending: answer,
          // and close the client's connection too (its unread body would otherwise stall the next request on it).
          const bodyUnread = !reply.request.raw.complete;
          if (bodyUnread) reply.header('connection', 'close');
          if (error.statusCode === 400) return problem(reply, 400, 'Bad Request', 'Malformed path', pathOf(reply.request.raw.url));
          const timeout = error.statusCode === 504;
          problem(
            reply,
            timeout ? 504 : 502,
            timeout ? 'Gateway Timeout' : 'Bad Gateway',
            timeout
              ? `The ${name} service did not answer in time.`
              : bodyUnread
                ? `The ${name} service closed the connection before reading the whole request body (${code}) — is the body larger than the service accepts?`
                : `The ${name} service is not reachable (${code}). Is it running? See the stack's log.`,
            pathOf(reply.request.raw.url),
          );
        },
      },
    });
  }

  app.register(fastifyStatic, {
    root: path.resolve(staticDir ?? path.join(__dirname, 'no-console-build')),
    // Read at request time: the console may be built after the edge starts.
    wildcard: true,
    index: ['index.html'],
    serveDotFiles: false,
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders: (reply, file) => {
      const immutable = /[\\/]assets[\\/]/.test(file) && !file.endsWith('.html');
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      // RFC 9239: JavaScript is text/javascript.
      if (/\.m?js$/.test(file)) reply.header('content-type', 'text/javascript; charset=utf-8');
    },
  });

  return app;
}

module.exports = { createEdge, createBalancer, routeOf, stripHopByHop, isInternalPath, consoleSecurityHeaders, DEFAULT_BODY_LIMIT };
