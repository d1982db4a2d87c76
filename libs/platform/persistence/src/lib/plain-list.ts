import { RawQueryFragment, type EntityManager, type EntityName, type FilterQuery } from '@mikro-orm/core';
import { DomainException } from '@tsunagu/platform-errors';
import { listPage, type KeysetPage, type KeysetRequest, type ListPage, type Paging, type UncountedPage } from './paging';

/** An entity's data properties as a read returns them: what a view is made from, with or without an entity. */
export type PlainRow<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };

/**
 * Beyond this many matches a page-numbered list stops counting and answers `total` = the cap with `hasNext`:
 * an exact count of a large table costs more than the page itself, and nobody pages to row 10,001.
 */
export const COUNT_CAP = 10_000;

/** The part of MikroORM's SQL EntityManager the plain reads use (the services' em is always one). */
interface SqlQueryBuilder {
  select(fields: string | string[]): SqlQueryBuilder;
  where(cond: unknown): SqlQueryBuilder;
  andWhere(cond: unknown): SqlQueryBuilder;
  orderBy(order: Record<string, 'asc' | 'desc'>): SqlQueryBuilder;
  limit(limit: number): SqlQueryBuilder;
  offset(offset: number): SqlQueryBuilder;
  applyFilters(): Promise<void>;
  execute(method: 'all', mapResults: boolean): Promise<unknown[]>;
  getKnexQuery(): KnexQuery;
}

interface KnexQuery {
  as(alias: string): KnexQuery;
}

interface SqlEntityManager {
  createQueryBuilder(entity: unknown): SqlQueryBuilder;
  getKnex(): { raw(sql: string): unknown; select(column: unknown): { from(query: KnexQuery): KnexQuery } };
  /** Runs in the em's transaction when there is one (unlike the knex instance itself). */
  execute(query: KnexQuery): Promise<{ count: number }[]>;
}

function sqlEm(em: EntityManager): SqlEntityManager {
  const sql = em as unknown as Partial<SqlEntityManager>;
  if (typeof sql.createQueryBuilder !== 'function') throw new Error('plain list reads need an SQL EntityManager');
  return sql as SqlEntityManager;
}

function queryBuilder<T extends object>(em: EntityManager, entity: EntityName<T>): SqlQueryBuilder {
  return sqlEm(em).createQueryBuilder(entity);
}

/** Rows of one page as plain objects (property names, no entities, no identity map), tenant filter applied. */
async function pageRows<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, orderBy: Paging['orderBy'], limit: number, offset: number) {
  const qb = queryBuilder(em, entity).select('*').where(where).orderBy(orderBy).limit(limit).offset(offset);
  await qb.applyFilters();
  return (await qb.execute('all', true)) as PlainRow<T>[];
}

/** A page's rows and whether more follow, read as one row beyond the page (no count). */
async function pageRowsAndMore<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, orderBy: Paging['orderBy'], limit: number, offset: number) {
  const rows = await pageRows(em, entity, where, orderBy, limit + 1, offset);
  const hasNext = rows.length > limit;
  return { rows: hasNext ? rows.slice(0, limit) : rows, hasNext };
}

/**
 * Every row that matches, as plain objects (property names, no entities, no identity map), tenant filter applied:
 * what a list needs besides its page (the members of a page's households, the targets of a page's plans).
 */
export async function plainRows<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  options: { fields?: readonly (keyof PlainRow<T> & string)[]; orderBy?: Paging['orderBy']; limit?: number } = {},
): Promise<PlainRow<T>[]> {
  const qb = queryBuilder(em, entity).select(options.fields ? [...options.fields] : '*').where(where);
  if (options.orderBy) qb.orderBy(options.orderBy);
  if (options.limit !== undefined) qb.limit(options.limit);
  await qb.applyFilters();
  return (await qb.execute('all', true)) as PlainRow<T>[];
}

/** Every match up to `cap` + 1: `select count(*) from (select 1 … limit cap + 1)` stops early on a large table. */
async function cappedCount<T extends object>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, cap: number): Promise<number> {
  const qb = queryBuilder(em, entity).select('id').where(where).limit(cap + 1);
  await qb.applyFilters();
  const sql = sqlEm(em);
  const knex = sql.getKnex();
  const [row] = await sql.execute(knex.select(knex.raw('count(*)::int as count')).from(qb.getKnexQuery().as('capped')));
  return row?.count ?? 0;
}

/**
 * A page-numbered list read as plain rows mapped straight to the view (lists never edit what they read, so they
 * skip entity hydration and the identity map). `total` is exact up to COUNT_CAP; a page that is not full needs
 * no count at all. The JSON is the one `findAndCount` + view gave (apps/registry/test/list-contract).
 */
