import { Entity, Filter, MikroORM, Property, type FilterQuery } from '@mikro-orm/postgresql';
import { TenantContext } from '@tsunagu/platform-context';
import { createTestDatabase, type TestDatabase } from '@tsunagu/platform-testing';
import { ormOptions } from '../src/lib/orm-options';
import type { KeysetRequest, Paging } from '../src/lib/paging';
import { plainListOrKeyset, plainRows, SqlConditions, type PlainRow, type PlainWhere, type SqlPredicate } from '../src/lib/plain-list';
import { TenantEntity, TenantScoped } from '../src/lib/tenant-entity';

@TenantScoped()
@Entity({ tableName: 'visit' })
class Visit extends TenantEntity {
  @Property({ type: 'string', nullable: true })
  kana: string | null = null;

  @Property({ type: 'date' })
  visitedOn!: string;

  @Property({ type: 'json' })
  details: { note: string } = { note: '' };
}

@TenantScoped()
@Filter({ name: 'open', default: true, cond: { closed: false } })
@Entity({ tableName: 'closed_visit' })
class ClosedVisit extends TenantEntity {
  @Property({ type: 'boolean' })
  closed = false;
}

const TAKAMATSU = '372013';
const MARUGAME = '372021';
const KANA = ['アオキ', null, 'イトウ', 'ウエダ', null, 'エトウ', 'オノ', 'アオキ'];

/** The same question as a MikroORM filter and as SQL conditions: the plain reads must answer both alike. */
interface Question {
  name: string;
  filter: FilterQuery<Visit>;
  sql: SqlPredicate[];
}

const questions: Question[] = [
  { name: 'everything', filter: {}, sql: [] },
  { name: 'a date range', filter: { visitedOn: { $gte: '2026-04-05', $lt: '2026-04-20' } }, sql: [{ sql: '$ALIAS.visited_on >= ? and $ALIAS.visited_on < ?', params: ['2026-04-05', '2026-04-20'] }] },
  { name: 'a kana pattern', filter: { kana: { $like: '%ア%' } }, sql: [{ sql: '$ALIAS.kana like ?', params: ['%ア%'] }] },
  { name: 'nothing', filter: { kana: 'ン' }, sql: [{ sql: '$ALIAS.kana = ?', params: ['ン'] }] },
];

