import { SetMetadata } from '@nestjs/common';
import type { Role } from '@tsunagu/platform-context';

export const ROLES_METADATA = 'tsunagu:roles';

/**
 * Roles that may call a route (any one of them suffices). On a controller it applies to every route;
 * on a method it replaces the controller's list. Routes without it need only a valid token, so put
 * it on every controller that touches protected data.
 */
export const Roles = (...roles: Role[]): ClassDecorator & MethodDecorator => SetMetadata(ROLES_METADATA, roles);

export const CITY_STAFF_ONLY_METADATA = 'tsunagu:city-staff-only';

/**
 * Municipality-wide decisions (settings that apply to every desk, e.g. the inactivity rule or the matching weights):
 * only the city's own staff, never a contracted desk's supervisor or a machine client, whatever their roles.
 */
export const CityStaffOnly = (): ClassDecorator & MethodDecorator => SetMetadata(CITY_STAFF_ONLY_METADATA, true);
