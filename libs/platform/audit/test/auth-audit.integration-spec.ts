import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { DEMO_ORGANIZATIONS, OTHER_MUNICIPALITY } from '@tsunagu/demo-data';
import { TenantContext } from '@tsunagu/platform-context';
import { createTestDatabase, startTestIssuer, type TestDatabase, type TestIssuer, type TestTokenOptions } from '@tsunagu/platform-testing';
import { AuditSealer, AuditService, type AuditRecord, type ChainVerification } from '../src';
import { migrate, SERVICE, SEALS_OF_RECORD_SQL, startTestApp, UNSEALED_COUNT_SQL } from './test-app';

const HOUKATSU = DEMO_ORGANIZATIONS.communityCareCentre.id;
const SOCIAL_WELFARE_COUNCIL = DEMO_ORGANIZATIONS.socialWelfareCouncil.id;

describe('auth and audit on a service (real PostgreSQL)', () => {
  let database: TestDatabase;
  let issuer: TestIssuer;
  let app: NestFastifyApplication;
  let sql: Client;

  const token = (options: TestTokenOptions = {}) => issuer.token(options);
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, options: { token?: string; body?: unknown; requestId?: string } = {}) => {
    const response = await app.inject({
      method,
      url,
      headers: {
        'x-request-id': options.requestId ?? randomUUID(),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(options.body ? { payload: JSON.stringify(options.body) } : {}),
    });
    return { status: response.statusCode, headers: response.headers, body: response.body ? JSON.parse(response.body) : undefined };
  };
  const auditRows = async (requestId: string) =>
    (await sql.query(`select * from ${SERVICE}.audit_record where request_id = $1`, [requestId])).rows as Record<string, unknown>[];
  const seal = () => app.get(AuditSealer).sealNow();
  const verify = async (): Promise<ChainVerification> => (await call('GET', `/api/${SERVICE}/audit-records/verify`, { token: await token({ roles: ['auditor'] }) })).body;
  /** As someone who controls the database: the append-only trigger of `table` (audit_record or audit_seal) off for one statement. */
  const asSuperuser = async (statement: string, params: unknown[] = [], table = 'audit_record') => {
    await sql.query('begin');
    await sql.query(`alter table ${SERVICE}.${table} disable trigger ${table}_append_only`);
    await sql.query(statement, params);
    await sql.query(`alter table ${SERVICE}.${table} enable trigger ${table}_append_only`);
    await sql.query('commit');
  };

  let takamatsuNote: string;
  let houkatsuNote: string;

  beforeAll(async () => {
    database = await createTestDatabase('audit');
    await migrate(database.url);
    issuer = await startTestIssuer();
    app = await startTestApp({ databaseUrl: database.url, issuer: issuer.issuer });
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await issuer?.stop();
    await database?.drop();
  });

  describe('authentication (401)', () => {
    it('refuses a request without a token with problem+json and WWW-Authenticate', async () => {
      const response = await call('GET', `/api/${SERVICE}/notes`);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.body).toMatchObject({ status: 401, code: 'unauthenticated' });
    });

    it.each<[string, TestTokenOptions]>([
      ['expired', { roles: ['caseworker'], expiresIn: -120 }],
      ['forged (signed with another key)', { roles: ['caseworker'], key: 'foreign' }],
      ['for another audience', { roles: ['caseworker'], audience: 'someone-else' }],
      ['from another issuer', { roles: ['caseworker'], issuer: 'https://idp.evil.example' }],
      ['without a municipality', { roles: ['caseworker'], municipality: null }],
    ])('refuses a token that is %s', async (_case, options) => {
      const response = await call('GET', `/api/${SERVICE}/notes`, { token: await token(options) });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('unauthenticated');
    });

    it('refuses a malformed Authorization header', async () => {
      const response = await app.inject({ method: 'GET', url: `/api/${SERVICE}/notes`, headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      expect(response.statusCode).toBe(401);
    });

    it('lets public routes through without a token', async () => {
      const response = await call('GET', `/api/${SERVICE}/ping`);
      expect(response).toMatchObject({ status: 200, body: { pong: true } });
    });
  });

  describe('authorization', () => {
    it('answers 403 naming the roles a route needs', async () => {
      const response = await call('GET', `/api/${SERVICE}/notes`, { token: await token({ roles: ['analyst'] }) });
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.detail).toContain('caseworker, admin, agency');
      expect(response.body.requiredRoles).toEqual(['caseworker', 'admin', 'agency']);
    });

    it('lets a method-level @Roles replace the controller list', async () => {
      const response = await call('POST', `/api/${SERVICE}/notes`, { token: await token({ roles: ['agency'], agency: HOUKATSU }), body: { title: 'x' } });
      expect(response.status).toBe(403);
      expect(response.body.requiredRoles).toEqual(['caseworker', 'admin']);
    });

    it('creates records in the caller municipality', async () => {
      const caseworker = await token({ roles: ['caseworker'], subject: 'cw-1' });
      const first = await call('POST', `/api/${SERVICE}/notes`, { token: caseworker, body: { title: '相談メモ' } });
      expect(first.status).toBe(201);
      expect(first.body.municipality).toBe('372013');
      takamatsuNote = first.body.id;
      const second = await call('POST', `/api/${SERVICE}/notes`, { token: caseworker, body: { title: '包括への連絡', agency: HOUKATSU } });
      houkatsuNote = second.body.id;
      await call('POST', `/api/${SERVICE}/notes`, { token: caseworker, body: { title: '社協への連絡', agency: SOCIAL_WELFARE_COUNCIL } });
    });

    it('never shows another municipality its rows: list is empty and get by id is 404, not 403', async () => {
      const other = await token({ roles: ['caseworker', 'admin'], municipality: OTHER_MUNICIPALITY.lgCode });
      const list = await call('GET', `/api/${SERVICE}/notes`, { token: other });
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ items: [], total: 0 });
      const get = await call('GET', `/api/${SERVICE}/notes/${takamatsuNote}`, { token: other });
      expect(get.status).toBe(404);
      const update = await call('PATCH', `/api/${SERVICE}/notes/${takamatsuNote}`, { token: other, body: { title: '改ざん' } });
      expect(update.status).toBe(404);
      const own = await call('GET', `/api/${SERVICE}/notes/${takamatsuNote}`, { token: await token({ roles: ['caseworker'] }) });
      expect(own.body.title).toBe('相談メモ');
    });

    it('limits agency callers to records that involve their organisation', async () => {
      const agency = await token({ client: true, clientId: 'agency-houkatsu', roles: ['agency'], agency: HOUKATSU });
      const list = await call('GET', `/api/${SERVICE}/notes`, { token: agency });
      expect(list.body.items.map((note: { id: string }) => note.id)).toEqual([houkatsuNote]);
      expect((await call('GET', `/api/${SERVICE}/notes/${houkatsuNote}`, { token: agency })).status).toBe(200);
      expect((await call('GET', `/api/${SERVICE}/notes/${takamatsuNote}`, { token: agency })).status).toBe(404);
    });

    it('fails closed when the issuer keys cannot be fetched', async () => {
      const down = await startTestIssuer();
      const downApp = await startTestApp({ databaseUrl: database.url, issuer: down.issuer });
      try {
        const valid = await down.token({ roles: ['admin'] });
        await down.stop();
        const response = await downApp.inject({ method: 'GET', url: `/api/${SERVICE}/notes`, headers: { authorization: `Bearer ${valid}` } });
        expect(response.statusCode).toBe(503);
        expect(JSON.parse(response.body).code).toBe('upstream-unavailable');
      } finally {
        await downApp.close();
      }
    });
  });

  describe('audit trail', () => {
    it('writes exactly one record per request with who, what, which record and the outcome', async () => {
      const requestId = randomUUID();
      await call('GET', `/api/${SERVICE}/notes/${takamatsuNote}`, { token: await token({ roles: ['caseworker'], subject: 'cw-7' }), requestId });
      const [row, ...more] = await auditRows(requestId);
      expect(more).toHaveLength(0);
      expect(row).toMatchObject({
        actor: 'cw-7',
        roles: ['caseworker'],
        municipality: '372013',
        client: false,
        action: 'read',
        resource_type: 'Note',
        resource_id: takamatsuNote,
        outcome: 'success',
        http_status: 200,
        request_id: requestId,
      });
    });

    it('audits lists, creates (with the new id), updates and every kind of denial', async () => {
      const ids = Array.from({ length: 7 }, () => randomUUID());
      const caseworker = await token({ roles: ['caseworker'], subject: 'cw-8' });
      const list = await call('GET', `/api/${SERVICE}/notes`, { token: caseworker, requestId: ids[0] });
      const created = await call('POST', `/api/${SERVICE}/notes`, { token: caseworker, body: { title: '新規' }, requestId: ids[1] });
      await call('PATCH', `/api/${SERVICE}/notes/${created.body.id}`, { token: caseworker, body: { title: '更新' }, requestId: ids[2] });
      await call('GET', `/api/${SERVICE}/notes`, { requestId: ids[3] });
      await call('GET', `/api/${SERVICE}/notes`, { token: await token({ roles: ['analyst'], subject: 'an-1' }), requestId: ids[4] });
      await call('GET', `/api/${SERVICE}/notes/${takamatsuNote}`, {
        token: await token({ roles: ['caseworker'], municipality: OTHER_MUNICIPALITY.lgCode, subject: 'other-1' }),
        requestId: ids[5],
      });
      await call('POST', `/api/${SERVICE}/notes`, { token: caseworker, body: { title: 'x', unknownField: 1 }, requestId: ids[6] });
      expect(list.status).toBe(200);
      const rows = await Promise.all(ids.map(auditRows));
      expect(rows.map((found) => found.length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
      const pick = (index: number) => {
        const { actor, action, resource_id, outcome, http_status, municipality } = rows[index][0];
        return { actor, action, resource_id, outcome, http_status, municipality };
      };
      expect(pick(0)).toEqual({ actor: 'cw-8', action: 'list', resource_id: null, outcome: 'success', http_status: 200, municipality: '372013' });
      expect(pick(1)).toEqual({ actor: 'cw-8', action: 'create', resource_id: created.body.id, outcome: 'success', http_status: 201, municipality: '372013' });
      expect(pick(2)).toEqual({ actor: 'cw-8', action: 'update', resource_id: created.body.id, outcome: 'success', http_status: 200, municipality: '372013' });
      expect(pick(3)).toEqual({ actor: null, action: 'list', resource_id: null, outcome: 'denied', http_status: 401, municipality: null });
      expect(pick(4)).toEqual({ actor: 'an-1', action: 'list', resource_id: null, outcome: 'denied', http_status: 403, municipality: '372013' });
      expect(pick(5)).toEqual({ actor: 'other-1', action: 'read', resource_id: takamatsuNote, outcome: 'denied', http_status: 404, municipality: '372021' });
      expect(pick(6)).toEqual({ actor: 'cw-8', action: 'create', resource_id: null, outcome: 'error', http_status: 400, municipality: '372013' });
    });

    it('does not audit routes that are not @Audited', async () => {
      const requestId = randomUUID();
      await call('GET', `/api/${SERVICE}/ping`, { requestId });
      expect(await auditRows(requestId)).toHaveLength(0);
    });

    it('serves auditors the trail of their municipality with filters and paging, and audits that too', async () => {
      await seal();
      const auditor = await token({ roles: ['auditor'], subject: 'au-1' });
      const requestId = randomUUID();
      const page = await call('GET', `/api/${SERVICE}/audit-records?resourceType=Note&action=read&outcome=success&perPage=2&sort=-seq`, {
        token: auditor,
        requestId,
      });
      expect(page.status).toBe(200);
      expect(page.body.perPage).toBe(2);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      expect(page.body.total).toBeGreaterThanOrEqual(2);
      for (const record of page.body.items as AuditRecord[]) {
        expect(record).toMatchObject({ resourceType: 'Note', action: 'read', outcome: 'success', municipality: '372013' });
        expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
      }
      const byActor = await call('GET', `/api/${SERVICE}/audit-records?actor=other-1`, { token: auditor });
      expect(byActor.body.total).toBe(0); // another municipality's caller is not in this municipality's trail
      const window = await call('GET', `/api/${SERVICE}/audit-records?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z`, { token: auditor });
      expect(window.body.total).toBe(0);
      expect(await auditRows(requestId)).toEqual([expect.objectContaining({ resource_type: 'AuditRecord', action: 'list', actor: 'au-1' })]);
      const forbidden = await call('GET', `/api/${SERVICE}/audit-records`, { token: await token({ roles: ['caseworker'] }) });
      expect(forbidden.status).toBe(403);
      // Supervisors read it per person (subjectId); see apps/intake/test/emergency-access.integration-spec.ts.
      expect(forbidden.body.requiredRoles).toEqual(['auditor', 'admin', 'supervisor']);
    });

    it('verifies the chain it has written', async () => {
      expect(await seal()).toMatchObject({ leader: true, sealed: expect.any(Number) });
      expect((await sql.query(UNSEALED_COUNT_SQL)).rows[0].n).toBe(0);
      const result = await verify();
      expect(result).toMatchObject({ valid: true, unsealedCount: 0, seqGaps: [] });
      expect(result.checked).toBeGreaterThan(10);
      expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('keeps one unforked chain under 50 concurrent appends', async () => {
      const service = app.get(AuditService);
      const before = Number((await sql.query(`select count(*) from ${SERVICE}.audit_record`)).rows[0].count);
      await TenantContext.runAsSystem('372013', () =>
        Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            service.record({ action: 'export', resourceType: 'Note', resourceId: `batch-${i}`, outcome: 'success', actor: 'batch-job' }),
          ),
        ),
      );
      const caseworker = await token({ roles: ['caseworker'] });
      await Promise.all(Array.from({ length: 20 }, () => call('GET', `/api/${SERVICE}/notes`, { token: caseworker })));
      expect(Number((await sql.query(`select count(*) from ${SERVICE}.audit_record`)).rows[0].count)).toBe(before + 70);
      await seal();
      const { rows } = await sql.query(
        `select count(*)::int as total, count(distinct prev_hash)::int as links, max(chain_pos)::int as head from ${SERVICE}.audit_seal`,
      );
      expect(rows[0].total).toBeGreaterThanOrEqual(before + 70);
      expect(rows[0].links).toBe(rows[0].total);
      expect(rows[0].head).toBe(rows[0].total);
      expect(await verify()).toMatchObject({ valid: true });
    });

    it('refuses UPDATE, DELETE and TRUNCATE of audit rows and their seals, even to the table owner', async () => {
      await seal();
      await expect(sql.query(`update ${SERVICE}.audit_record set actor = 'someone-else'`)).rejects.toThrow(/append-only/);
      // Seals (ADR 0028): inserted once by the sealer, never changed or removed.
      await expect(sql.query(`update ${SERVICE}.audit_seal set hash = repeat('a', 64) where chain_pos = 1`)).rejects.toThrow(/append-only/);
      await expect(sql.query(`update ${SERVICE}.audit_seal set gap = '{}'::jsonb where chain_pos = 1`)).rejects.toThrow(/append-only/);
      await expect(sql.query(`delete from ${SERVICE}.audit_seal where chain_pos = 1`)).rejects.toThrow(/append-only/);
      await expect(sql.query(`truncate ${SERVICE}.audit_seal`)).rejects.toThrow(/append-only/);
      // An unsealed record: no update passes the trigger (sealing no longer writes the record).
      const requestId = randomUUID();
      await call('GET', `/api/${SERVICE}/notes`, { token: await token({ roles: ['caseworker'] }), requestId });
      const [unsealed] = await auditRows(requestId);
      expect((await sql.query(SEALS_OF_RECORD_SQL, [unsealed.seq])).rows[0].n).toBe(0);
      await expect(sql.query(`update ${SERVICE}.audit_record set outcome = 'denied' where seq = $1`, [unsealed.seq])).rejects.toThrow(/append-only/);
      await expect(sql.query(`delete from ${SERVICE}.audit_record where seq = $1`, [unsealed.seq])).rejects.toThrow(/append-only/);
      await expect(sql.query(`delete from ${SERVICE}.audit_record where seq = 1`)).rejects.toThrow(/append-only/);
      await expect(sql.query(`truncate ${SERVICE}.audit_record`)).rejects.toThrow(/append-only/);
      await expect(sql.query(`truncate ${SERVICE}.audit_checkpoint`)).rejects.toThrow(/append-only/);
    });

    it('detects a changed field at its seq', async () => {
      const { rows } = await sql.query(`select seq::int as seq, actor from ${SERVICE}.audit_record where action = 'read' order by seq limit 1`);
      const { seq, actor } = rows[0];
      await asSuperuser(`update ${SERVICE}.audit_record set actor = 'innocent' where seq = $1`, [seq]);
      expect(await verify()).toMatchObject({ valid: false, firstInvalidSeq: seq, reason: expect.stringMatching(/changed/) });
      await asSuperuser(`update ${SERVICE}.audit_record set actor = $2 where seq = $1`, [seq, actor]);
      expect(await verify()).toMatchObject({ valid: true });
    });

    it('detects a deleted middle row at the next seq', async () => {
      const { rows } = await sql.query(`select * from ${SERVICE}.audit_record order by seq offset 5 limit 2`);
      const [removed, next] = rows;
      await asSuperuser(`delete from ${SERVICE}.audit_record where seq = $1`, [removed.seq]);
      expect(await verify()).toMatchObject({ valid: false, firstInvalidSeq: Number(next.seq), reason: expect.stringMatching(/deleted, inserted or reordered/) });
      const columns = Object.keys(removed);
      await sql.query(
        `insert into ${SERVICE}.audit_record (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((column) => removed[column]),
      );
      expect(await verify()).toMatchObject({ valid: true });
    });

    it('detects two rows swapped (reordered)', async () => {
      const { rows } = await sql.query(`select seq::int as seq, chain_pos::int as pos from ${SERVICE}.audit_seal order by seq offset 3 limit 2`);
      const [a, b] = rows.map((row) => row.seq);
      await asSuperuser(`update ${SERVICE}.audit_record set seq = -1 where seq = $1`, [a]);
      await asSuperuser(`update ${SERVICE}.audit_record set seq = $1 where seq = $2`, [a, b]);
      await asSuperuser(`update ${SERVICE}.audit_record set seq = $1 where seq = -1`, [b]);
      // The chain is walked by position: the record now at a's position carries b's seq, so its hash no longer matches.
      expect(await verify()).toMatchObject({ valid: false, firstInvalidChainPos: rows[0].pos });
      await asSuperuser(`update ${SERVICE}.audit_record set seq = -1 where seq = $1`, [a]);
      await asSuperuser(`update ${SERVICE}.audit_record set seq = $1 where seq = $2`, [a, b]);
      await asSuperuser(`update ${SERVICE}.audit_record set seq = $1 where seq = -1`, [b]);
      expect(await verify()).toMatchObject({ valid: true });
    });

    it('detects two rows swapped by chain position', async () => {
      const { rows } = await sql.query(`select chain_pos::int as pos from ${SERVICE}.audit_seal order by chain_pos offset 4 limit 2`);
      const [a, b] = rows.map((row) => row.pos);
      const swap = async () => {
        await asSuperuser(`update ${SERVICE}.audit_seal set chain_pos = -1 where chain_pos = $1`, [a], 'audit_seal');
        await asSuperuser(`update ${SERVICE}.audit_seal set chain_pos = $1 where chain_pos = $2`, [a, b], 'audit_seal');
        await asSuperuser(`update ${SERVICE}.audit_seal set chain_pos = $1 where chain_pos = -1`, [b], 'audit_seal');
      };
      await swap();
      expect(await verify()).toMatchObject({ valid: false, firstInvalidChainPos: a, reason: expect.stringMatching(/deleted, inserted or reordered/) });
      await swap();
      expect(await verify()).toMatchObject({ valid: true });
    });

    it('signs checkpoints (admin only) and detects a truncated tail against them', async () => {
      await seal();
      const denied = await call('POST', `/api/${SERVICE}/audit-records/checkpoints`, { token: await token({ roles: ['auditor'] }) });
      expect(denied.status).toBe(403);
      const created = await call('POST', `/api/${SERVICE}/audit-records/checkpoints`, { token: await token({ roles: ['admin'] }) });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ seq: expect.any(Number), headHash: expect.stringMatching(/^[0-9a-f]{64}$/), signature: expect.any(String) });
      const intact = await verify();
      expect(intact).toMatchObject({ valid: true, checkpoint: { seq: created.body.seq, source: 'stored' } });
      await expect(sql.query(`delete from ${SERVICE}.audit_checkpoint`)).rejects.toThrow(/append-only/);

      // Someone with database control removes the newest records, chain still internally consistent.
      await asSuperuser(`delete from ${SERVICE}.audit_record where seq >= $1`, [created.body.seq - 1]);
      expect(await verify()).toMatchObject({ valid: false, firstInvalidSeq: created.body.seq, reason: expect.stringMatching(/truncated/) });

      // A checkpoint kept outside the system is checked the same way.
      const external = await call(
        'GET',
        `/api/${SERVICE}/audit-records/verify?checkpointSeq=${created.body.seq}&checkpointHash=${created.body.headHash}`,
        { token: await token({ roles: ['auditor'] }) },
      );
      expect(external.body).toMatchObject({ valid: false, firstInvalidSeq: created.body.seq, checkpoint: { source: 'supplied' } });
    });

    it('detects a forged checkpoint', async () => {
      await sql.query(
        `insert into ${SERVICE}.audit_checkpoint (chain_seq, head_hash, key_id, signature) select seq, hash, 'forged', 'not-a-signature' from ${SERVICE}.audit_seal order by chain_pos desc limit 1`,
      );
      expect(await verify()).toMatchObject({ valid: false, reason: expect.stringMatching(/checkpoint is not signed/) });
    });
  });
});
