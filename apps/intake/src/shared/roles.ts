import type { Role } from '@tsunagu/platform-context';

/** Staff who work with people's records across the municipality (issue 3: caseworker/supervisor/admin). */
export const STAFF_ROLES: Role[] = ['caseworker', 'supervisor', 'admin'];

/** Staff plus agency users and clients; agency callers are narrowed to their organisation's records. */
export const STAFF_AND_AGENCY_ROLES: Role[] = [...STAFF_ROLES, 'agency'];
