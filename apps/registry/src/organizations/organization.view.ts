import type { OrganizationEventData } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import type { PlainRow } from '@tsunagu/platform-persistence';
import { toKatakana } from '../shared/japanese-text';
import type { Organization } from './organization.entity';
import type { OrganizationView, UpdateOrganizationCommand } from './organization.dto';

export function organizationView(organization: PlainRow<Organization>): OrganizationView {
  return {
    id: organization.id,
    name: organization.name,
    kana: organization.kana,
    type: organization.type,
    fields: [...organization.fields],
    jusouRoles: [...organization.jusouRoles],
    operation: organization.operation,
    isAppiPrivateOperator: organization.isAppiPrivateOperator,
    districtIds: [...organization.districtIds],
    contact: organization.contact,
    description: organization.description,
    archived: organization.archived,
    version: organization.version,
  };
}

export function organizationEventData(organization: Organization): OrganizationEventData {
  return { organizationId: organization.id, type: organization.type, districtIds: [...organization.districtIds] };
}

export function applyOrganizationFields(organization: Organization, fields: Omit<UpdateOrganizationCommand, 'version'>): void {
  for (const field of ['name', 'type'] as const) {
    if (fields[field] === null) throw DomainException.invalidField(field, `${field} cannot be empty`);
  }
  if (fields.name !== undefined) organization.name = fields.name.trim();
  if (fields.kana !== undefined) organization.kana = toKatakana(fields.kana ?? '');
  if (fields.type !== undefined) organization.type = fields.type;
  if (fields.fields !== undefined) organization.fields = [...(fields.fields ?? [])];
  if (fields.jusouRoles !== undefined) organization.jusouRoles = [...(fields.jusouRoles ?? [])];
  if (fields.operation !== undefined) organization.operation = fields.operation;
  if (fields.isAppiPrivateOperator !== undefined) organization.isAppiPrivateOperator = fields.isAppiPrivateOperator ?? false;
  if (fields.districtIds !== undefined) organization.districtIds = [...(fields.districtIds ?? [])];
  if (fields.contact !== undefined) organization.contact = fields.contact ? { ...fields.contact } : null;
  if (fields.description !== undefined) organization.description = fields.description;
  if (fields.archived !== undefined) organization.archived = fields.archived ?? false;
}
