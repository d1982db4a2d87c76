import type { HostEventData } from '@tsunagu/contracts';
import type { PlainRow } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import type { HostFields, HostView } from './host.dto';
import type { Host } from './host.entity';

export function hostView(host: PlainRow<Host>): HostView {
  return {
    id: host.id,
    organizationId: host.organizationId,
    name: host.name,
    hostTypes: [...host.hostTypes],
    accepts: [...host.accepts],
    accommodations: [...host.accommodations],
    accommodationNotes: host.accommodationNotes,
    contactPerson: host.contactPerson,
    districtIds: [...host.districtIds],
    agreementStatus: host.agreementStatus,
    registeredOn: host.registeredOn,
    version: host.version,
  };
}

export function applyHostFields(host: Host, fields: Partial<HostFields>): void {
  if (fields.name !== undefined) host.name = fields.name;
  if (fields.hostTypes !== undefined) host.hostTypes = [...fields.hostTypes];
  if (fields.accepts !== undefined) host.accepts = [...fields.accepts];
  if (fields.accommodations !== undefined) host.accommodations = [...fields.accommodations];
  if (fields.accommodationNotes !== undefined) host.accommodationNotes = fields.accommodationNotes;
  if (fields.contactPerson !== undefined) host.contactPerson = fields.contactPerson;
  if (fields.districtIds !== undefined) host.districtIds = [...fields.districtIds];
  if (fields.agreementStatus !== undefined) host.agreementStatus = fields.agreementStatus;
}

/** Ids and codes only: the host's name and contact person stay in this service. */
export function hostEventData(host: Host): HostEventData {
  return {
    hostId: host.id,
    organizationId: host.organizationId,
    hostTypes: [...host.hostTypes],
    accepts: [...host.accepts],
    agreementStatus: host.agreementStatus,
    districtIds: [...host.districtIds],
    registeredOn: host.registeredOn,
    occurredOn: todayInJapan(),
  };
}
