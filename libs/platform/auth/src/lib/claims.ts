import { ROLES, type Principal, type Role } from '@tsunagu/platform-context';

/** Raised when a verified token does not carry the claims Tsunagu needs (docs/security/tokens.md). */
export class InvalidClaimsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidClaimsError';
  }
}

const MUNICIPALITY_CODE = /^\d{6}$/;
const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

/** Claims of a Tsunagu access token after signature and time checks (see docs/security/tokens.md). */
export interface AccessTokenClaims {
  sub?: unknown;
  municipality?: unknown;
  roles?: unknown;
  agency?: unknown;
  scope?: unknown;
  client_id?: unknown;
  [claim: string]: unknown;
}

/**
 * Turns verified claims into the Principal services work with. Unknown roles are dropped (an IdP may
 * carry roles of other applications); a missing or malformed municipality is fatal because every
 * tenant filter depends on it.
 */
export function principalFromClaims(claims: AccessTokenClaims): Principal {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new InvalidClaimsError('the token has no subject (sub)');
  if (typeof claims.municipality !== 'string' || !MUNICIPALITY_CODE.test(claims.municipality)) {
    throw new InvalidClaimsError('the token has no valid municipality claim (6-digit 全国地方公共団体コード)');
  }
  const rawRoles = Array.isArray(claims.roles) ? claims.roles : typeof claims.roles === 'string' ? claims.roles.split(' ') : [];
  const roles = [...new Set(rawRoles.filter((role): role is Role => typeof role === 'string' && KNOWN_ROLES.has(role)))];
  if (claims.agency !== undefined && claims.agency !== null && (typeof claims.agency !== 'string' || claims.agency.length === 0)) {
    throw new InvalidClaimsError('the agency claim must be an organization id');
  }
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  return {
    subject: claims.sub,
    municipality: claims.municipality,
    roles,
    ...(typeof claims.agency === 'string' ? { agency: claims.agency } : {}),
    scopes,
    // RFC 9068: client-credentials tokens carry the client id as their subject.
    client: typeof claims.client_id === 'string' && claims.client_id === claims.sub,
  };
}
