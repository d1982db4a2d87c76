import { DEMO_MUNICIPALITY } from '@tsunagu/demo-data';
import { SYSTEM_SESSION_OPTIONS } from '@tsunagu/platform-persistence';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { API, contactBody, expectProblem, SHAKYO, startOutreach, targetBody, type OutreachUnderTest } from './outreach-app';

/** The fingerprint the interceptor stores for a POST of `body` to `path`. */
function fingerprint(path: string, body: unknown): string {
  return createHash('sha256').update(`POST ${API}${path}\n${JSON.stringify(body)}`).digest('hex');
}

describe('outreach: Idempotency-Key on POSTs', () => {
  let outreach: OutreachUnderTest;

  beforeAll(async () => {
    outreach = await startOutreach();
  });
  afterAll(() => outreach.close());

  it('lets the assigned agency retry logging a visit without a second contact, and refuses the key for another request', async () => {
    const target = (await outreach.call('POST', '/targets', { body: targetBody({ assignedOrganizationId: SHAKYO }) })).body;
    const agency = await outreach.agencyToken(SHAKYO);
    const headers = { 'idempotency-key': 'visit-2026-11-26-1' };
    const first = await outreach.call('POST', `/targets/${target.id}/contacts`, { body: contactBody(), headers, token: agency });
    expect(first.status).toBe(201);
    const retry = await outreach.call('POST', `/targets/${target.id}/contacts`, { body: contactBody(), headers, token: agency });
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await outreach.call('GET', `/targets/${target.id}/contacts`, { token: agency })).body.total).toBe(1);

    const different = await outreach.call('POST', `/targets/${target.id}/contacts`, { body: contactBody({ result: 'met' }), headers, token: agency });
    expectProblem(different, 409);
    expect(different.body.errors['Idempotency-Key']).toBeDefined();
    expectProblem(await outreach.call('POST', '/targets', { body: targetBody(), headers: { 'idempotency-key': 'bad key with spaces' } }), 400);
  });

  describe('whatever fails, a key ends up with one committed write', () => {
    let sql: Client;
    const targets = async () => (await outreach.call('GET', '/targets?perPage=1')).body.total as number;
    const reserve = (client: Client, key: string, body: unknown, status: number | null, age = '0 seconds') =>
      client.query(
        `insert into outreach.idempotency_key (municipality, subject, key, fingerprint, status, created_at) values ($1, 'outreach-1', $2, $3, $4, now() - $5::interval)`,
        [DEMO_MUNICIPALITY.lgCode, key, fingerprint('/targets', body), status, age],
      );

    beforeAll(async () => {
      // As the operator: system work under row-level security.
      sql = new Client({ connectionString: outreach.database.url, options: SYSTEM_SESSION_OPTIONS });
      await sql.connect();
    });
    afterAll(() => sql.end());

    it('takes over the key of a request whose process died mid-transaction, and runs the handler once', async () => {
      const body = targetBody();
      const holder = new Client({ connectionString: outreach.database.url, options: SYSTEM_SESSION_OPTIONS });
      await holder.connect();
      holder.on('error', () => undefined);
      const before = await targets();
      // The holder reserved the key in its transaction, as the interceptor does, and then its process is killed.
      await holder.query('begin');
      await reserve(holder, 'killed-holder', body, null);
      const { rows } = await holder.query<{ pid: number }>('select pg_backend_pid() as pid');
      const retry = outreach.call('POST', '/targets', { body, headers: { 'idempotency-key': 'killed-holder' } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sql.query('select pg_terminate_backend($1)', [rows[0].pid]);
      const first = await retry;
      expect(first.status).toBe(201);
      expect(await targets()).toBe(before + 1);
      const replay = await outreach.call('POST', '/targets', { body, headers: { 'idempotency-key': 'killed-holder' } });
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(await targets()).toBe(before + 1);
      await holder.end().catch(() => undefined);
    });

    it('takes over a reservation left "in progress" by the previous protocol once its lease expired, and refuses a fresh one with 409', async () => {
      const body = targetBody();
      const before = await targets();
      // Measured on the previous protocol: a SIGKILL left such a row, and replays got 409 for 24 hours.
      await reserve(sql, 'stuck-12-minutes', body, null, '12 minutes');
      const replay = await outreach.call('POST', '/targets', { body, headers: { 'idempotency-key': 'stuck-12-minutes' } });
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBeUndefined();
      expect(await targets()).toBe(before + 1);

      await reserve(sql, 'still-running', body, null, '5 seconds');
      const busy = await outreach.call('POST', '/targets', { body, headers: { 'idempotency-key': 'still-running' } });
      expectProblem(busy, 409);
      expect(busy.body.detail).toMatch(/still being processed/);
      expect(await targets()).toBe(before + 1);
    });

    it('runs a request again whose key is past its 24 hours, whether or not the expired key was purged yet', async () => {
      const body = targetBody();
      const before = await targets();
      await sql.query(
        `insert into outreach.idempotency_key (municipality, subject, key, fingerprint, status, response, created_at) values ($1, 'outreach-1', 'yesterday', $2, 201, '{"id":"01900000-0000-7000-8000-0000000000aa"}', now() - interval '25 hours')`,
        [DEMO_MUNICIPALITY.lgCode, fingerprint('/targets', body)],
      );
      const again = await outreach.call('POST', '/targets', { body, headers: { 'idempotency-key': 'yesterday' } });
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBeUndefined();
      expect(again.body.id).not.toBe('01900000-0000-7000-8000-0000000000aa');
      expect(await targets()).toBe(before + 1);
      const { rows } = await sql.query(`select status, response->>'id' as id, created_at > now() - interval '1 minute' as fresh from outreach.idempotency_key where key = 'yesterday'`);
      expect(rows).toEqual([{ status: 201, id: again.body.id, fresh: true }]);
      // And it is a key like any other again: the retry replays the new response.
      const retry = await outreach.call('POST', '/targets', { body, headers: { 'idempotency-key': 'yesterday' } });
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(again.body);
    });

    it('lets concurrent requests with one key write once, all answering the same status and body', async () => {
      const body = targetBody();
      const before = await targets();
      const replies = await Promise.all(Array.from({ length: 6 }, () => outreach.call('POST', '/targets', { body, headers: { 'idempotency-key': 'six-at-once' } })));
      expect(replies.map((reply) => reply.status)).toEqual(Array(6).fill(201));
      for (const reply of replies) expect(reply.body).toEqual(replies[0].body);
      expect(replies.filter((reply) => reply.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
      expect(await targets()).toBe(before + 1);
      const { rows } = await sql.query(`select status from outreach.idempotency_key where key = 'six-at-once'`);
      expect(rows).toEqual([{ status: 201 }]);
    });

    it('keeps nothing of a request that failed: neither the key nor a write', async () => {
      const body = targetBody({ personId: '01900000-0000-7000-8000-00000000dead' });
      const before = await targets();
      const failed = await outreach.call('POST', '/targets', { body, headers: { 'idempotency-key': 'fails-once' } });
      expect(failed.status).toBeGreaterThanOrEqual(400);
      expect((await sql.query(`select 1 from outreach.idempotency_key where key = 'fails-once'`)).rows).toHaveLength(0);
      expect(await targets()).toBe(before);
    });
  });
});
