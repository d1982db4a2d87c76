import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { CoordinatorAssigned } from '@tsunagu/contracts';
import { paging } from '@tsunagu/platform-http';
import { listPlainRows, type ListPage, findOrFail, assertVersion } from '@tsunagu/platform-persistence';
import { todayInJapan } from '@tsunagu/util-japanese-calendar';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { assertDistrictsExist, assertOrganizationExists } from '../shared/references';
import { Coordinator } from './coordinator.entity';
import type { AssignCoordinatorCommand, CoordinatorListQuery, CoordinatorView, UpdateCoordinatorCommand } from './coordinator.dto';
import { applyCoordinatorFields, coordinatorEventData, coordinatorView } from './coordinator.view';

@Injectable()
export class ListCoordinatorsUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(query: CoordinatorListQuery): Promise<ListPage<CoordinatorView>> {
    const page = paging(query, ['staffDisplayName', 'layer', 'assignedFrom', 'createdAt', 'id'], 'layer');
    const and: FilterQuery<Coordinator>[] = [];
    if (query.layer) and.push({ layer: query.layer });
    if (query.district) and.push({ districtIds: { $contains: [query.district] } });
    if (query.organization) and.push({ employerOrganizationId: query.organization });
    const today = todayInJapan();
    if (query.current === true) and.push({ assignedFrom: { $lte: today }, $or: [{ assignedTo: null }, { assignedTo: { $gte: today } }] });
    if (query.current === false) and.push({ assignedTo: { $lt: today } });
    if (query.q) and.push({ staffDisplayName: { $ilike: `%${query.q.normalize('NFKC').replace(/[\\%_]/g, (c) => `\\${c}`)}%` } });
    return listPlainRows(this.em, Coordinator, and.length ? { $and: and } : {}, page, coordinatorView);
  }
}

@Injectable()
export class GetCoordinatorUseCase {
  constructor(private readonly em: EntityManager) {}

  async execute(id: string): Promise<CoordinatorView> {
    return coordinatorView(await findOrFail(this.em, Coordinator, 'Coordinator', id));
  }
}

/** Assigns a 生活支援コーディネーター; a changed layer, district set or period is a new assignment event. */
@Injectable()
export class AssignCoordinatorUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(command: AssignCoordinatorCommand): Promise<CoordinatorView> {
    return this.em.transactional(async (em) => {
      await assertDistrictsExist(em, command.districtIds ?? [], 'districtIds');
      await assertOrganizationExists(em, command.employerOrganizationId, 'employerOrganizationId');
      const coordinator = new Coordinator();
      applyCoordinatorFields(coordinator, command);
      em.persist(coordinator);
      await em.flush();
      this.events.record(em, CoordinatorAssigned, coordinator.id, coordinatorEventData(coordinator));
      return coordinatorView(coordinator);
    });
  }
}

@Injectable()
export class UpdateCoordinatorUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(id: string, command: UpdateCoordinatorCommand, expectedVersion: number): Promise<CoordinatorView> {
    return this.em.transactional(async (em) => {
      const coordinator = await findOrFail(em, Coordinator, 'Coordinator', id);
      assertVersion(coordinator, expectedVersion, 'Coordinator');
      const { version: _version, ...fields } = command;
      if (fields.districtIds) await assertDistrictsExist(em, fields.districtIds, 'districtIds');
      await assertOrganizationExists(em, fields.employerOrganizationId, 'employerOrganizationId');
      const before = JSON.stringify(coordinatorEventData(coordinator));
      applyCoordinatorFields(coordinator, fields);
      await em.flush();
      if (JSON.stringify(coordinatorEventData(coordinator)) !== before) {
        this.events.record(em, CoordinatorAssigned, coordinator.id, coordinatorEventData(coordinator));
      }
      return coordinatorView(coordinator);
    });
  }
}
