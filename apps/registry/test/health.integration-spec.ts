import { startRegistry, type RegistryUnderTest } from './registry-app';

describe('health endpoints', () => {
  let registry: RegistryUnderTest;

  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry.close());

  it('answers liveness and readiness without a token, readiness checking the database and NATS', async () => {
    const live = await registry.call('GET', '/healthz', { token: null });
    expect(live.status).toBe(200);
    const ready = await registry.call('GET', '/readyz', { token: null });
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ database: { status: 'up' }, nats: { status: 'up' } });
  });

  it('reports not ready when the database is unreachable', async () => {
    await registry.orm.close(true);
    const ready = await registry.call('GET', '/readyz', { token: null });
    expect(ready.status).toBe(503);
    expect(ready.body.checks.database.status).toBe('down');
    // A request that needs the database meanwhile: 503 with Retry-After (nothing saved, retry as is), never 500.
    for (const reply of [await registry.call('GET', '/districts'), await registry.call('GET', `/community-resources?q=${encodeURIComponent('公民館')}`)]) {
      expect(reply.status).toBe(503);
      expect(reply.headers['content-type']).toContain('application/problem+json');
      expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0);
      expect(reply.body.errorId).toBeUndefined();
    }
    await registry.orm.connect();
  });

  it('exposes Prometheus metrics with request latency by route template at the port root, outside /api', async () => {
    await registry.call('GET', '/districts');
    const metrics = await registry.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/api/registry/districts"');
    // The Ingress and the local edge route only /api/<service>/: metrics and Swagger never appear there.
    for (const path of ['/metrics', '/docs', '/openapi.json']) expect((await registry.call('GET', path, { token: null })).status).toBe(404);
  });
});
