import { DomainException } from '@tsunagu/platform-errors';
import { toKatakana } from '../shared/japanese-text';
import type { CommunityResource } from './community-resource.entity';
import type { RegisterResourceCommand } from './resource.dto';

const REQUIRED = ['name', 'districtIds', 'category', 'insuranceScheme'] as const;

/**
 * Copies the fields present in a command onto a resource. `undefined` leaves a field alone; `null`
 * clears it where clearing makes sense and is refused for required fields.
 */
export function applyResourceFields(resource: CommunityResource, fields: Partial<RegisterResourceCommand>): void {
  for (const field of REQUIRED) {
    if (fields[field] === null) throw DomainException.invalidField(field, `${field} cannot be empty`);
  }
  if (fields.name !== undefined) resource.name = fields.name.trim();
  if (fields.kana !== undefined) resource.kana = toKatakana(fields.kana ?? '');
  if (fields.description !== undefined) resource.description = fields.description;
  if (fields.organizationId !== undefined) resource.organizationId = fields.organizationId;
  if (fields.districtIds !== undefined) resource.districtIds = [...fields.districtIds];
  if (fields.category !== undefined) resource.category = fields.category;
  if (fields.insuranceScheme !== undefined) resource.insuranceScheme = fields.insuranceScheme;
  if (fields.activities !== undefined) resource.activities = [...(fields.activities ?? [])];
  if (fields.eligibility !== undefined) resource.eligibility = fields.eligibility ?? 'anyone';
  if (fields.schedule !== undefined) {
    const schedule = fields.schedule;
    resource.scheduleFrequency = schedule?.frequency ?? null;
    resource.scheduleWeekdays = [...(schedule?.weekdays ?? [])];
    resource.scheduleOpensAt = schedule?.opensAt ?? null;
    resource.scheduleClosesAt = schedule?.closesAt ?? null;
    resource.scheduleNote = schedule?.note ?? null;
    if (resource.scheduleOpensAt && resource.scheduleClosesAt && resource.scheduleOpensAt >= resource.scheduleClosesAt) {
      throw DomainException.invalidField('schedule.closesAt', 'closesAt must be after opensAt');
    }
  }
  if (fields.capacity !== undefined) resource.capacity = fields.capacity;
  if (fields.fee !== undefined) resource.fee = fields.fee;
  if (fields.contact !== undefined) resource.contact = fields.contact ? { ...fields.contact } : null;
  if (fields.public !== undefined) resource.public = fields.public ?? false;
}
