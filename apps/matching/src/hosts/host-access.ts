import type { EntityManager } from '@mikro-orm/core';
import { recordScopeOf } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException } from '@tsunagu/platform-errors';
import { Host } from './host.entity';

/**
 * Loads a host the caller may act for: staff any host of the municipality, agency users and clients only
 * their own organisation's. Named in a request body (`field`), a host out of reach is a 400 on that field;
 * in the path, a 404 — either way nobody learns that another organisation's host exists.
 */
export async function findWritableHost(em: EntityManager, id: string, field?: string): Promise<Host> {
  const host = await em.findOne(Host, { id });
  const principal = TenantContext.principal();
  const outOfReach = !host || (principal !== undefined && recordScopeOf(principal) === 'agency' && host.organizationId !== principal.agency);
  if (outOfReach) {
    if (field) throw DomainException.invalidField(field, `unknown host ${id}`);
    throw DomainException.notFound('Host', id);
  }
  return host;
}