describe('plain reads with conditions written as SQL (SqlConditions)', () => {
  let database: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    database = await createTestDatabase('persistence_plain');
    orm = await MikroORM.init(ormOptions({ service: 'persistence_plain_test', entities: [Visit, ClosedVisit], migrations: [] }, { databaseUrl: database.url }));
    await orm.schema.createSchema();
    await TenantContext.runAsSystem(undefined, async () => {
      const em = orm.em.fork();
      for (let i = 0; i < 30; i++) {
        const day = String(1 + i).padStart(2, '0');
        em.persist(Object.assign(new Visit(), { municipality: TAKAMATSU, kana: KANA[i % KANA.length], visitedOn: `2026-04-${day}`, details: { note: `visit ${i}` }, createdAt: new Date(Date.UTC(2026, 3, 1, 9, i % 7)) }));
      }
      em.persist(Object.assign(new Visit(), { municipality: MARUGAME, kana: 'アオキ', visitedOn: '2026-04-01' }));
      await em.flush();
    });
  });
  afterAll(async () => {
    await orm.close(true);
    await database.drop();
  });

  const inTakamatsu = <R>(work: () => Promise<R>) => TenantContext.run({ requestId: 'r', municipality: TAKAMATSU }, work);
  const view = (row: PlainRow<Visit>) => ({ ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() });
  const read = (where: PlainWhere<Visit>, query: KeysetRequest, page: Paging) =>
    inTakamatsu(() => plainListOrKeyset(orm.em.fork(), Visit, where, query, () => page, ['visitedOn'], view));
  const paging = (page: number, perPage: number, orderBy: Paging['orderBy']): Paging => ({ page, perPage, limit: perPage, offset: (page - 1) * perPage, orderBy });

  const orders: Paging['orderBy'][] = [{ createdAt: 'desc', id: 'asc' }, { kana: 'asc', id: 'asc' }, { kana: 'desc', id: 'asc' }, { visitedOn: 'asc', id: 'asc' }];

  it.each(questions)('answers $name page by page as the filter does, counted and uncounted, in every order', async ({ filter, sql }) => {
    for (const orderBy of orders) {
      for (const page of [1, 2, 3, 4]) {
        for (const query of [{}, { count: false }]) {
          const expected = await read(filter, query, paging(page, 8, orderBy));
          const actual = await read(new SqlConditions(sql), query, paging(page, 8, orderBy));
          expect(actual).toEqual(expected);
        }
      }
    }
  });

  it('counts past a full page as the filter does (capped count)', async () => {
    const expected = await read({}, {}, paging(1, 5, { id: 'asc' }));
    expect(expected.total).toBe(30);
    expect(await read(new SqlConditions([]), {}, paging(1, 5, { id: 'asc' }))).toEqual(expected);
  });

  it.each(['id', '-id', 'visitedOn', '-visitedOn'])('walks every row by keyset (sort=%s) as the filter does', async (sort) => {
    for (const { filter, sql } of questions) {
      const walk = async (where: PlainWhere<Visit>) => {
        const seen: unknown[] = [];
        let after = '';
        for (let guard = 0; guard < 20; guard++) {
          const page = (await read(where, { after, sort, perPage: 7, count: guard === 0 }, paging(1, 7, {}))) as { items: unknown[]; next?: string; total?: number };
          seen.push(page);
          if (!page.next) return seen;
          after = page.next;
        }
        throw new Error('the walk did not end');
      };
      expect(await walk(new SqlConditions(sql))).toEqual(await walk(filter));
    }
  });

  it("reads only the caller's municipality, nothing without one, and every municipality for system work", async () => {
    const all = new SqlConditions([]);
    const page = paging(1, 50, { id: 'asc' });
    const rows = (municipality?: string) =>
      TenantContext.run({ requestId: 'r', ...(municipality ? { municipality } : {}) }, () => plainListOrKeyset(orm.em.fork(), Visit, all, {}, () => page, [], view));
    expect((await rows(TAKAMATSU)).items.every((visit) => visit.municipality === TAKAMATSU)).toBe(true);
    expect((await rows(MARUGAME)).items.map((visit) => visit.municipality)).toEqual([MARUGAME]);
    expect((await rows()).items).toEqual([]);
    const system = await TenantContext.runAsSystem(undefined, () => plainListOrKeyset(orm.em.fork(), Visit, all, {}, () => page, [], view));
    expect(system.items).toHaveLength(31);
  });

  it('binds values as values: quotes, question marks, backslashes and $ALIAS in a value are searched for, not run', async () => {
    await TenantContext.run({ requestId: 'r', municipality: TAKAMATSU }, async () => {
      const em = orm.em.fork();
      em.persist(Object.assign(new Visit(), { kana: "オ'ニール ? $ALIAS \\", visitedOn: '2026-05-01' }));
      await em.flush();
    });
    const page = await read(new SqlConditions([{ sql: '$ALIAS.kana = ?', params: ["オ'ニール ? $ALIAS \\"] }]), {}, paging(1, 10, { id: 'asc' }));
    expect(page.items.map((visit) => visit.kana)).toEqual(["オ'ニール ? $ALIAS \\"]);
    const none = await read(new SqlConditions([{ sql: '$ALIAS.kana = ?', params: ["' or true --"] }]), {}, paging(1, 10, { id: 'asc' }));
    expect(none.items).toEqual([]);
  });

  it.each(questions)('reads every row of $name as the filter does, whole or by chosen fields, ordered and limited', async ({ filter, sql }) => {
    const both = (options: Parameters<typeof plainRows<Visit>>[3]) =>
      inTakamatsu(async () => [await plainRows(orm.em.fork(), Visit, new SqlConditions(sql), options), await plainRows(orm.em.fork(), Visit, filter, options)]);
    const [whole, wholeByFilter] = await both({ orderBy: { visitedOn: 'desc', id: 'asc' } });
    expect(whole).toEqual(wholeByFilter);
    expect(whole.every((visit) => visit.municipality === TAKAMATSU)).toBe(true);
    const [ids, idsByFilter] = await both({ fields: ['id', 'kana'], orderBy: { kana: 'asc', id: 'asc' }, limit: 3 });
    expect(ids).toEqual(idsByFilter);
    expect(ids.length).toBeLessThanOrEqual(3);
    for (const row of ids) expect(Object.keys(row).sort()).toEqual(['id', 'kana']);
  });

  it("refuses an entity with another default filter (its condition would be skipped), instead of reading past it", async () => {
    await expect(
      inTakamatsu(() => plainListOrKeyset(orm.em.fork(), ClosedVisit, new SqlConditions([]), {}, () => paging(1, 5, { id: 'asc' }), [], (row) => row)),
    ).rejects.toThrow(/open filter/);
  });
});
