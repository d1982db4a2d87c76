import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { CouncilEstablished, CouncilMeetingHeld } from '@tsunagu/contracts';
import { paging } from '@tsunagu/platform-http';
import { DomainException } from '@tsunagu/platform-errors';
import { listPlainRows, type ListPage, findOrFail, assertVersion } from '@tsunagu/platform-persistence';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { assertDistrictsExist, assertOrganizationExists } from '../shared/references';
import { Council } from './council.entity';
import { CouncilMeeting } from './council-meeting.entity';
import type {
  CouncilListQuery,
  CouncilMeetingListQuery,
  CouncilMeetingView,
  CouncilView,
  EstablishCouncilCommand,
  RecordCouncilMeetingCommand,
  UpdateCouncilCommand,
  UpdateCouncilMeetingCommand,
} from './council.dto';
import { applyCouncilFields, applyCouncilMeetingFields, councilEventData, councilMeetingEventData, councilMeetingView, councilView } from './council.view';

async function checkReferences(em: EntityManager, fields: Partial<EstablishCouncilCommand>): Promise<void> {
  if (fields.districtId) await assertDistrictsExist(em, [fields.districtId], 'districtId');
  for (const [index, member] of (fields.members ?? []).entries()) {
    await assertOrganizationExists(em, member.organizationId, `members.${index}.organizationId`);
  }
}

@Injectable()
export class ListCouncilsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: CouncilListQuery): Promise<ListPage<CouncilView>> {
    const page = paging(query, ['name', 'layer', 'establishedOn', 'createdAt', 'id'], 'layer');
    const and: FilterQuery<Council>[] = [];
    if (query.layer) and.push({ layer: query.layer });
    if (query.district) and.push({ districtId: query.district });
    if (query.status) and.push({ status: query.status });
    if (query.q) and.push({ name: { $ilike: `%${query.q.normalize('NFKC').replace(/[\\%_]/g, (c) => `\\${c}`)}%` } });
    return listPlainRows(this.em, Council, and.length ? { $and: and } : {}, page, councilView);
  }
}

@Injectable()
export class GetCouncilUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string): Promise<CouncilView> {
    return councilView(await findOrFail(this.em, Council, 'Council', id));
  }
}

@Injectable()
export class EstablishCouncilUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(command: EstablishCouncilCommand): Promise<CouncilView> {
    return this.em.transactional(async (em) => {
      await checkReferences(em, command);
      const council = new Council();
      applyCouncilFields(council, command);
      em.persist(council);
      await em.flush();
      this.events.record(em, CouncilEstablished, council.id, councilEventData(council));
      return councilView(council);
    });
  }
}

@Injectable()
export class UpdateCouncilUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string, command: UpdateCouncilCommand, expectedVersion: number): Promise<CouncilView> {
    return this.em.transactional(async (em) => {
      const council = await findOrFail(em, Council, 'Council', id);
      assertVersion(council, expectedVersion, 'Council');
      const { version: _version, ...fields } = command;
      await checkReferences(em, fields);
      applyCouncilFields(council, fields);
      await em.flush();
      return councilView(council);
    });
  }
}

@Injectable()
export class ListCouncilMeetingsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(councilId: string, query: CouncilMeetingListQuery): Promise<ListPage<CouncilMeetingView>> {
    await findOrFail(this.em, Council, 'Council', councilId);
    const page = paging(query, ['heldOn', 'createdAt', 'id'], '-heldOn');
    return listPlainRows(this.em, CouncilMeeting, { council: councilId }, page, councilMeetingView);
  }
}

@Injectable()
export class RecordCouncilMeetingUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(councilId: string, command: RecordCouncilMeetingCommand): Promise<CouncilMeetingView> {
    return this.em.transactional(async (em) => {
      const council = await findOrFail(em, Council, 'Council', councilId);
      const meeting = new CouncilMeeting();
      meeting.council = council.id;
      applyCouncilMeetingFields(meeting, command);
      em.persist(meeting);
      await em.flush();
      this.events.record(em, CouncilMeetingHeld, council.id, councilMeetingEventData(council, meeting));
      return councilMeetingView(meeting);
    });
  }
}

@Injectable()
export class UpdateCouncilMeetingUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(councilId: string, meetingId: string, command: UpdateCouncilMeetingCommand, expectedVersion: number): Promise<CouncilMeetingView> {
    return this.em.transactional(async (em) => {
      const meeting = await em.findOne(CouncilMeeting, { id: meetingId, council: councilId });
      if (!meeting) throw DomainException.notFound('CouncilMeeting', meetingId);
      assertVersion(meeting, expectedVersion, 'CouncilMeeting');
      const { version: _version, ...fields } = command;
      applyCouncilMeetingFields(meeting, fields);
      await em.flush();
      return councilMeetingView(meeting);
    });
  }
}
