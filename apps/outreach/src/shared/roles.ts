import type { Role } from '@tsunagu/platform-context';

/** Staff who work with outreach targets across the municipality (アウトリーチ支援員, 係長, admin). */
export const OUTREACH_STAFF_ROLES: Role[] = ['outreach-worker', 'supervisor', 'admin'];

/**
 * Staff, desk caseworkers and agency systems (e.g. a 社協 contracted for outreach): all but the city-wide roles are narrowed
 * to the targets assigned to their desk (TargetAccess).
 */
export const OUTREACH_STAFF_AND_AGENCY_ROLES: Role[] = [...OUTREACH_STAFF_ROLES, 'caseworker', 'agency'];

/** Who may change the municipality's outreach settings (the inactivity rule). */
export const OUTREACH_SETTINGS_ROLES: Role[] = ['supervisor', 'admin'];
