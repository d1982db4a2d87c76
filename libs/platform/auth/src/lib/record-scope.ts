import type { Principal, RecordScope, Role } from '@tsunagu/platform-context';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';

/** OAuth scope that narrows a staff user to records they own or are assigned (docs/security/tokens.md). */
export const OWN_RECORDS_SCOPE = 'records:own';

/** A record the caller asks for, named so a refusal can answer 404 without saying whether it exists. */
export interface RecordRef {
  resource: string;
  id: string;
}

/**
 * How far a caller reaches (Primero's record-query scope): agency staff and clients see their
 * organisation's records, a token with the `records:own` scope only what the caller owns or is
 * assigned, everyone else the whole municipality. Roles still decide *what* they may do.
 */
export function recordScopeOf(principal: Principal): RecordScope {
  if (principal.agency !== undefined || isAgencyOnly(principal.roles)) return 'agency';
  if (principal.scopes.includes(OWN_RECORDS_SCOPE)) return 'own';
  return 'municipality';
}

function isAgencyOnly(roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((role) => role === 'agency');
}

/** What a list query must be narrowed to, beyond the municipality filter the ORM already applies. */
export type RecordFilter =
  | { scope: 'municipality' }
  | { scope: 'agency'; agency: string }
  | { scope: 'own'; subject: string };

/**
 * The narrowing a list endpoint applies for the caller. An agency-scoped caller without an agency id
 * gets an impossible filter rather than everything (fail closed).
 */
export function recordFilterOf(principal: Principal): RecordFilter {
  switch (recordScopeOf(principal)) {
    case 'agency':
      return { scope: 'agency', agency: principal.agency ?? '\u0000no-agency' };
    case 'own':
      return { scope: 'own', subject: principal.subject };
    default:
      return { scope: 'municipality' };
  }
}

function deny(ref: RecordRef | undefined, reason: string): never {
  // A record outside the caller's reach is reported as missing, so ids cannot be probed (OWASP API1).
  if (ref) throw DomainException.notFound(ref.resource, ref.id);
  throw new DomainException(DomainErrorCode.Forbidden, reason);
}

/** The record belongs to the caller's municipality (defence in depth on top of the ORM filter). */
export function assertSameMunicipality(principal: Principal, municipality: string, ref?: RecordRef): void {
  if (principal.municipality !== municipality) deny(ref, 'The record belongs to another municipality');
}

/**
 * Object-level check for records that involve organisations (referrals, cases, resources): a
 * municipality-scoped caller passes, an agency-scoped caller only when its organisation is one of
 * `organizationIds`, an own-scoped caller never (use `assertOwnAccess`).
 */
export function assertAgencyAccess(principal: Principal, organizationIds: readonly (string | null | undefined)[], ref?: RecordRef): void {
  const scope = recordScopeOf(principal);
  if (scope === 'municipality') return;
  if (scope === 'agency' && principal.agency !== undefined && organizationIds.includes(principal.agency)) return;
  deny(ref, 'The record does not involve your organisation');
}

/** Object-level check for own/assigned records: the caller is one of `ownerSubjects`, or has a wider scope. */
export function assertOwnAccess(principal: Principal, ownerSubjects: readonly (string | null | undefined)[], ref?: RecordRef): void {
  const scope = recordScopeOf(principal);
  if (scope === 'municipality') return;
  if (ownerSubjects.includes(principal.subject)) return;
  deny(ref, 'The record is not assigned to you');
}

export interface ScopedRecord {
  municipality: string;
  /** Organisations the record involves (referral targets, case members, resource operators). */
  organizationIds?: readonly (string | null | undefined)[];
  /** Subjects that own or are assigned the record. */
  ownerSubjects?: readonly (string | null | undefined)[];
}

/** The one call a get-by-id route makes: municipality, then agency or ownership by the caller's scope. */
export function assertRecordAccess(principal: Principal, record: ScopedRecord, ref?: RecordRef): void {
  assertSameMunicipality(principal, record.municipality, ref);
  switch (recordScopeOf(principal)) {
    case 'agency':
      assertAgencyAccess(principal, record.organizationIds ?? [], ref);
      return;
    case 'own':
      assertOwnAccess(principal, record.ownerSubjects ?? [], ref);
      return;
    default:
      return;
  }
}
