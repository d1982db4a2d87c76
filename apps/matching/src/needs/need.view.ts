import type { NeedEventData } from '@tsunagu/contracts';
import type { MatchNeed } from '@tsunagu/matching-engine';
import type { PlainRow } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { cleanWords, uniqueSlots } from '../shared/slot.dto';
import type { NeedFields, NeedView } from './need.dto';
import { allowedNeedStatuses } from './need-status';
import type { ParticipationNeed } from './participation-need.entity';

/**
 * The need as the caller may see it: when the person is under DV address protection and the caller's role is not in
 * MATCHING_DV_ADDRESS_ROLES (`masked`), home and preferred districts are withheld and addressMasked says so.
 */
export function needView(need: PlainRow<ParticipationNeed>, masked: boolean): NeedView {
  return {
    id: need.id,
    personId: need.personId,
    caseId: need.caseId,
    purposes: [...need.purposes],
    interests: [...need.interests],
    homeDistrictId: masked ? null : need.homeDistrictId,
    preferredDistrictIds: masked ? [] : [...need.preferredDistrictIds],
    addressMasked: masked && (need.homeDistrictId !== null || need.preferredDistrictIds.length > 0),
    addressProtected: need.addressProtected,
    travelRange: need.travelRange,
    travelMeans: [...need.travelMeans],
    availability: need.availability.map((slot) => ({ ...slot })),
    maxPhysicalLoad: need.maxPhysicalLoad,
    maxGroupSize: need.maxGroupSize,
    accommodations: [...need.accommodations],
    maxFee: need.maxFee,
    notes: need.notes,
    status: need.status,
    allowedStatuses: [...allowedNeedStatuses(need.status)],
    registeredOn: need.registeredOn,
    registeredBy: need.registeredBy,
    version: need.version,
  };
}

/** Copies the fields a request carried (undefined = unchanged). */
export function applyNeedFields(need: ParticipationNeed, fields: Partial<NeedFields>): void {
  if (fields.purposes !== undefined) need.purposes = [...fields.purposes];
  if (fields.interests !== undefined) need.interests = cleanWords(fields.interests);
  if (fields.homeDistrictId !== undefined) need.homeDistrictId = fields.homeDistrictId;
  if (fields.preferredDistrictIds !== undefined) need.preferredDistrictIds = [...fields.preferredDistrictIds];
  if (fields.travelRange !== undefined) need.travelRange = fields.travelRange;
  if (fields.travelMeans !== undefined) need.travelMeans = [...fields.travelMeans];
  if (fields.availability !== undefined) need.availability = uniqueSlots(fields.availability);
  if (fields.maxPhysicalLoad !== undefined) need.maxPhysicalLoad = fields.maxPhysicalLoad;
  if (fields.maxGroupSize !== undefined) need.maxGroupSize = fields.maxGroupSize;
  if (fields.accommodations !== undefined) need.accommodations = [...fields.accommodations];
  if (fields.maxFee !== undefined) need.maxFee = fields.maxFee;
  if (fields.notes !== undefined) need.notes = fields.notes;
}

/** The need's event: no district of a person under DV address protection leaves matching. */
export function needEventData(need: ParticipationNeed): NeedEventData {
  return {
    needId: need.id,
    personId: need.personId,
    caseId: need.caseId,
    purposes: [...need.purposes],
    homeDistrictId: need.addressProtected ? null : need.homeDistrictId,
    preferredDistrictIds: need.addressProtected ? [] : [...need.preferredDistrictIds],
    status: need.status,
    registeredOn: need.registeredOn,
    occurredOn: todayInJapan(),
  };
}

/** The need as the engine ranks it. */
export function engineNeed(need: ParticipationNeed): MatchNeed {
  return {
    purposes: need.purposes,
    interests: need.interests,
    homeDistrictId: need.homeDistrictId,
    reachableDistrictIds: need.preferredDistrictIds,
    travelRange: need.travelRange,
    availability: need.availability,
    maxPhysicalLoad: need.maxPhysicalLoad,
    maxGroupSize: need.maxGroupSize,
    // Transport (送迎) is a means the person needs, so it is a required accommodation as well.
    accommodations: need.travelMeans.includes('needs-transport') && !need.accommodations.includes('transport') ? [...need.accommodations, 'transport'] : need.accommodations,
    maxFee: need.maxFee,
  };
}
