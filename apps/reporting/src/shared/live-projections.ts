import type { EntityManager } from '@mikro-orm/core';
import { LIVE_SCHEMA } from '../projections/projection-schema';

/** A table of the live projection set, quoted for SQL. */
export const liveTable = (name: string) => `"${LIVE_SCHEMA}"."${name}"`;

/**
 * Read side over the live projections. Every query takes the caller's municipality explicitly: the
 * projection tables are shared by all tenants and written by system work, not through the tenant filter.
 */
export function queryProjections<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all');
}
