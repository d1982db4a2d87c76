// The benchmark's baseline: a plain Fastify + `pg` server running the same SQL as the registry
// (deploy/bench/scenarios.cjs) against the same database — no Nest, no ORM, no validation, no auth,
// no audit, no outbox. It shows what the framework and the platform cost on top of the bare query.
// `/with-trail` creates as the registry does (row with its district check, outbox event, audit record in one transaction):
// what the framework costs on top of the platform's own statements.
//   DATABASE_URL=… PORT=… node deploy/bench/baseline.cjs
'use strict';
const Fastify = require('fastify');
const { Pool } = require('pg');
const { v7: uuidv7 } = require('uuid');
const { municipality, sql } = require('./scenarios.cjs');
const { kanaSearchSql } = require('../../apps/intake/bench/persons.cjs');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
const app = Fastify({ logger: false });

app.get('/healthz', async () => ({ status: 'ok' }));

app.get('/baseline/community-resources', async (request) => {
  const perPage = Math.min(Number(request.query.perPage ?? 25), 100);
  const page = Math.max(Number(request.query.page ?? 1), 1);
  const category = String(request.query.category ?? 'visit-type-b');
  const [rows, count] = await Promise.all([
    pool.query(sql.listPage, [municipality, category, perPage, (page - 1) * perPage]),
    pool.query(sql.listCount, [municipality, category]),
  ]);
  return { items: rows.rows, total: count.rows[0].count, page, perPage };
});

// Intake's person search by kana: the statements ListPersonsUseCase sends (two words → two LIKEs) — as the console
// asks (`count=false`, kana order): the page with one row more; otherwise the newest first with the capped count.
app.get('/baseline/intake/persons', async (request, reply) => {
  const words = String(request.query.q ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length !== 2) return reply.code(400).send({ detail: 'q: two words (セイ メイ)' });
  const patterns = words.map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (request.query.count === 'false') {
    const rows = (await pool.query(kanaSearchSql.consolePage, [municipality, ...patterns])).rows;
    return { items: rows.slice(0, 25), page: 1, perPage: 25, hasNext: rows.length > 25, ...(rows.length > 25 ? {} : { total: rows.length }) };
  }
  const [rows, count] = await Promise.all([pool.query(kanaSearchSql.page, [municipality, ...patterns]), pool.query(kanaSearchSql.count, [municipality, ...patterns])]);
  return { items: rows.rows, total: count.rows[0].count, page: 1, perPage: 25 };
});

app.post('/baseline/community-resources', async (request, reply) => {
  const b = request.body;
  const s = b.schedule ?? {};
  const searchText = [b.name, b.kana, b.description].filter(Boolean).join(' ').toLowerCase();
  const { rows } = await pool.query(sql.insert, [
    uuidv7(),
    municipality,
    b.name,
    b.kana ?? '',
    b.description ?? null,
    b.districtIds,
    b.category,
    b.insuranceScheme,
    b.activities ?? [],
    b.eligibility ?? 'anyone',
    s.frequency ?? null,
    s.weekdays ?? [],
    s.opensAt ?? null,
    s.closesAt ?? null,
    b.capacity ?? null,
    b.fee ?? null,
    searchText,
  ]);
  reply.code(201);
  return rows[0];
});

app.post('/baseline/community-resources/with-trail', async (request, reply) => {
  const b = request.body;
  const s = b.schedule ?? {};
  const searchText = [b.name, b.kana, b.description].filter(Boolean).join(' ').toLowerCase();
  const client = await pool.connect();
  try {
    await client.query('begin');
    // The districts are checked by the row's own trigger at the COMMIT, as for the registry (ADR 0026).
    const id = uuidv7();
    const { rows } = await client.query(sql.insert, [
      id, municipality, b.name, b.kana ?? '', b.description ?? null, b.districtIds, b.category, b.insuranceScheme, b.activities ?? [],
      b.eligibility ?? 'anyone', s.frequency ?? null, s.weekdays ?? [], s.opensAt ?? null, s.closesAt ?? null, b.capacity ?? null, b.fee ?? null, searchText,
    ]);
    await client.query(sql.outboxInsert, [uuidv7(), id, municipality, JSON.stringify({ resourceId: id, districtIds: b.districtIds, category: b.category, status: 'preparing' })]);
    await client.query(sql.auditInsert, [uuidv7(), 'bench', municipality, id, uuidv7()]);
    await client.query('commit');
    reply.code(201);
    return rows[0];
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    if (error.code === '23503') return reply.code(400).send({ detail: 'districtIds: unknown district' });
    throw error;
  } finally {
    client.release();
  }
});

const port = Number(process.env.PORT ?? 3199);
app.listen({ host: '127.0.0.1', port }).then(
  () => process.stdout.write(`baseline listening on ${port}\n`),
  (error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
const stop = () => app.close().then(() => pool.end()).then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
