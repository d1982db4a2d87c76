import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { register } from 'prom-client';
import { createTestDatabase, startTestIssuer, type TestDatabase, type TestIssuer } from '@tsunagu/platform-testing';
import { AuditSealer } from '../src';
import { migrate, SERVICE, startTestApp } from './test-app';

/** The gauge the chart's TsunaguAuditCheckpointAge alert reads, as Prometheus would scrape it. */
async function checkpointAge(): Promise<number> {
  const metric = await register.getSingleMetric('tsunagu_audit_checkpoint_age_seconds')?.get();
  return metric?.values[0]?.value ?? Number.NaN;
}

describe('tsunagu_audit_checkpoint_age_seconds (real PostgreSQL)', () => {
  let database: TestDatabase;
  let issuer: TestIssuer;
  let app: NestFastifyApplication;
  const post = async (url: string, token: string, body?: unknown) =>
    app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body ?? {}) });

  beforeAll(async () => {
    database = await createTestDatabase('audit_metrics');
    await migrate(database.url);
    issuer = await startTestIssuer();
    app = await startTestApp({ databaseUrl: database.url, issuer: issuer.issuer });
  });

  afterAll(async () => {
    await app?.close();
    await issuer?.stop();
    await database?.drop();
  });

  it('is 0 for an empty trail, counts from the oldest record no checkpoint covers, and drops at a checkpoint', async () => {
    expect(await checkpointAge()).toBe(0);

    const caseworker = await issuer.token({ roles: ['caseworker'] });
    expect((await post('/api/demo/notes', caseworker, { title: 'first' })).statusCode).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const unprotected = await checkpointAge();
    expect(unprotected).toBeGreaterThanOrEqual(1);

    // Checkpoints sign the sealed chain: seal now instead of waiting for the sealer's interval.
    await app.get(AuditSealer).sealNow();
    const admin = await issuer.token({ roles: ['admin'] });
    expect((await post(`/api/${SERVICE}/audit-records/checkpoints`, admin)).statusCode).toBe(201);
    const afterCheckpoint = await checkpointAge();
    // Only the checkpoint request's own audit record (written after the checkpoint) is left uncovered.
    expect(afterCheckpoint).toBeLessThan(1);
    expect(afterCheckpoint).toBeLessThan(unprotected);
  });
});
