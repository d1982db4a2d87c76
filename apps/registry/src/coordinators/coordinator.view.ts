import type { CoordinatorAssignedData } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import type { PlainRow } from '@tsunagu/platform-persistence';
import type { Coordinator } from './coordinator.entity';
import type { AssignCoordinatorCommand, CoordinatorView } from './coordinator.dto';

export function coordinatorView(coordinator: PlainRow<Coordinator>): CoordinatorView {
  return {
    id: coordinator.id,
    staffDisplayName: coordinator.staffDisplayName,
    staffSubject: coordinator.staffSubject,
    layer: coordinator.layer,
    districtIds: [...coordinator.districtIds],
    employerOrganizationId: coordinator.employerOrganizationId,
    assignedFrom: coordinator.assignedFrom,
    assignedTo: coordinator.assignedTo,
    version: coordinator.version,
  };
}

export function coordinatorEventData(coordinator: Coordinator): CoordinatorAssignedData {
  return {
    coordinatorId: coordinator.id,
    layer: coordinator.layer,
    districtIds: [...coordinator.districtIds],
    employerOrganizationId: coordinator.employerOrganizationId,
    assignedFrom: coordinator.assignedFrom,
    assignedTo: coordinator.assignedTo,
  };
}

export function applyCoordinatorFields(coordinator: Coordinator, fields: Partial<AssignCoordinatorCommand>): void {
  for (const field of ['staffDisplayName', 'layer', 'assignedFrom'] as const) {
    if (fields[field] === null) throw DomainException.invalidField(field, `${field} cannot be empty`);
  }
  if (fields.staffDisplayName !== undefined) coordinator.staffDisplayName = fields.staffDisplayName.trim();
  if (fields.staffSubject !== undefined) coordinator.staffSubject = fields.staffSubject;
  if (fields.layer !== undefined) coordinator.layer = fields.layer;
  if (fields.districtIds !== undefined) coordinator.districtIds = [...(fields.districtIds ?? [])];
  if (fields.employerOrganizationId !== undefined) coordinator.employerOrganizationId = fields.employerOrganizationId;
  if (fields.assignedFrom !== undefined) coordinator.assignedFrom = fields.assignedFrom;
  if (fields.assignedTo !== undefined) coordinator.assignedTo = fields.assignedTo;
  if (coordinator.assignedTo !== null && coordinator.assignedTo < coordinator.assignedFrom) {
    throw DomainException.invalidField('assignedTo', 'assignedTo must not be before assignedFrom');
  }
  if (coordinator.layer === 2 && coordinator.districtIds.length === 0) {
    throw DomainException.invalidField('districtIds', 'a layer-2 coordinator covers at least one district');
  }
}
