import type { EntityManager } from '@mikro-orm/core';
import { recordScopeOf } from '@tsunagu/platform-auth';
import { TenantContext } from '@tsunagu/platform-context';
import { DomainException, findOrFail } from '@tsunagu/platform-http';
import { Match } from './match.entity';

/**
 * Loads a match the caller may see. Agency users and clients of a host organisation see only matches at
 * their organisation, and only once the host may know of the person (from 見学 on, under consent); anything
 * else answers 404, so ids cannot be probed (OWASP API1).
 */
export async function findVisibleMatch(em: EntityManager, id: string): Promise<Match> {
  const match = await findOrFail(em, Match, 'Match', id);
  const principal = TenantContext.principal();
  if (principal && recordScopeOf(principal) === 'agency' && (match.hostOrganizationId !== principal.agency || match.status === 'proposed')) {
    throw DomainException.notFound('Match', id);
  }
  return match;
}
