import { unsafeTextReason } from '@tsunagu/platform-http';
import { ROLES, type Principal, type Role } from '@tsunagu/platform-context';

/** Raised when a verified token does not carry the claims Tsunagu needs (docs/security/tokens.md). */
export class InvalidClaimsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidClaimsError';
  }
}

const MUNICIPALITY_CODE = /^\d{6}$/;
/** Longest display name kept from a `name` claim (an IdP may carry anything; the directory's column holds this much). */
export const STAFF_NAME_MAX = 100;
const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

/** Claims of a Tsunagu access token after signature and time checks (see docs/security/tokens.md). */
export interface AccessTokenClaims {
  sub?: unknown;
  municipality?: unknown;
  roles?: unknown;
  agency?: unknown;
  scope?: unknown;
  client_id?: unknown;
  name?: unknown;
  [claim: string]: unknown;
}

/** A `name` claim as the staff directory keeps it (NFC, at most STAFF_NAME_MAX); none when it is not storable text. */
function displayNameOf(name: string): string {
  if (unsafeTextReason(name) !== undefined) return '';
  // eslint-disable-next-line no-control-regex -- control characters (line breaks, tabs) do not belong in a name
  return name.replace(/[\u0000-\u001f\u007f]/g, ' ').normalize('NFC').trim().slice(0, STAFF_NAME_MAX).trim();
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
  // RFC 9068: client-credentials tokens carry the client id as their subject.
  const client = typeof claims.client_id === 'string' && claims.client_id === claims.sub;
  const displayName = !client && typeof claims.name === 'string' ? displayNameOf(claims.name) : '';
  return {
    subject: claims.sub,
    municipality: claims.municipality,
    roles,
    ...(typeof claims.agency === 'string' ? { agency: claims.agency } : {}),
    scopes,
    client,
    ...(displayName ? { displayName } : {}),
  };
}