export async function listPlainRows<T extends object, V>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: Paging,
  view: (row: PlainRow<T>) => V,
): Promise<ListPage<V> & { hasNext?: boolean }> {
  // The page and its count read the same filter: raw fragments in it (the desk model's predicates) must outlive the first query.
  return RawQueryFragment.run(async () => {
    const rows = await pageRows(em, entity, where, page.orderBy, page.limit, page.offset);
    const knownTotal = rows.length > 0 && rows.length < page.limit ? page.offset + rows.length : page.offset === 0 && rows.length === 0 ? 0 : undefined;
    const counted = knownTotal ?? (await cappedCount(em, entity, where, COUNT_CAP));
    const items = rows.map(view);
    if (counted > COUNT_CAP) return { ...listPage(items, COUNT_CAP, page), hasNext: page.offset + rows.length < counted };
    return listPage(items, counted, page);
  });
}

/**
 * A page-numbered list without its count (`count=false`): one row beyond the page says whether another follows. A
 * search's count costs about what its page does (issue 14), and a desk looking for one person reads `hasNext`.
 */
export async function uncountedPlainRows<T extends object, V>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: Paging,
  view: (row: PlainRow<T>) => V,
): Promise<UncountedPage<V>> {
  return RawQueryFragment.run(async () => {
    const { rows, hasNext } = await pageRowsAndMore(em, entity, where, page.orderBy, page.limit, page.offset);
    const items = rows.map(view);
    // A last page with rows tells the total without a count; an empty page beyond the end does not.
    const total = !hasNext && (items.length > 0 || page.offset === 0) ? page.offset + items.length : undefined;
    return { items, ...(total !== undefined ? { total } : {}), page: page.page, perPage: page.perPage, hasNext };
  });
}

interface Cursor {
  /** Sort field and direction the cursor was made for. */
  s: string;
  /** The last row's sort value and id. */
  v: string | number | boolean;
  i: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(after: string, sort: string): Cursor | undefined {
  if (after === '') return undefined;
  let cursor: Cursor;
  try {
    cursor = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw DomainException.invalidField('after', 'must be the `next` value of a previous page');
  }
  if (!cursor || typeof cursor.i !== 'string' || !['string', 'number', 'boolean'].includes(typeof cursor.v) || typeof cursor.s !== 'string') {
    throw DomainException.invalidField('after', 'must be the `next` value of a previous page');
  }
  if (cursor.s !== sort) throw DomainException.invalidField('after', `was made for sort=${cursor.s}; keep the sort while paging`);
  return cursor;
}

/**
 * A keyset page for API clients (`after`): `where sort > last value or (= last value and id > last id)` on the
 * list's own index order, so page 1,000 costs what page 1 costs. Only sorts on columns that are never null and
 * compare exactly (ids, codes, names) are offered; timestamps are not (the database keeps microseconds, a cursor
 * would round them), and `id` — UUIDv7 — already is creation order.
 */
export async function keysetPlainRows<T extends object, V>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  query: KeysetRequest,
  keysetSortable: readonly string[],
  view: (row: PlainRow<T>) => V,
): Promise<KeysetPage<V>> {
  const sort = query.sort ?? 'id';
  const field = sort.replace(/^-/, '');
  const sortable = ['id', ...keysetSortable.filter((f) => f !== 'id')];
  if (!sortable.includes(field)) throw DomainException.invalidField('sort', `with after, sort by one of ${sortable.join(', ')}`);
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  const orderBy: Paging['orderBy'] = { [field]: direction, ...(field === 'id' ? {} : { id: 'asc' }) };
  const perPage = query.perPage ?? 25;
  const cursor = decodeCursor(query.after ?? '', sort);
  const beyond = direction === 'desc' ? '$lt' : '$gt';
  const after = !cursor ? undefined : field === 'id' ? { id: { [beyond]: cursor.i } } : { $or: [{ [field]: { [beyond]: cursor.v } }, { [field]: cursor.v, id: { $gt: cursor.i } }] };
  return RawQueryFragment.run(async () => {
    const { rows, hasNext } = await pageRowsAndMore(em, entity, (after ? { $and: [where, after] } : where) as FilterQuery<T>, orderBy, perPage, 0);
    const last = rows[rows.length - 1] as Record<string, unknown> | undefined;
    return {
      items: rows.map(view),
      ...(query.count ? { total: await cappedCount(em, entity, where, COUNT_CAP).then((n) => Math.min(n, COUNT_CAP)) } : {}),
      perPage,
      hasNext,
      ...(hasNext && last ? { next: encodeCursor({ s: sort, v: last[field] as Cursor['v'], i: String(last['id']) }) } : {}),
    };
  });
}

/** Page numbers for the console (without a count on `count=false`), keyset for API clients that send `after`. */
export function plainListOrKeyset<T extends object, V>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  query: KeysetRequest,
  page: () => Paging,
  keysetSortable: readonly string[],
  view: (row: PlainRow<T>) => V,
): Promise<ListPage<V> | KeysetPage<V> | UncountedPage<V>> {
  if (query.after !== undefined) return keysetPlainRows(em, entity, where, query, keysetSortable, view);
  if (query.count === false) return uncountedPlainRows(em, entity, where, page(), view);
  return listPlainRows(em, entity, where, page(), view);
}
