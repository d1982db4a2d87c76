import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { TenantContext } from '@tsunagu/platform-context';

/**
 * Raw SQL from a test as system work (ADR 0012): outside a request no municipality is set, and under row-level
 * security such a statement silently sees and changes nothing. The statement is awaited inside the context, so a
 * lazy query never runs after it has ended. `municipality` narrows the work to one municipality, as a migration's would.
 */
export async function asSystem<T = Record<string, unknown>>(database: MikroORM | EntityManager, sql: string, params: readonly unknown[] = [], municipality?: string): Promise<T[]> {
  const connection = 'em' in database ? database.em.getConnection() : database.getConnection();
  return TenantContext.runAsSystem(municipality, async () => (await connection.execute(sql, [...params], 'all')) as unknown as T[]);
}
