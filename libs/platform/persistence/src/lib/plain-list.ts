import { RawQueryFragment, type EntityDictionary, type EntityManager, type EntityMetadata, type EntityName, type FilterQuery } from '@mikro-orm/core';
import { DomainException } from '@tsunagu/platform-errors';
import { MUNICIPALITY_FILTER, tenantCondition } from './tenant-entity';
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

/** A condition written as SQL: a `?` for each of `params` in order, `$ALIAS` for the queried table's alias. */
export interface SqlPredicate {
  sql: string;
  params: unknown[];
}

/**
 * A list's conditions written as SQL instead of a MikroORM filter, for a search the desks run all day (the person
 * search): the statement is a few joined strings instead of the query builder's work on every request, which was a
 * fifth of intake's CPU per search (docs/performance.md, ADR 0022). The rows are mapped by MikroORM's own result mapper,
 * so they are the same plain rows the filter form reads; the municipality filter is applied as the entity's filter
 * would, and an entity with any other default filter is refused (its conditions would be silently skipped).
 */
export class SqlConditions {
  constructor(readonly conditions: readonly SqlPredicate[]) {}
}

/** What the plain reads accept: a MikroORM filter, or conditions written as SQL. */
export type PlainWhere<T> = FilterQuery<T> | SqlConditions;

const SQL_ALIAS = 'p0';

/** The table and columns of an entity as the SQL form needs them, resolved once per entity. */
interface SqlTable {
  meta: EntityMetadata;
  from: string;
  column: (property: string) => string;
}

const sqlTables = new WeakMap<EntityMetadata, SqlTable>();

/** A quoted SQL identifier (a schema, table or column name). */
export const sqlIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** An entity's table as a statement names it: quoted, with the entity's schema or the ORM's (`"registry"."district"`). */
export function sqlTableName<T extends object>(em: EntityManager, entity: EntityName<T>): string {
  const meta = em.getMetadata().get(entity as never) as EntityMetadata;
  const schema = meta.schema && meta.schema !== '*' ? meta.schema : (em.config.get('schema') as string | undefined);
  return `${schema ? `${sqlIdentifier(schema)}.` : ''}${sqlIdentifier(meta.tableName)}`;
}

function sqlTableOf<T extends object>(em: EntityManager, entity: EntityName<T>): SqlTable {
  const meta = em.getMetadata().get(entity as never) as EntityMetadata;
  const known = sqlTables.get(meta);
  if (known) return known;
  const others = Object.values(meta.filters ?? {}).filter((filter) => filter.default && filter.name !== MUNICIPALITY_FILTER);
  if (others.length > 0) throw new Error(`SQL conditions do not apply the ${others.map((filter) => filter.name).join(', ')} filter of ${meta.className}`);
  const columns = new Map(Object.values(meta.properties).flatMap((prop) => (prop.fieldNames?.length === 1 ? [[prop.name, `${SQL_ALIAS}.${sqlIdentifier(prop.fieldNames[0])}`] as const] : [])));
  const table: SqlTable = {
    meta,
    from: `${sqlTableName(em, entity)} as ${SQL_ALIAS}`,
    column: (property) => {
      const column = columns.get(property);
      if (!column) throw new Error(`${meta.className} has no column for ${property}`);
      return column;
    },
  };
  sqlTables.set(meta, table);
  return table;
}

/** The statement's where clause and values: the conditions, then the municipality filter. */
function sqlWhere(table: SqlTable, where: SqlConditions): SqlPredicate {
  const conditions = [...where.conditions];
  if (table.meta.filters?.[MUNICIPALITY_FILTER]?.default) {
    const tenant = tenantCondition();
    if (tenant === null) conditions.push({ sql: `${table.column('municipality')} is null`, params: [] });
    else if (tenant !== undefined) conditions.push({ sql: `${table.column('municipality')} = ?`, params: [tenant] });
  }
  if (conditions.length === 0) return { sql: '', params: [] };
  return {
    sql: ` where ${conditions.map((condition) => `(${condition.sql.replaceAll('$ALIAS', SQL_ALIAS)})`).join(' and ')}`,
    params: conditions.flatMap((condition) => condition.params),
  };
}

/** Rows of a statement run on the entity manager's connection, inside its transaction when it has one (`?` per value). */
export async function sqlRows<T extends object>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return (await em.getConnection().execute(sql, params, 'all', em.getTransactionContext())) as T[];
}

