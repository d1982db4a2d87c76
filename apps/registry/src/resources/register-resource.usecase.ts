import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ResourceRegistered } from '@tsunagu/contracts';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { insertWithCommit } from '@tsunagu/platform-persistence';
import { assertDistrictsExist, assertOrganizationExists, unknownDistrictsRefused } from '../shared/references';
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
   * with the COMMIT, outside the unit of work (ADR 0023), and its districts are checked by the row's own trigger there
   * (ADR 0026) — one round trip in all, two with an organisation to check.
   */
  async execute(command: RegisterResourceCommand): Promise<ResourceView> {
    try {
      return await this.em.transactional(async (em) => {
        await assertOrganizationExists(em, command.organizationId, 'organizationId');
        const resource = this.build(command, 'preparing');
        this.events.record(em, ResourceRegistered, resource.id, resourceEventData(resource));
        await insertWithCommit(em, resource);
        return resourceView(resource);
      });
    } catch (error) {
      throw unknownDistrictsRefused(error, 'districtIds') ?? error;
    }
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

  /**
   * The new resource from a command whose references exist, checked before it is written (refused as a 400 naming the
   * field otherwise): an import names the row and field of each refusal, which a refused COMMIT could not.
   */
  private async checked(em: EntityManager, command: RegisterResourceCommand, status: CommunityResource['status']): Promise<CommunityResource> {
    await assertDistrictsExist(em, command.districtIds, 'districtIds');
    await assertOrganizationExists(em, command.organizationId, 'organizationId');
    return this.build(command, status);
  }

  private build(command: RegisterResourceCommand, status: CommunityResource['status']): CommunityResource {
    const resource = new CommunityResource();
    applyResourceFields(resource, command);
    resource.status = status;
    return resource;
  }
}
