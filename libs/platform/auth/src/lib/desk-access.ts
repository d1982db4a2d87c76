import type { DeskAccessConfig } from '@tsunagu/platform-config';
import type { Principal, Role } from '@tsunagu/platform-context';

/**
 * Where the desk model of issue 13 starts (docs/security/access-model.md): every staff principal works at one desk
 * (organisation). Staff of contracted desks carry it as the `agency` claim; city staff carry none and work at the
 * municipality's own desk (つながる福祉相談窓口), configured per service as `CITY_DESK_ORGANIZATION_ID`.
 */
export interface DeskAccessSettings {
  /** Organisation id of the municipality's own desk (the desk of city staff, who carry no `agency` claim). */
  cityDeskOrganizationId?: string;
  /** City roles that read every record of the municipality (`CITY_WIDE_READ_ROLES`); never contracted desks. */
  cityWideReadRoles: readonly Role[];
}

/** Default of `CITY_WIDE_READ_ROLES`: the city's supervisors, 多機関協働 coordinators and auditors. */
export const DEFAULT_CITY_WIDE_READ_ROLES: readonly Role[] = ['supervisor', 'coordinator', 'auditor'];

/** City staff: a person of the municipality itself, not of a contracted desk nor a machine client. */
export function isCityStaff(principal: Principal): boolean {
  return principal.agency === undefined && !principal.client;
}

/** The organisation whose relationships with a person open it to the caller; undefined when there is none. */
export function effectiveOrganizationOf(principal: Principal, settings: Pick<DeskAccessSettings, 'cityDeskOrganizationId'>): string | undefined {
  return principal.agency ?? (isCityStaff(principal) ? settings.cityDeskOrganizationId : undefined);
}

/** Whether the caller reads the whole municipality rather than through relationships (a municipality setting). */
export function readsCityWide(principal: Principal, settings: Pick<DeskAccessSettings, 'cityWideReadRoles'>): boolean {
  return isCityStaff(principal) && principal.roles.some((role) => settings.cityWideReadRoles.includes(role));
}

/** The settings a service's configuration (`deskAccessVariables`) gives: the city desk and the city-wide roles. */
export function deskAccessSettingsOf(config: DeskAccessConfig): DeskAccessSettings {
  const roles = config.CITY_WIDE_READ_ROLES.split(',').map((role) => role.trim()).filter((role) => role.length > 0) as Role[];
  return { cityDeskOrganizationId: config.CITY_DESK_ORGANIZATION_ID || undefined, cityWideReadRoles: roles };
}
