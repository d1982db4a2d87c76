import type { CouncilEstablishedData, CouncilMeetingHeldData } from '@tsunagu/contracts';
import { DomainException } from '@tsunagu/platform-errors';
import type { PlainRow } from '@tsunagu/platform-persistence';
import type { Council } from './council.entity';
import type { CouncilMeeting } from './council-meeting.entity';
import type { CouncilMeetingView, CouncilView, EstablishCouncilCommand, RecordCouncilMeetingCommand } from './council.dto';

export function councilView(council: PlainRow<Council>): CouncilView {
  return {
    id: council.id,
    layer: council.layer,
    name: council.name,
    districtId: council.districtId,
    establishedOn: council.establishedOn,
    members: council.members.map((member) => ({ ...member })),
    status: council.status,
    version: council.version,
  };
}

export function councilEventData(council: Council): CouncilEstablishedData {
  return { councilId: council.id, layer: council.layer, districtId: council.districtId, status: council.status, establishedOn: council.establishedOn };
}

export function applyCouncilFields(council: Council, fields: Partial<EstablishCouncilCommand>): void {
  for (const field of ['layer', 'name'] as const) {
    if (fields[field] === null) throw DomainException.invalidField(field, `${field} cannot be empty`);
  }
  if (fields.layer !== undefined) council.layer = fields.layer;
  if (fields.name !== undefined) council.name = fields.name.trim();
  if (fields.districtId !== undefined) council.districtId = fields.districtId;
  if (fields.establishedOn !== undefined) council.establishedOn = fields.establishedOn;
  if (fields.members !== undefined) council.members = (fields.members ?? []).map((member) => ({ ...member }));
  if (fields.status !== undefined) council.status = fields.status ?? 'preparing';
  // Layer 2 is one council per コミュニティ協議会 district; layer 1 covers the whole city.
  if (council.layer === 2 && !council.districtId) throw DomainException.invalidField('districtId', 'a layer-2 council belongs to a district');
  if (council.layer === 1 && council.districtId) throw DomainException.invalidField('districtId', 'a layer-1 council covers the whole municipality');
}

export function councilMeetingView(meeting: PlainRow<CouncilMeeting>): CouncilMeetingView {
  return {
    id: meeting.id,
    councilId: meeting.council,
    heldOn: meeting.heldOn,
    participantsCount: meeting.participantsCount,
    issuesRaised: [...meeting.issuesRaised],
    actionsAgreed: [...meeting.actionsAgreed],
    version: meeting.version,
  };
}

export function councilMeetingEventData(council: Council, meeting: CouncilMeeting): CouncilMeetingHeldData {
  return {
    councilId: council.id,
    meetingId: meeting.id,
    districtId: council.districtId,
    heldOn: meeting.heldOn,
    participantsCount: meeting.participantsCount,
  };
}

export function applyCouncilMeetingFields(meeting: CouncilMeeting, fields: Partial<RecordCouncilMeetingCommand>): void {
  if (fields.heldOn === null) throw DomainException.invalidField('heldOn', 'heldOn cannot be empty');
  if (fields.heldOn !== undefined) meeting.heldOn = fields.heldOn;
  if (fields.participantsCount !== undefined) meeting.participantsCount = fields.participantsCount;
  if (fields.issuesRaised !== undefined) meeting.issuesRaised = [...(fields.issuesRaised ?? [])];
  if (fields.actionsAgreed !== undefined) meeting.actionsAgreed = [...(fields.actionsAgreed ?? [])];
}
