import type { EntityManager } from '@mikro-orm/core';
import { DomainException } from '@tsunagu/platform-errors';
import { plainRows } from './plain-list';

/** Loads one record of the current municipality or fails with 404 (another municipality's id looks missing). */
export async function findOrFail<T extends object>(em: EntityManager, entity: new () => T, label: string, id: string): Promise<T> {
  const found = await em.findOne(entity, { id } as never);
  if (!found) throw DomainException.notFound(label, id);
  return found;
}

/** Checks that ids named in a request exist in this municipality; a 400 names the field. */
export async function assertExist<T extends object>(em: EntityManager, entity: new () => T, ids: readonly (string | null | undefined)[], field: string): Promise<void> {
  const unique = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (unique.length === 0) return;
  // Plain rows: checked ids never become entities the write's flush would have to diff (issue 14).
  const found = await plainRows(em, entity, { id: { $in: unique } } as never, { fields: ['id'] as never });
  const known = new Set(found.map((row) => (row as { id: string }).id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length > 0) throw DomainException.invalidField(field, `unknown id(s): ${missing.join(', ')}`);
}
