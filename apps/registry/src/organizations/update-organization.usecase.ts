import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { OrganizationUpdated } from '@tsunagu/contracts';
import { assertVersion } from '@tsunagu/platform-persistence';
import { findOrFail } from '@tsunagu/platform-http';
import { RegistryEvents } from '../shared/registry-events';
import { assertDistrictsExist } from '../shared/references';
import { Organization } from './organization.entity';
import type { OrganizationView, UpdateOrganizationCommand } from './organization.dto';
import { applyOrganizationFields, organizationEventData, organizationView } from './organization.view';

@Injectable()
export class UpdateOrganizationUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly events: RegistryEvents,
  ) {}

  async execute(id: string, command: UpdateOrganizationCommand, expectedVersion: number): Promise<OrganizationView> {
    return this.em.transactional(async (em) => {
      const organization = await findOrFail(em, Organization, 'Organization', id);
      assertVersion(organization, expectedVersion, 'Organization');
      const { version: _version, ...fields } = command;
      if (fields.districtIds) await assertDistrictsExist(em, fields.districtIds, 'districtIds');
      applyOrganizationFields(organization, fields);
      await em.flush();
      await this.events.record(em, OrganizationUpdated, { aggregateId: organization.id, data: organizationEventData(organization) });
      return organizationView(organization);
    });
  }
}
