import type { Role } from '@tsunagu/platform-context';

/** Staff who work with participation needs and matches (参加支援員, and the desk that heard the person). */
export const STAFF_ROLES: Role[] = ['participation-worker', 'caseworker', 'supervisor', 'admin'];

/** Who builds hosts and menus (メニューづくり): participation staff and the 生活支援コーディネーター. */
export const MENU_ROLES: Role[] = ['participation-worker', 'coordinator', 'supervisor', 'admin'];

/** Staff plus agency users and clients of host organisations, narrowed to their own matches. */
export const STAFF_AND_AGENCY_ROLES: Role[] = [...STAFF_ROLES, 'agency'];

/** Aggregates without personal data (menu gaps per district). */
export const AGGREGATE_ROLES: Role[] = [...STAFF_ROLES, 'coordinator', 'analyst'];

/** Who may change the municipality's scoring weights. */
export const SETTINGS_ROLES: Role[] = ['admin'];