/** Rows matching SQL conditions as plain objects, through MikroORM's result mapper (the same rows the filter form reads). */
async function selectSql<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: SqlConditions,
  options: { fields?: readonly string[]; orderBy?: Paging['orderBy']; limit?: number; offset?: number },
): Promise<PlainRow<T>[]> {
  const table = sqlTableOf(em, entity);
  const filter = sqlWhere(table, where);
  const fields = options.fields ? options.fields.map((field) => table.column(field)).join(', ') : `${SQL_ALIAS}.*`;
  const order = Object.entries(options.orderBy ?? {}).map(([property, direction]) => `${table.column(property)} ${direction}`);
  const { limit, offset = 0 } = options;
  const sql = `select ${fields} from ${table.from}${filter.sql}${order.length ? ` order by ${order.join(', ')}` : ''}${limit !== undefined ? ' limit ?' : ''}${offset > 0 ? ' offset ?' : ''}`;
  const rows = await sqlRows<EntityDictionary<T>>(em, sql, [...filter.params, ...(limit !== undefined ? [limit] : []), ...(offset > 0 ? [offset] : [])]);
  const driver = em.getDriver();
  return rows.map((row) => driver.mapResult(row, table.meta as EntityMetadata<T>) as unknown as PlainRow<T>);
}

/** Rows of one page as plain objects (property names, no entities, no identity map), tenant filter applied. */
async function pageRows<T extends object>(em: EntityManager, entity: EntityName<T>, where: PlainWhere<T>, orderBy: Paging['orderBy'], limit: number, offset: number) {
  if (where instanceof SqlConditions) return selectSql(em, entity, where, { orderBy, limit, offset });
  const qb = queryBuilder(em, entity).select('*').where(where).orderBy(orderBy).limit(limit).offset(offset);
  await qb.applyFilters();
  return (await qb.execute('all', true)) as PlainRow<T>[];
}

/** A page's rows and whether more follow, read as one row beyond the page (no count). */
async function pageRowsAndMore<T extends object>(em: EntityManager, entity: EntityName<T>, where: PlainWhere<T>, orderBy: Paging['orderBy'], limit: number, offset: number) {
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
  where: PlainWhere<T>,
  options: { fields?: readonly (keyof PlainRow<T> & string)[]; orderBy?: Paging['orderBy']; limit?: number } = {},
): Promise<PlainRow<T>[]> {
  if (where instanceof SqlConditions) return selectSql(em, entity, where, options);
  const qb = queryBuilder(em, entity).select(options.fields ? [...options.fields] : '*').where(where);
  if (options.orderBy) qb.orderBy(options.orderBy);
  if (options.limit !== undefined) qb.limit(options.limit);
  await qb.applyFilters();
  return (await qb.execute('all', true)) as PlainRow<T>[];
}

/** Every match up to `cap` + 1: `select count(*) from (select 1 … limit cap + 1)` stops early on a large table. */
async function cappedCount<T extends object>(em: EntityManager, entity: EntityName<T>, where: PlainWhere<T>, cap: number): Promise<number> {
  if (where instanceof SqlConditions) {
    const table = sqlTableOf(em, entity);
    const filter = sqlWhere(table, where);
    const [row] = await sqlRows<{ count: number }>(em, `select count(*)::int as count from (select 1 from ${table.from}${filter.sql} limit ?) as capped`, [...filter.params, cap + 1]);
    return row?.count ?? 0;
  }
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
  where: PlainWhere<T>,
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
  where: PlainWhere<T>,
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
  where: PlainWhere<T>,
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
  return RawQueryFragment.run(async () => {
    const { rows, hasNext } = await pageRowsAndMore(em, entity, cursor ? afterCursor(em, entity, where, field, beyond, cursor) : where, orderBy, perPage, 0);
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

/** The list's conditions and the rows beyond the cursor: `sort > last value or (= last value and id > last id)`. */
function afterCursor<T extends object>(em: EntityManager, entity: EntityName<T>, where: PlainWhere<T>, field: string, beyond: '$lt' | '$gt', cursor: Cursor): PlainWhere<T> {
  if (where instanceof SqlConditions) {
    const table = sqlTableOf(em, entity);
    const op = beyond === '$lt' ? '<' : '>';
    const id = table.column('id');
    const after: SqlPredicate =
      field === 'id'
        ? { sql: `${id} ${op} ?`, params: [cursor.i] }
        : { sql: `${table.column(field)} ${op} ? or (${table.column(field)} = ? and ${id} > ?)`, params: [cursor.v, cursor.v, cursor.i] };
    return new SqlConditions([...where.conditions, after]);
  }
  const after = field === 'id' ? { id: { [beyond]: cursor.i } } : { $or: [{ [field]: { [beyond]: cursor.v } }, { [field]: cursor.v, id: { $gt: cursor.i } }] };
  return { $and: [where, after] } as FilterQuery<T>;
}

/** Page numbers for the console (without a count on `count=false`), keyset for API clients that send `after`. */
export function plainListOrKeyset<T extends object, V>(
  em: EntityManager,
  entity: EntityName<T>,
  where: PlainWhere<T>,
  query: KeysetRequest,
  page: () => Paging,
  keysetSortable: readonly string[],
  view: (row: PlainRow<T>) => V,
): Promise<ListPage<V> | KeysetPage<V> | UncountedPage<V>> {
  if (query.after !== undefined) return keysetPlainRows(em, entity, where, query, keysetSortable, view);
  if (query.count === false) return uncountedPlainRows(em, entity, where, page(), view);
  return listPlainRows(em, entity, where, page(), view);
}
