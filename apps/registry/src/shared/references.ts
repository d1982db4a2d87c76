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

/** The constraint a resource row's districts must meet (its trigger, Migration20261209100000). */
const DISTRICTS_KNOWN = 'community_resource_district_ids_known';

/**
 * The 400 naming `field` for a write the database refused because a district it names does not exist in its
 * municipality (the row's own check, ADR 0026), or undefined for any other error. The driver's error may come wrapped
 * (the ORM's exception, a transaction helper's `cause`); its detail lists the unknown ids, as the client sent them.
 */
export function unknownDistrictsRefused(error: unknown, field: string): DomainException | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; current = (current as { cause?: unknown }).cause, depth += 1) {
    const { code, constraint, detail } = current as { code?: unknown; constraint?: unknown; detail?: unknown };
    if (code === '23503' && constraint === DISTRICTS_KNOWN) return DomainException.invalidField(field, `unknown district id(s): ${typeof detail === 'string' ? detail : ''}`);
  }
  return undefined;
}

export async function assertOrganizationExists(em: EntityManager, id: string | null | undefined, field: string): Promise<void> {
  if (!id) return;
  const found = await em.count(Organization, { id });
  if (found === 0) throw DomainException.invalidField(field, `unknown organization id: ${id}`);
}
