import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ResourceUpdated } from '@tsunagu/contracts';
import { DomainErrorCode, DomainException } from '@tsunagu/platform-errors';
import { findOrFail, assertVersion } from '@tsunagu/platform-persistence';
import { EventRecorder } from '@tsunagu/platform-messaging';
import { assertDistrictsExist, assertOrganizationExists } from '../shared/references';
import { CommunityResource } from './community-resource.entity';
import type { ResourceView, UpdateResourceCommand } from './resource.dto';
import { applyResourceFields } from './resource-fields';
import { resourceEventData, resourceView } from './resource.view';

/**
 * Edits a resource from a known version. The version check runs twice: here against what was loaded,
 * and in the UPDATE … WHERE version = ? that catches a concurrent edit committed in between.
 */
@Injectable()
export class UpdateResourceUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: EventRecorder,
  ) {}

  async execute(id: string, command: UpdateResourceCommand, expectedVersion: number): Promise<ResourceView> {
    return this.em.transactional(async (em) => {
      const resource = await findOrFail(em, CommunityResource, 'CommunityResource', id);
      assertVersion(resource, expectedVersion, 'CommunityResource');
      if (resource.status === 'retired') {
        throw new DomainException(DomainErrorCode.Conflict, `CommunityResource ${id} is retired (廃止) and can no longer be edited`);
      }
      const { version: _version, ...fields } = command;
      if (fields.districtIds) await assertDistrictsExist(em, fields.districtIds, 'districtIds');
      await assertOrganizationExists(em, fields.organizationId, 'organizationId');
      applyResourceFields(resource, fields);
      await em.flush();
      this.events.record(em, ResourceUpdated, resource.id, resourceEventData(resource));
      return resourceView(resource);
    });
  }
}
