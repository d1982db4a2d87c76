import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createTestDatabase, expectEventually, startTestIssuer, type TestDatabase, type TestIssuer, type TestTokenOptions } from '@tsunagu/platform-testing';
import { auditHash, AuditSealer, AuditService, GENESIS_HASH, type ChainVerification } from '../src';
import { CHECKPOINT_KEY, migrate, migrateToSealing, SERVICE, SEALS_OF_RECORD_SQL, startTestApp, UNSEALED_COUNT_SQL } from './test-app';

const ROOT = join(__dirname, '..', '..', '..', '..');

interface Stack {
  database: TestDatabase;
  sql: Client;
  apps: NestFastifyApplication[];
}

describe('audit records written in the business transaction and sealed after it (real PostgreSQL)', () => {
  let issuer: TestIssuer;
  const stacks: Stack[] = [];

  const token = (options: TestTokenOptions = {}) => issuer.token({ roles: ['caseworker'], ...options });
  const call = async (app: NestFastifyApplication, method: 'GET' | 'POST' | 'PATCH', url: string, options: { token?: string; body?: unknown } = {}) => {
    const response = await app.inject({
      method,
      url: `/api/${SERVICE}${url}`,
      headers: { 'x-request-id': randomUUID(), authorization: `Bearer ${options.token ?? (await token())}`, ...(options.body ? { 'content-type': 'application/json' } : {}) },
      ...(options.body ? { payload: JSON.stringify(options.body) } : {}),
    });
    return { status: response.statusCode, headers: response.headers, body: response.body ? JSON.parse(response.body) : undefined };
  };
  const verify = async (app: NestFastifyApplication): Promise<ChainVerification> => (await call(app, 'GET', '/audit-records/verify', { token: await token({ roles: ['auditor'] }) })).body;
  const sealer = (app: NestFastifyApplication) => app.get(AuditSealer);
  /** Seals until nothing committed is left (a gap may need its settle time). */
  const sealAll = async (app: NestFastifyApplication, sql: Client) =>
    expectEventually(async () => {
      await sealer(app).sealNow();
      expect((await sql.query(UNSEALED_COUNT_SQL)).rows[0].n).toBe(0);
    });

  /** A fresh database with the demo schema and `replicas` apps on it. */
  const stack = async (replicas = 1, config: Record<string, string> = {}, { migrated = true } = {}): Promise<Stack> => {
    const database = await createTestDatabase('audit_seal');
    if (migrated) await migrate(database.url);
    const sql = new Client({ connectionString: database.url });
    await sql.connect();
    const apps: NestFastifyApplication[] = [];
    for (let i = 0; i < replicas; i += 1) apps.push(await startTestApp({ databaseUrl: database.url, issuer: issuer.issuer, config }));
    const created = { database, sql, apps };
    stacks.push(created);
    return created;
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
  });

  afterAll(async () => {
    for (const { database, sql, apps } of stacks) {
      for (const app of apps) await app.close().catch(() => undefined);
      await sql.end().catch(() => undefined);
      await database.drop();
    }
    await issuer?.stop();
  });

  describe('writing', () => {
    let main: Stack;
    let app: NestFastifyApplication;
    const person = randomUUID();
    const otherPerson = randomUUID();

    beforeAll(async () => {
      main = await stack();
      app = main.apps[0];
    });

    const recordsOf = async (requestFilter: string, params: unknown[]) => (await main.sql.query(`select * from ${SERVICE}.audit_record where ${requestFilter} order by seq`, params)).rows;

    it('commits a write and its record together, with the created id and the person it is about, before the response', async () => {
      const created = await call(app, 'POST', '/notes', { body: { title: 'メモ', personId: person } });
      expect(created.status).toBe(201);
      const [record, ...more] = await recordsOf('resource_id = $1', [created.body.id]);
      expect(more).toHaveLength(0);
      expect(record).toMatchObject({ action: 'create', resource_type: 'Note', outcome: 'success', http_status: 201, subject_ids: [person] });
      // Sealed later, by the sealer: no seal yet.
      expect((await main.sql.query(SEALS_OF_RECORD_SQL, [record.seq])).rows[0].n).toBe(0);
    });

    it('rolls the record back with a failed change and records the failure afterwards', async () => {
      const created = await call(app, 'POST', '/notes', { body: { title: '元の題', personId: person } });
      const failed = await call(app, 'POST', `/notes/${created.body.id}/fail`);
      expect(failed.status).toBe(409);
      expect((await main.sql.query(`select title from ${SERVICE}.note where id = $1`, [created.body.id])).rows[0].title).toBe('元の題');
      const records = await recordsOf('resource_id = $1 and action = $2', [created.body.id, 'transition']);
      expect(records).toEqual([expect.objectContaining({ outcome: 'error', http_status: 409, subject_ids: [person] })]);
    });

    it('records a write that commits without an ORM transaction when the response is sent', async () => {
      const created = await call(app, 'POST', '/notes/raw', { body: { title: '直接', personId: otherPerson } });
      expect(created.status).toBe(201);
      expect(await recordsOf('resource_id = $1', [created.body.id])).toEqual([expect.objectContaining({ action: 'create', outcome: 'success', http_status: 201 })]);
    });

    it('lets auditors find every read, list and write that exposed a person (subjectId)', async () => {
      const auditor = await token({ roles: ['auditor'] });
      const created = await call(app, 'POST', '/notes', { body: { title: '見守り', personId: otherPerson } });
      await call(app, 'GET', `/notes/${created.body.id}`);
      await call(app, 'PATCH', `/notes/${created.body.id}`, { body: { title: '見守り（更新）' } });
      await call(app, 'GET', '/notes?perPage=100');
      const found = await call(app, 'GET', `/audit-records?subjectId=${otherPerson}&sort=seq&perPage=100`, { token: auditor });
      expect(found.status).toBe(200);
      expect(found.body.items.map((record: { action: string }) => record.action)).toEqual(['create', 'read', 'update', 'list']);
      for (const record of found.body.items) expect(record.subjectIds).toContain(otherPerson);
      const first = await call(app, 'GET', `/audit-records?subjectId=${person}&perPage=100`, { token: auditor });
      expect(first.body.items.map((record: { action: string }) => record.action).sort()).toEqual(['create', 'create', 'list', 'transition']);
      const unknown = await call(app, 'GET', `/audit-records?subjectId=${randomUUID()}`, { token: auditor });
      expect(unknown.body.total).toBe(0);
    });

    it('withholds a read it cannot record: 503 problem+json with Retry-After, no data', async () => {
      const created = await call(app, 'POST', '/notes', { body: { title: '秘匿', personId: person } });
      await main.sql.query(`alter table ${SERVICE}.audit_record add constraint refuse_reads check (action <> 'read') not valid`);
      try {
        const read = await call(app, 'GET', `/notes/${created.body.id}`);
        expect(read.status).toBe(503);
        expect(read.headers['content-type']).toContain('application/problem+json');
        expect(Number(read.headers['retry-after'])).toBeGreaterThan(0);
        expect(JSON.stringify(read.body)).not.toContain('秘匿');
      } finally {
        await main.sql.query(`alter table ${SERVICE}.audit_record drop constraint refuse_reads`);
      }
    });

    describe('records of concurrent requests', () => {
      // Their own app and database, closed after them: concurrent requests fill the app's pool, which stays open while idle.
      let grouped: Stack;
      let app: NestFastifyApplication;
      const recordsOf = async (requestFilter: string, params: unknown[]) => (await grouped.sql.query(`select * from ${SERVICE}.audit_record where ${requestFilter} order by seq`, params)).rows;

      beforeAll(async () => {
        grouped = await stack();
        app = grouped.apps[0];
      });

      afterAll(async () => {
        await app.close();
        await grouped.sql.end();
      });

      interface KnexQueryEvents {
        on(event: 'query' | 'query-response', listener: (...args: unknown[]) => void): void;
        off(event: 'query' | 'query-response', listener: (...args: unknown[]) => void): void;
      }
      const sqlOf = (query: unknown) => String((query as { sql?: unknown } | undefined)?.sql ?? '');
      /** Statements the app's pool sends and answers, while `fn` runs. */
      const watching = async <T>(fn: (seen: { sent: string[]; answered: string[] }) => Promise<T>): Promise<T> => {
        const knex = app.get(AuditService).knex() as unknown as KnexQueryEvents;
        const seen = { sent: [] as string[], answered: [] as string[] };
        const onQuery = (query: unknown) => seen.sent.push(sqlOf(query));
        const onResponse = (_response: unknown, query: unknown) => seen.answered.push(sqlOf(query));
        knex.on('query', onQuery);
        knex.on('query-response', onResponse);
        try {
          return await fn(seen);
        } finally {
          knex.off('query', onQuery);
          knex.off('query-response', onResponse);
        }
      };
      /**
       * Sends `requests` while another session holds the audit table, so the first record's insert waits and the rest
       * queue behind it; `noteStatements`: the statements on notes the requests' handlers send (a list sends two).
       */
      const whileInsertsWait = async <R,>(seen: { sent: string[]; answered: string[] }, requests: (() => Promise<R>)[], noteStatements = requests.length) => {
        const holder = new Client({ connectionString: grouped.database.url });
        await holder.connect();
        try {
          await holder.query('begin');
          await holder.query(`lock table ${SERVICE}.audit_record in share mode`);
          const responses = Promise.all(requests.map((request) => request()));
          // Every handler has read its note (so each request is at its record), and one insert is on its way.
          await expectEventually(() => {
            expect(seen.answered.filter((sql) => sql.includes(`from "${SERVICE}"."note"`))).toHaveLength(noteStatements);
            expect(seen.sent.filter(isAuditInsert)).toHaveLength(1);
          });
          await new Promise((resolve) => setTimeout(resolve, 200));
          await holder.query('commit');
          return await responses;
        } finally {
          await holder.end().catch(() => undefined);
        }
      };
      const isAuditInsert = (sql: string) => sql.startsWith(`insert into "${SERVICE}".audit_record`);

      it('writes the records of reads that arrive while an insert is on its way in one insert, each committed before its response', async () => {
        const created = await call(app, 'POST', '/notes', { body: { title: 'まとめて', personId: person } });
        const requestIds = Array.from({ length: 12 }, () => randomUUID());
        await watching(async (seen) => {
          const responses = await whileInsertsWait(
            seen,
            requestIds.map((requestId) => async () => app.inject({ method: 'GET', url: `/api/${SERVICE}/notes/${created.body.id}`, headers: { 'x-request-id': requestId, authorization: `Bearer ${await token()}` } }).then((r) => ({ status: r.statusCode }))),
          );
          expect(responses.map((response) => response.status)).toEqual(requestIds.map(() => 200));
          // The first record alone, then the eleven that queued behind it together.
          expect(seen.sent.filter(isAuditInsert)).toHaveLength(2);
        });
        const records = await recordsOf('request_id = any($1::text[])', [requestIds]);
        expect(records.map((record) => record.request_id).sort()).toEqual([...requestIds].sort());
        for (const record of records) expect(record).toMatchObject({ action: 'read', outcome: 'success', http_status: 200, subject_ids: [person] });
      });

      it('withholds only the responses whose records are refused when they shared an insert with others', async () => {
        const created = await call(app, 'POST', '/notes', { body: { title: '一部だけ', personId: person } });
        const get = (url: string, requestId: string) => async () =>
          app.inject({ method: 'GET', url: `/api/${SERVICE}${url}`, headers: { 'x-request-id': requestId, authorization: `Bearer ${await token()}` } }).then((r) => ({ status: r.statusCode, requestId }));
        const reads: string[] = Array.from({ length: 6 }, () => randomUUID());
        const lists: string[] = Array.from({ length: 6 }, () => randomUUID());
        await grouped.sql.query(`alter table ${SERVICE}.audit_record add constraint refuse_reads check (action <> 'read') not valid`);
        try {
          const responses = await watching((seen) =>
            whileInsertsWait(seen, [...reads.map((id) => get(`/notes/${created.body.id}`, id)), ...lists.map((id) => get('/notes?perPage=1', id))], reads.length + 2 * lists.length),
          );
          expect(responses.filter((r) => reads.includes(r.requestId)).map((r) => r.status)).toEqual(reads.map(() => 503));
          expect(responses.filter((r) => lists.includes(r.requestId)).map((r) => r.status)).toEqual(lists.map(() => 200));
        } finally {
          await grouped.sql.query(`alter table ${SERVICE}.audit_record drop constraint refuse_reads`);
        }
        const records = await recordsOf('request_id = any($1::text[])', [[...reads, ...lists]]);
        expect(records.map((record) => record.request_id).sort()).toEqual([...lists].sort());
      });
    });

    it('answers 503 with Retry-After when the database goes away during a write', async () => {
      // The app reaches PostgreSQL through a proxy that the test then shuts: refused and cut connections, like an outage.
      const target = new URL(main.database.url);
      const sockets = new Set<Socket>();
      const proxy = createServer((socket) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        sockets.add(socket).add(upstream);
        socket.pipe(upstream).pipe(socket);
        socket.on('error', () => upstream.destroy());
        upstream.on('error', () => socket.destroy());
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const proxied = new URL(main.database.url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String((proxy.address() as { port: number }).port);
      const down = await startTestApp({ databaseUrl: proxied.toString(), issuer: issuer.issuer });
      try {
        expect((await call(down, 'POST', '/notes', { body: { title: 'before the outage' } })).status).toBe(201);
        await new Promise<void>((resolve) => {
          proxy.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        });
        const response = await call(down, 'POST', '/notes', { body: { title: 'during the outage' } });
        expect(response.status).toBe(503);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await down.close().catch(() => undefined);
      }
    });

    it('keeps the record of a write whose process is killed between the commit and the response', async () => {
      let child: ChildProcess | undefined;
      try {
        child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(__dirname, 'crash-child.ts')], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: main.database.url, TEST_ISSUER: issuer.issuer, TS_NODE_PROJECT: join(__dirname, '..', 'tsconfig.spec.json') },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const exited = new Promise<NodeJS.Signals | null>((resolve) => child?.once('exit', (_code, signal) => resolve(signal)));
        let stderr = '';
        child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
        const port = await new Promise<number>((resolve, reject) => {
          child?.stdout?.on('data', (chunk) => {
            const match = /listening (\d+)/.exec(String(chunk));
            if (match) resolve(Number(match[1]));
          });
          child?.once('exit', () => reject(new Error(`the child app ended before listening: ${stderr}`)));
        });
        const title = `crash-${randomUUID()}`;
        const response = await fetch(`http://127.0.0.1:${port}/api/${SERVICE}/notes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json', 'x-crash-after-commit': '1' },
          body: JSON.stringify({ title, personId: person }),
        }).catch((error: unknown) => error);
        expect(response).not.toHaveProperty('status'); // no response: the process died
        expect(await exited).toBe('SIGKILL');
        const note = (await main.sql.query(`select id from ${SERVICE}.note where title = $1`, [title])).rows[0];
        expect(note).toBeDefined();
        expect(await recordsOf('resource_id = $1', [note.id])).toEqual([
          expect.objectContaining({ action: 'create', outcome: 'success', http_status: 201, subject_ids: [person] }),
        ]);
        await sealAll(app, main.sql);
        expect(await verify(app)).toMatchObject({ valid: true });
      } finally {
        child?.kill('SIGKILL');
      }
    }, 180_000);
  });

  describe('sealing', () => {
    it('links concurrent writes of several replicas into one dense, unforked chain', async () => {
      const { sql, apps } = await stack(3);
      const caseworker = await token();
      await Promise.all(
        Array.from({ length: 60 }, (_, i) => {
          const app = apps[i % apps.length];
          return i % 3 === 0 ? call(app, 'GET', '/notes', { token: caseworker }) : call(app, 'POST', '/notes', { token: caseworker, body: { title: `n${i}`, personId: randomUUID() } });
        }),
      );
      // Every replica's sealer races for the leadership at once, several times over.
      for (let round = 0; round < 3; round += 1) {
        const results = await Promise.all(apps.map((app) => sealer(app).sealNow()));
        expect(results.filter((result) => result.leader)).toHaveLength(1);
      }
      const leader = apps.find((app) => sealer(app).leaderPid() !== undefined) as NestFastifyApplication;
      await sealAll(leader, sql);
      const { rows } = await sql.query(
        `select count(*)::int as total, count(distinct prev_hash)::int as links, min(chain_pos)::int as first, max(chain_pos)::int as head from ${SERVICE}.audit_seal`,
      );
      expect(rows[0]).toEqual({ total: 60, links: 60, first: 1, head: 60 });
      expect(await verify(apps[1])).toMatchObject({ valid: true, checked: 60, unsealedCount: expect.any(Number) });
    });

    it('elects one sealer per schema and hands over when the leader session dies', async () => {
      const { sql, apps } = await stack(2);
      const [a, b] = apps;
      await call(a, 'POST', '/notes', { body: { title: 'one' } });
      expect(await sealer(a).sealNow()).toMatchObject({ leader: true, sealed: 1 });
      expect(await sealer(b).sealNow()).toEqual({ leader: false, sealed: 0 });
      const pid = sealer(a).leaderPid();
      expect((await sql.query(`select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = $1 and granted`, [pid])).rows[0].n).toBe(1);

      await sql.query('select pg_terminate_backend($1)', [pid]);
      await call(b, 'POST', '/notes', { body: { title: 'two' } });
      await expectEventually(async () => expect(await sealer(b).sealNow()).toMatchObject({ leader: true }));
      await expect(sealer(a).sealNow()).rejects.toThrow(); // its session is gone: it gives up the leadership
      expect(await sealer(a).sealNow()).toEqual({ leader: false, sealed: 0 });
      await sealAll(b, sql);
      expect(await verify(a)).toMatchObject({ valid: true, checked: 2 });
    });

    it('seals on a schedule and signs checkpoints on a schedule and at shutdown', async () => {
      const { sql, apps } = await stack(1, { AUDIT_SEAL_INTERVAL_MS: '100', AUDIT_CHECKPOINT_INTERVAL_SECONDS: '1' });
      const checkpoints = async () => (await sql.query(`select chain_seq::int as seq, chain_pos::int as pos from ${SERVICE}.audit_checkpoint order by id`)).rows;
      await call(apps[0], 'POST', '/notes', { body: { title: 'one' } });
      await expectEventually(async () => expect(await checkpoints()).toHaveLength(1), { timeoutMs: 15_000 });
      await call(apps[0], 'POST', '/notes', { body: { title: 'two' } });
      await expectEventually(async () => expect(await checkpoints()).toHaveLength(2), { timeoutMs: 15_000 });
      await call(apps[0], 'POST', '/notes', { body: { title: 'three' } });
      await apps[0].close();
      apps.length = 0;
      const last = (await checkpoints()).at(-1);
      const head = (await sql.query(`select seq::int as seq, chain_pos::int as pos from ${SERVICE}.audit_seal order by chain_pos desc limit 1`)).rows[0];
      expect(last).toEqual(head);
      expect((await sql.query(UNSEALED_COUNT_SQL)).rows[0].n).toBe(0);
    });

    it('seals a record that commits after its number was passed over, where it arrives — by the leader, and by a new leader', async () => {
      const { database, sql, apps } = await stack(2, { AUDIT_SEAL_SETTLE_MS: '300' });
      const [a, b] = apps;
      await call(a, 'POST', '/notes', { body: { title: 'first' } });
      /** A transaction that takes an audit number, holds it past the settle delay while a later record is sealed, then commits. */
      const holdNumberPast = async (app: NestFastifyApplication) => {
        const holder = new Client({ connectionString: database.url });
        await holder.connect();
        await holder.query('begin');
        const seq = Number((await holder.query(`insert into ${SERVICE}.audit_record (id, occurred_at, action, resource_type, outcome) values ($1, now(), 'create', 'Note', 'success') returning seq`, [uuidv7()])).rows[0].seq);
        await call(app, 'POST', '/notes', { body: { title: 'after the held number' } });
        await sealer(app).sealNow();
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect(await sealer(app).sealNow()).not.toHaveProperty('waitingForSeq'); // passed over, noted in the next seal
        await holder.query('commit');
        await holder.end();
        return seq;
      };
      const sealedAt = async (seq: number) => (await sql.query(`select chain_pos::int as pos from ${SERVICE}.audit_seal where seq = $1`, [seq])).rows[0]?.pos;

      const lateForLeader = await holdNumberPast(a);
      expect(await sealedAt(lateForLeader)).toBeUndefined();
      expect(await sealer(a).sealNow()).toMatchObject({ leader: true, sealed: 1 });
      expect(await sealedAt(lateForLeader)).toBe(3); // after the record that passed it: linked where it arrives

      const lateForNext = await holdNumberPast(a);
      await sql.query('select pg_terminate_backend($1)', [sealer(a).leaderPid()]);
      await expect(sealer(a).sealNow()).rejects.toThrow();
      await expectEventually(async () => expect(await sealer(b).sealNow()).toMatchObject({ leader: true, sealed: 1 }));
      expect(await sealedAt(lateForNext)).toBe(5);
      expect((await sql.query(UNSEALED_COUNT_SQL)).rows[0].n).toBe(0);
      expect(await verify(b)).toMatchObject({ valid: true, checked: 5, unsealedCount: 0, seqGaps: [] });
    });
  });

  describe('tamper evidence beyond the sealed chain', () => {
    it('detects an unsealed record older than the bound deleted before sealing, before and after the sealer notes the gap', async () => {
      const { sql, apps } = await stack(1, { AUDIT_UNSEALED_BOUND_SECONDS: '1' });
      const [app] = apps;
      const ids: string[] = [];
      for (let i = 0; i < 4; i += 1) ids.push((await call(app, 'POST', '/notes', { body: { title: `n${i}` } })).body.id);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const lagging = await verify(app);
      expect(lagging).toMatchObject({ valid: true, unsealedCount: 4, warnings: [expect.stringMatching(/no sealer is running/)] });

      const victim = (await sql.query(`select seq::int as seq from ${SERVICE}.audit_record where resource_id = $1`, [ids[1]])).rows[0].seq;
      await sql.query('begin');
      await sql.query(`alter table ${SERVICE}.audit_record disable trigger audit_record_append_only`);
      await sql.query(`delete from ${SERVICE}.audit_record where seq = $1`, [victim]);
      await sql.query(`alter table ${SERVICE}.audit_record enable trigger audit_record_append_only`);
      await sql.query('commit');
      expect(await verify(app)).toMatchObject({
        valid: false,
        firstInvalidSeq: victim,
        reason: expect.stringMatching(/deleted before they were sealed/),
        seqGaps: [{ from: victim, to: victim, status: 'unexplained' }],
      });
      await sealAll(app, sql);
      expect(await verify(app)).toMatchObject({ valid: false, firstInvalidSeq: victim, seqGaps: [{ from: victim, to: victim, status: 'unexplained' }] });
    });

    it('waits for a number whose transaction is still open, then passes over it once it rolled back, noting it as explained', async () => {
      const { database, sql, apps } = await stack(1, { AUDIT_SEAL_SETTLE_MS: '3000' });
      const [app] = apps;
      await call(app, 'POST', '/notes', { body: { title: 'before' } });
      const holder = new Client({ connectionString: database.url });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query(`insert into ${SERVICE}.audit_record (id, occurred_at, action, resource_type, outcome) values ($1, now(), 'create', 'Note', 'success')`, [uuidv7()]);
        // Held open while the next record commits: the sealer must not link past it.
        await call(app, 'POST', '/notes', { body: { title: 'after' } });
        expect(await sealer(app).sealNow()).toMatchObject({ leader: true, sealed: 1, waitingForSeq: 2 });
        await holder.query('rollback');
      } finally {
        await holder.end();
      }
      await sealAll(app, sql);
      expect(await verify(app)).toMatchObject({ valid: true, checked: 2, seqGaps: [{ from: 2, to: 2, status: 'rolled-back' }] });
    });
  });

  describe('moving an existing trail to sealing', () => {
    it('keeps the hashes and checkpoints of records chained before, positions them densely and seals new ones after them', async () => {
      const { database, sql } = await stack(0, {}, { migrated: false });
      await migrate(database.url, { sealing: false });
      // Records as the locked appender wrote them, with a number burned by a rolled-back append in between.
      let prevHash = GENESIS_HASH;
      for (const seq of [1, 2, 4, 5]) {
        const fields = {
          seq,
          id: uuidv7(),
          occurredAt: new Date(Date.UTC(2026, 10, 30, 0, 0, seq)).toISOString(),
          actor: 'cw-legacy',
          roles: ['caseworker'],
          agency: null,
          municipality: '372013',
          client: false,
          action: 'read',
          resourceType: 'Note',
          resourceId: `n${seq}`,
          outcome: 'success',
          httpStatus: 200,
          requestId: `r${seq}`,
          traceId: null,
        };
        const hash = auditHash(prevHash, fields);
        await sql.query(
          `insert into ${SERVICE}.audit_record (seq, id, occurred_at, actor, roles, agency, municipality, client, action, resource_type, resource_id, outcome, http_status, request_id, trace_id, prev_hash, hash)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
          [seq, fields.id, fields.occurredAt, fields.actor, fields.roles, null, fields.municipality, false, 'read', 'Note', fields.resourceId, 'success', 200, fields.requestId, null, prevHash, hash],
        );
        prevHash = hash;
      }
      await sql.query(`select setval(pg_get_serial_sequence('${SERVICE}.audit_record', 'seq'), 5)`);
      const createdAt = '2026-11-30T00:01:00.000Z';
      const signature = createHmac('sha256', CHECKPOINT_KEY).update(`${SERVICE}\n5\n${prevHash}\n${createdAt}`).digest('base64url');
      await sql.query(`insert into ${SERVICE}.audit_checkpoint (created_at, chain_seq, head_hash, key_id, signature) values ($1, 5, $2, 'legacy', $3)`, [createdAt, prevHash, signature]);

      await migrateToSealing(sql);
      const positions = (await sql.query(`select seq::int as seq, chain_pos::int as pos, sealed_at from ${SERVICE}.audit_seal order by seq`)).rows;
      expect(positions).toEqual([
        { seq: 1, pos: 1, sealed_at: null },
        { seq: 2, pos: 2, sealed_at: null },
        { seq: 4, pos: 3, sealed_at: null },
        { seq: 5, pos: 4, sealed_at: null },
      ]);

      const app = await startTestApp({ databaseUrl: database.url, issuer: issuer.issuer });
      stacks.at(-1)?.apps.push(app);
      const before = await verify(app);
      expect(before).toMatchObject({ valid: true, checked: 4, headSeq: 5, headChainPos: 4, headHash: prevHash, checkpoint: { seq: 5, source: 'stored' }, seqGaps: [] });
      await call(app, 'POST', '/notes', { body: { title: 'after the move' } });
      await sealAll(app, sql);
      const after = await verify(app);
      expect(after).toMatchObject({ valid: true, headChainPos: expect.any(Number), checkpoint: { seq: 5 } });
      expect(after.checked).toBeGreaterThanOrEqual(6);
    });
  });
});
