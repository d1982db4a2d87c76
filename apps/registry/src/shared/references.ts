import type { EntityManager } from '@mikro-orm/core';
import { DomainException } from '@tsunagu/platform-errors';
import { validate as isUuid } from 'uuid';
import { pgArray, plainRows, SqlConditions } from '@tsunagu/platform-persistence';
import { District } from '../districts/district.entity';
import { Organization } from '../organizations/organization.entity';

/*
 * Reference checks for ids that arrive in requests. The tenant filter applies, so an id from another
 * municipality is reported exactly like an id that does not exist.
 */

export async function assertDistrictsExist(em: EntityManager, ids: readonly string[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  // Plain rows: checked ids never become entities the write's flush would have to diff. Written as SQL: every
  // resource create and edit checks its districts, and the query builder cost a tenth of a create's CPU (ADR 0023).
  // Only a uuid can name a district: anything else is unknown, not a cast error.
  const candidates = unique.filter((id) => isUuid(id));
  const found = candidates.length === 0 ? [] : await plainRows(em, District, new SqlConditions([{ sql: '$ALIAS.id = any(?::uuid[])', params: [pgArray(candidates)] }]), { fields: ['id'] });
  const known = new Set(found.map((district) => district.id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length > 0) throw DomainException.invalidField(field, `unknown district id(s): ${missing.join(', ')}`);
}

export async function assertOrganizationExists(em: EntityManager, id: string | null | undefined, field: string): Promise<void> {
  if (!id) return;
  const found = await em.count(Organization, { id });
  if (found === 0) throw DomainException.invalidField(field, `unknown organization id: ${id}`);
}
