import { applyDecorators } from '@nestjs/common';
import { Audited, AuditedAction, type AuditAction } from '@tsunagu/platform-audit';
import { Roles } from '@tsunagu/platform-auth';
import type { Role } from '@tsunagu/platform-context';

/*
 * Who may use the registry. Its records are not personal data, so every staff role and agency clients may
 * read them (agencies look up resources to refer people to); only admins and 生活支援コーディネーター change
 * them. Writes leave an audit record; reads of this public-kind data do not.
 */
export const READ_ROLES: readonly Role[] = ['admin', 'supervisor', 'caseworker', 'outreach-worker', 'participation-worker', 'coordinator', 'agency', 'analyst'];
export const WRITE_ROLES: readonly Role[] = ['admin', 'coordinator'];

/** Controller level: any staff role or an agency may read. */
export const RegistryReader = (): ClassDecorator & MethodDecorator => Roles(...READ_ROLES);

/** Method level: a write by admin or coordinator, audited as `resourceType`. */
export const RegistryWriter = (resourceType: string, action?: AuditAction): MethodDecorator =>
  applyDecorators(Roles(...WRITE_ROLES), Audited(resourceType), ...(action ? [AuditedAction(action)] : []));

/** Method level: admin only (municipality settings, bulk HSDS import). */
export const RegistryAdmin = (resourceType: string, action?: AuditAction): MethodDecorator =>
  applyDecorators(Roles('admin'), Audited(resourceType), ...(action ? [AuditedAction(action)] : []));

/** Method level: a bulk read worth an audit record (exports leave the system). */
export const AuditedExport = (resourceType: string): MethodDecorator => applyDecorators(Audited(resourceType), AuditedAction('export'));
