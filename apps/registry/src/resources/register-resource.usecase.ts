import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ResourceRegistered } from '@tsunagu/contracts';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { insertWithCommit } from '@tsunagu/platform-persistence';
import { assertDistrictsExist, assertOrganizationExists } from '../shared/references';
import { CommunityResource } from './community-resource.entity';
import type { RegisterResourceCommand, ResourceView } from './resource.dto';
import { applyResourceFields } from './resource-fields';
import { resourceEventData, resourceView } from './resource.view';

/** Registers a resource in 準備中; it becomes 実施中 through `publish`. */
@Injectable()
export class RegisterResourceUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  /**
   * One resource per request, the create every desk and agency sends: its row, its event and its audit record travel
   * with the COMMIT, outside the unit of work (ADR 0023) — two round trips in all.
   */
  async execute(command: RegisterResourceCommand): Promise<ResourceView> {
    return this.em.transactional(async (em) => {
      const resource = await this.checked(em, command, 'preparing');
      this.events.record(em, ResourceRegistered, resource.id, resourceEventData(resource));
      await insertWithCommit(em, resource);
      return resourceView(resource);
    });
  }

  /** Used by the CSV import, which registers many rows in one transaction: through the unit of work, flushed together. */
  async register(em: EntityManager, command: RegisterResourceCommand, status: CommunityResource['status'] = 'preparing'): Promise<CommunityResource> {
    const resource = await this.checked(em, command, status);
    em.persist(resource);
    // The event needs nothing the database assigns: the row and its outbox event go in one flush (issue 14).
    this.events.record(em, ResourceRegistered, resource.id, resourceEventData(resource));
    await em.flush();
    return resource;
  }

  /** The new resource from a command whose references exist (refused as a 422 naming the field otherwise). */
  private async checked(em: EntityManager, command: RegisterResourceCommand, status: CommunityResource['status']): Promise<CommunityResource> {
    await assertDistrictsExist(em, command.districtIds, 'districtIds');
    await assertOrganizationExists(em, command.organizationId, 'organizationId');
    const resource = new CommunityResource();
    applyResourceFields(resource, command);
    resource.status = status;
    return resource;
  }
}
