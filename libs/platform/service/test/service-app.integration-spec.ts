import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, platformVariables } from '@tsunagu/platform-config';
import { loggerParams } from '@tsunagu/platform-observability';
import { TenantContext } from '@tsunagu/platform-context';
import { injectJson } from '@tsunagu/platform-testing';
import { DateProperty, ListQuery, Public } from '@tsunagu/platform-http';
import { closeServiceApp, createServiceApp, HealthModule } from '../src';

class Address {
  @ApiProperty() @IsString() @MaxLength(200) line!: string;
}

class Resident {
  @ApiProperty() @IsString() @MaxLength(200) name!: string;
  @ApiProperty() @IsOptional() @DateProperty() birthDate?: string;
  @ApiProperty() @IsOptional() @ValidateNested() @Type(() => Address) address?: Address;
}

@Public()
@Controller('residents')
class ResidentsController {
  @Get()
  list(@Query() query: ListQuery): { page: number } {
    return { page: query.page ?? 1 };
  }

  /** A request that is still running when the service starts to close. */
  @Get('slow')
  async slow(): Promise<{ done: boolean }> {
    await new Promise((resolve) => setTimeout(resolve, 400));
    return { done: true };
  }

  @Get('request-id')
  requestId(): { requestId: string | undefined } {
    return { requestId: TenantContext.requestId() };
  }

  @Post()
  create(@Body() resident: Resident): Resident {
    return resident;
  }
}

@Module({ controllers: [ResidentsController] })
class ResidentsModule {}

async function boot(env: Record<string, string>): Promise<NestFastifyApplication> {
  @Module({ imports: [ConfigModule.forRoot(platformVariables, { DATABASE_URL: 'postgres://unused@127.0.0.1:1/none', NATS_URL: 'nats://127.0.0.1:1', OIDC_ISSUER: 'http://127.0.0.1:1/idp', ...env }), LoggerModule.forRoot(loggerParams('probe', 'silent')), HealthModule, ResidentsModule] })
  class TestModule {}
  const app = await createServiceApp(TestModule, { service: 'probe', title: 'probe', description: 'probe' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('createServiceApp: what every service answers at its edges', () => {
  let app: NestFastifyApplication;
  const call = (method: 'GET' | 'POST', url: string, options: Parameters<typeof injectJson>[3] = {}) => injectJson(app, method, `/api/probe${url}`, options);

  beforeAll(async () => {
    app = await boot({ HTTP_RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(() => app.close());

  it('refuses NUL and unpaired surrogates in body fields, queries and path parameters, naming the field', async () => {
    const nul = await call('POST', '/residents', { body: { name: '山田\u0000太郎', address: { line: 'x\uD800' } } });
    expect(nul.status).toBe(400);
    expect(nul.headers['content-type']).toContain('application/problem+json');
    expect(Object.keys(nul.body.errors).sort()).toEqual(['address.line', 'name']);
    expect(nul.text).not.toContain('山田');
    const query = await call('GET', '/residents?q=%00');
    expect(query.status).toBe(400);
    expect(query.body.errors.q).toMatch(/NUL/);
    // 外字 and an ideographic variation sequence are text like any other.
    expect((await call('POST', '/residents', { body: { name: '\uE000葛\uDB40\uDD00城' } })).status).toBe(201);
  });

  it('refuses impossible dates, huge pages and JSON nested beyond the limit with 400', async () => {
    const date = await call('POST', '/residents', { body: { name: 'x', birthDate: '1990-02-30' } });
    expect(date.status).toBe(400);
    expect(date.body.errors.birthDate).toMatch(/real date/);
    for (const page of ['1e18', '99999999999999999999', '10001', '0x10', '-1']) {
      const reply = await call('GET', `/residents?page=${page}`);
      expect(reply.status).toBe(400);
      expect(reply.body.errors.page).toBeDefined();
    }
    expect((await call('GET', '/residents?page=10000')).body).toEqual({ page: 10000 });
    const deep = await call('POST', '/residents', { raw: `${'['.repeat(10_000)}${']'.repeat(10_000)}` });
    expect(deep.status).toBe(400);
    expect(deep.body.errors.body).toMatch(/nested deeper/);
    const huge = await call('POST', '/residents', { raw: '{"name":"x","n":1e400}' });
    expect(huge.status).toBe(400);
  });

  it('sends security headers: nosniff, no-store, a CSP that forbids everything on API answers', async () => {
    const reply = await call('GET', '/residents');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(reply.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps a client request id only when it is a short safe token', async () => {
    const kept = await call('GET', '/residents/request-id', { headers: { 'x-request-id': 'agency-42.7' } });
    expect(kept.body.requestId).toBe('agency-42.7');
    const replaced = await call('GET', '/residents/request-id', { headers: { 'x-request-id': `<script>${'x'.repeat(5000)}` } });
    expect(replaced.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves metrics and Swagger at the port root, never under /api/<service>/', async () => {
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
    for (const path of ['/metrics', '/docs', '/openapi.json']) expect((await call('GET', path)).status).toBe(404);
  });
});

describe('createServiceApp: rate limit per client address', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await boot({ HTTP_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => app.close());

  it('answers 429 problem+json with Retry-After past the limit, per client address', async () => {
    const from = (address: string) => injectJson(app, 'GET', '/api/probe/residents', { headers: { 'x-forwarded-for': address } });
    for (let index = 0; index < 3; index++) expect((await from('203.0.113.7')).status).toBe(200);
    const limited = await from('203.0.113.7');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.code).toBe('too-many-requests');
    expect((await from('198.51.100.9')).status).toBe(200);
  });
});

describe('closeServiceApp: a stopping service', () => {
  /** A service listening on a free port, and the URL of one of its paths. */
  const listening = async () => {
    const app = await boot({ HTTP_RATE_LIMIT_PER_MINUTE: '0' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.getHttpServer().address() as { port: number };
    return { app, url: (path: string) => `http://127.0.0.1:${port}/api/probe${path}` };
  };

  it('lets a running request finish, then closes the keep-alive connections a client holds open at once', async () => {
    const { app, url } = await listening();
    // fetch keeps its connections alive in a pool, as the edge and ingress controllers do.
    for (let index = 0; index < 3; index++) expect((await fetch(url('/residents'))).status).toBe(200);
    const running = fetch(url('/residents/slow')).then(async (response) => ({ status: response.status, body: await response.json() }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await closeServiceApp(app, 'test', 5_000);
    const closedAfterMs = Date.now() - started;
    expect(await running).toEqual({ status: 200, body: { done: true } });
    // Before, the server waited for the pool's idle connections until it was killed; now it closes when the request ends.
    expect(closedAfterMs).toBeLessThan(2_000);
  });

  it('cuts a request that outlives the timeout', async () => {
    const { app, url } = await listening();
    const running = fetch(url('/residents/slow')).then(
      (response) => response.status,
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await closeServiceApp(app, 'test', 50);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await running).toBe('cut');
  });
});
